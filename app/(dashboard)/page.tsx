import type { Metadata } from "next";
import { Suspense } from "react";
import { GoldenPathStrip } from "@/components/overview/golden-path-strip";
import { OverviewCards } from "@/components/overview/overview-cards";
import { OVERVIEW_HEIGHTS, OverviewSkeleton } from "@/components/overview/overview-skeleton";
import { PhaseProgress } from "@/components/overview/phase-progress";
import { MaintenanceSection } from "./maintenance-section";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { ErrorBudgetSection } from "@/components/slo/error-budget-section";
import { Skeleton } from "@/components/ui/skeleton";
import { overview } from "@/lib/metrics/overview";
import { pageMetrics, type PageSearchParams } from "@/lib/server/page-metrics";
import { overviewQuery } from "@/lib/query/dashboard-queries";
import { goldenPathQuery, phasesQuery } from "@/lib/query/overview-queries";
import { goldenPath } from "@/lib/probes/view/golden-path";
import { trackerSummary } from "@/lib/tracker/summary";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { ctx, search } = pageMetrics(await searchParams);
  return (
    <>
      <h1>Overview</h1>
      <Suspense fallback={<OverviewSkeleton />}>
        <PrefetchBoundary queryKey={overviewQuery(search).queryKey} load={() => overview(ctx())}>
          <OverviewCards search={search} />
        </PrefetchBoundary>
      </Suspense>
      <div className="grid grid-trio" style={{ marginTop: "1rem" }} data-testid="overview-progress">
        <Suspense fallback={<Skeleton label="resolution progress" height={OVERVIEW_HEIGHTS.phases} />}>
          <PrefetchBoundary queryKey={phasesQuery().queryKey} load={() => trackerSummary(Date.now())}>
            <PhaseProgress />
          </PrefetchBoundary>
        </Suspense>
        <Suspense fallback={<Skeleton label="golden path" height={OVERVIEW_HEIGHTS.goldenPath} />}>
          <PrefetchBoundary queryKey={goldenPathQuery().queryKey} load={() => goldenPath(Date.now())}>
            <GoldenPathStrip />
          </PrefetchBoundary>
        </Suspense>
        <ErrorBudgetSection />
      </div>
      {/* Last: the verdict above already says "maintenance"; streamed in here, it moves nothing. */}
      <div style={{ height: "1rem" }} />
      <MaintenanceSection />
    </>
  );
}
