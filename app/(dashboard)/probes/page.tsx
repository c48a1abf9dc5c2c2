import type { Metadata } from "next";
import { Suspense } from "react";
import { ProbesTable } from "@/components/probes/probes-table";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { Skeleton } from "@/components/ui/skeleton";
import { probesResponse } from "@/lib/probes/view/views";
import { probesQuery } from "@/lib/query/probe-queries";
import { MaintenanceSection } from "../maintenance-section";

export const metadata: Metadata = { title: "Probes" };
export const dynamic = "force-dynamic";

export default function ProbesPage() {
  return (
    <>
      <h1>Probes</h1>
      <p className="muted">
        Every endpoint in the staging config, checked on its own interval. A state changes only after several results
        agree; <em>missing</em> means nothing listens there, which is not the same as slow or down.
      </p>
      <Suspense fallback={<Skeleton label="probes" height={360} />}>
        <PrefetchBoundary queryKey={probesQuery().queryKey} load={() => probesResponse(Date.now())}>
          <ProbesTable />
        </PrefetchBoundary>
      </Suspense>
      {/* Last: each probe's row carries its own maintenance mark; streamed in here, it moves nothing. */}
      <div style={{ height: "1rem" }} />
      <MaintenanceSection />
    </>
  );
}
