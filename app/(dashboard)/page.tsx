import type { Metadata } from "next";
import { Suspense } from "react";
import { OverviewCards } from "@/components/overview/overview-cards";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { Skeleton } from "@/components/ui/skeleton";
import { overview } from "@/lib/metrics/overview";
import { pageMetrics, type PageSearchParams } from "@/lib/metrics/page-context";
import { overviewQuery } from "@/lib/query/dashboard-queries";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { ctx, search } = pageMetrics(await searchParams);
  return (
    <>
      <h1>Overview</h1>
      <Suspense fallback={<Skeleton label="staging health" height={320} />}>
        <PrefetchBoundary queryKey={overviewQuery(search).queryKey} load={() => overview(ctx())}>
          <OverviewCards search={search} />
        </PrefetchBoundary>
      </Suspense>
    </>
  );
}
