import type { Metadata } from "next";
import { Suspense } from "react";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { EventsTable } from "@/components/startups/events-table";
import { StartupCharts } from "@/components/startups/startup-charts";
import { Skeleton } from "@/components/ui/skeleton";
import { getStagingConfig } from "@/lib/config/staging-config";
import { events } from "@/lib/metrics/events";
import { pageMetrics, type PageSearchParams } from "@/lib/server/page-metrics";
import { startups } from "@/lib/metrics/startups";
import { eventsQuery, startupsQuery } from "@/lib/query/dashboard-queries";
import { eventFilters, eventsSearch } from "@/lib/query/events-search";
import { revisionSchema } from "@/lib/api/metrics-params";
import { CAUSES, type Cause } from "@/lib/core/failure-causes";

export const metadata: Metadata = { title: "Start-ups" };

const asCause = (c: string | undefined): Cause | undefined => CAUSES.find((k) => k === c);

export default async function StartupsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const params = await searchParams;
  const { ctx, search } = pageMetrics(params);
  const services = getStagingConfig()
    .services.filter((s) => s.deployed)
    .map((s) => s.name);
  const f = eventFilters(params);
  // An unknown filter value is left to the API, whose 400 the table shows as its error.
  const serverFilterable =
    (f.service === undefined || services.includes(f.service)) &&
    (f.cause === undefined || asCause(f.cause)) &&
    (f.revision === undefined || revisionSchema.safeParse(f.revision).success);
  return (
    <>
      <h1>Start-ups</h1>
      <Suspense fallback={<Skeleton label="start-up charts" height={480} />}>
        <PrefetchBoundary queryKey={startupsQuery(search).queryKey} load={() => startups(ctx())}>
          <StartupCharts search={search} />
        </PrefetchBoundary>
      </Suspense>
      <div style={{ height: "1rem" }} />
      <Suspense fallback={<Skeleton label="failure events" height={300} />}>
        <PrefetchBoundary
          queryKey={eventsQuery(eventsSearch(params)).queryKey}
          load={() =>
            serverFilterable
              ? events(ctx(), {
                  service: f.service,
                  revision: f.revision,
                  cause: asCause(f.cause),
                  page: f.page,
                  pageSize: 50,
                })
              : Promise.reject(new Error("invalid filter"))
          }
        >
          <EventsTable services={services} />
        </PrefetchBoundary>
      </Suspense>
    </>
  );
}
