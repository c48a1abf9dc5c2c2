import type { Metadata } from "next";
import { Suspense } from "react";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { ExportPanel } from "@/components/slo/export-panel";
import { OpenSloPanel } from "@/components/slo/openslo-panel";
import { SloBoard } from "@/components/slo/slo-board";
import { Skeleton } from "@/components/ui/skeleton";
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { sloQuery } from "@/lib/query/slo-queries";
import { currentSlos } from "@/lib/slo/service";

export const metadata: Metadata = { title: "SLO" };

export default async function SloPage() {
  // The API checks the role again; this only decides whether the button is offered.
  const canExport = can((await currentUser())?.role, "slo:export");
  return (
    <>
      <h1>SLOs</h1>
      <Suspense fallback={<Skeleton label="SLOs" height={480} />}>
        <PrefetchBoundary queryKey={sloQuery().queryKey} load={async () => (await currentSlos()).response}>
          <SloBoard />
        </PrefetchBoundary>
      </Suspense>
      <div style={{ height: "1rem" }} />
      <ExportPanel canExport={canExport} />
      <div style={{ height: "1rem" }} />
      <OpenSloPanel />
    </>
  );
}
