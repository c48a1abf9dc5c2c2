import "server-only";
import { Suspense } from "react";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { OVERVIEW_HEIGHTS } from "@/components/overview/overview-skeleton";
import { Skeleton } from "@/components/ui/skeleton";
import { sloQuery } from "@/lib/query/slo-queries";
import { currentSlos } from "@/lib/slo/service";
import { ErrorBudgetCard } from "./error-budget-card";

/** The Overview's error-budget card with its own Suspense boundary and server prefetch. */
export function ErrorBudgetSection() {
  return (
    <Suspense fallback={<Skeleton label="error budget" height={OVERVIEW_HEIGHTS.errorBudget} />}>
      <PrefetchBoundary queryKey={sloQuery().queryKey} load={async () => (await currentSlos()).response}>
        <ErrorBudgetCard />
      </PrefetchBoundary>
    </Suspense>
  );
}
