import "server-only";
import { Suspense } from "react";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { Skeleton } from "@/components/ui/skeleton";
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { getStagingConfig } from "@/lib/config/staging-config";
import { listMaintenance } from "@/lib/maintenance/service";
import { maintenanceQuery } from "@/lib/query/maintenance-queries";
import { MaintenancePanel } from "@/components/maintenance/maintenance-panel";

/** The maintenance panel of a page, prefetched on the server with what the user may do. */
export async function MaintenanceSection() {
  const user = await currentUser();
  const config = getStagingConfig();
  const scopes = [
    "everything",
    ...config.services.filter((s) => s.deployed).map((s) => `service:${s.name}`),
    ...config.probes.map((p) => `probe:${p.name}`),
  ];
  return (
    <Suspense fallback={<Skeleton label="maintenance" height={60} />}>
      <PrefetchBoundary queryKey={maintenanceQuery().queryKey} load={() => listMaintenance(Date.now())}>
        <MaintenancePanel canManage={can(user?.role, "maintenance:manage")} scopes={scopes} />
      </PrefetchBoundary>
    </Suspense>
  );
}
