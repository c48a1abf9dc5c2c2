import "server-only";
import { Suspense } from "react";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { OVERVIEW_HEIGHTS } from "@/components/overview/overview-skeleton";
import { Skeleton } from "@/components/ui/skeleton";
import { overviewSloQuery } from "@/lib/query/slo-queries";
import { currentSlos } from "@/lib/slo/service";
import { sloResponseFor } from "@/lib/slo/view";
import { ErrorBudgetCard } from "./error-budget-card";

/** The Overview's error-budget card with its own Suspense boundary and server prefetch. */
export function ErrorBudgetSection() {
  return (
    <Suspense fallback={<Skeleton label="error budget" height={OVERVIEW_HEIGHTS.errorBudget} />}>
      <PrefetchBoundary
        queryKey={overviewSloQuery().queryKey}
        load={async () => sloResponseFor((await currentSlos()).response, "all")}
      >
        <ErrorBudgetCard />
      </PrefetchBoundary>
    </Suspense>
  );
}
