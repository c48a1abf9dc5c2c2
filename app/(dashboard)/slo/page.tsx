import type { Metadata } from "next";
import { Suspense } from "react";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { SloBoard } from "@/components/slo/slo-board";
import { Skeleton } from "@/components/ui/skeleton";
import { sloQuery } from "@/lib/query/slo-queries";
import { currentSlos } from "@/lib/slo/service";

export const metadata: Metadata = { title: "SLO" };

export default function SloPage() {
  return (
    <>
      <h1>Start-up SLO</h1>
      <Suspense fallback={<Skeleton label="start-up SLOs" height={480} />}>
        <PrefetchBoundary queryKey={sloQuery().queryKey} load={async () => (await currentSlos()).response}>
          <SloBoard />
        </PrefetchBoundary>
      </Suspense>
    </>
  );
}
