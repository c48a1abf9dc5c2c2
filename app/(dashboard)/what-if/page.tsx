import type { Metadata } from "next";
import { Suspense } from "react";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { Skeleton } from "@/components/ui/skeleton";
import { WhatIfView } from "@/components/what-if/what-if-view";
import { getStagingConfig } from "@/lib/config/staging-config";
import { assumptions as modelDefaults } from "@/lib/what-if/core/model/assumptions";
import { pageMetrics, type PageSearchParams } from "@/lib/server/page-metrics";
import { whatIfDefaultsQuery, whatIfQuery } from "@/lib/query/what-if-queries";
import { whatIfDefaults } from "@/lib/what-if/defaults";
import { assumptionsUsed, scenarioFromConfig } from "@/lib/what-if/core/scenario";
import { whatIf } from "@/lib/what-if/what-if";

export const metadata: Metadata = { title: "Capacity what-if" };

export default async function WhatIfPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { ctx, search } = pageMetrics(await searchParams);
  const today = scenarioFromConfig(getStagingConfig());
  return (
    <>
      <h1>Capacity what-if</h1>
      <p className="muted">
        Will the connector and the database survive this many instances starting at once? A prediction from the incident
        model (the one the emulator runs), not a measurement.
      </p>
      <Suspense fallback={<Skeleton label="capacity what-if" height={520} />}>
        {/* Today's prediction and the observed burst come with the first paint; the form refines them. */}
        <PrefetchBoundary queryKey={whatIfQuery(today).queryKey} load={async () => whatIf(today)}>
          <PrefetchBoundary queryKey={whatIfDefaultsQuery(search).queryKey} load={() => whatIfDefaults(ctx())}>
            <WhatIfView today={today} assumptions={assumptionsUsed(modelDefaults)} search={search} />
          </PrefetchBoundary>
        </PrefetchBoundary>
      </Suspense>
    </>
  );
}
