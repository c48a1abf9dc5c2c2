import type { Metadata } from "next";
import { Suspense } from "react";
import { DatabaseCharts } from "@/components/database/database-charts";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { Skeleton } from "@/components/ui/skeleton";
import { database } from "@/lib/metrics/database";
import { pageMetrics, type PageSearchParams } from "@/lib/server/page-metrics";
import { databaseQuery } from "@/lib/query/dashboard-queries";

export const metadata: Metadata = { title: "Cloud SQL" };

export default async function DatabasePage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { ctx, search } = pageMetrics(await searchParams);
  return (
    <>
      <h1>Cloud SQL</h1>
      <Suspense fallback={<Skeleton label="database charts" height={480} />}>
        <PrefetchBoundary queryKey={databaseQuery(search).queryKey} load={() => database(ctx())}>
          <DatabaseCharts search={search} />
        </PrefetchBoundary>
      </Suspense>
    </>
  );
}
