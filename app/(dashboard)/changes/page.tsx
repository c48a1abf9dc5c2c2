import type { Metadata } from "next";
import { Suspense } from "react";
import { ChangesList } from "@/components/changes/changes-list";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { Skeleton } from "@/components/ui/skeleton";
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { changes } from "@/lib/metrics/changes";
import { changesQuery } from "@/lib/query/dashboard-queries";
import { pageMetrics, type PageSearchParams } from "@/lib/server/page-metrics";

export const metadata: Metadata = { title: "Changes" };

export default async function ChangesPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { ctx, search } = pageMetrics(await searchParams);
  const user = await currentUser();
  const showActors = user !== null && can(user.role, "changes:actors");
  return (
    <>
      <h1>Changes</h1>
      <p className="muted">
        Deploys, traffic moves, connector, Cloud SQL, secret and IAM changes from the Admin Activity audit log. A change
        near a failure is a correlation in time, not a confirmed cause.
      </p>
      <Suspense fallback={<Skeleton label="changes" height={320} />}>
        <PrefetchBoundary queryKey={changesQuery(search).queryKey} load={() => changes(ctx(), {}, showActors)}>
          <ChangesList search={search} />
        </PrefetchBoundary>
      </Suspense>
    </>
  );
}
