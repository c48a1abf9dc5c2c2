import type { Metadata } from "next";
import { Suspense } from "react";
import { ConnectorCharts } from "@/components/connector/connector-charts";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { Skeleton } from "@/components/ui/skeleton";
import { connector } from "@/lib/metrics/connector";
import { pageMetrics, type PageSearchParams } from "@/lib/server/page-metrics";
import { connectorQuery } from "@/lib/query/dashboard-queries";

export const metadata: Metadata = { title: "VPC connector" };

export default async function ConnectorPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { ctx, search } = pageMetrics(await searchParams);
  return (
    <>
      <h1>VPC connector</h1>
      <Suspense fallback={<Skeleton label="connector charts" height={480} />}>
        <PrefetchBoundary queryKey={connectorQuery(search).queryKey} load={() => connector(ctx())}>
          <ConnectorCharts search={search} />
        </PrefetchBoundary>
      </Suspense>
    </>
  );
}
