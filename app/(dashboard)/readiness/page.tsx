import type { Metadata } from "next";
import { Suspense } from "react";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { RecentChanges } from "@/components/readiness/recent-changes";
import { ShareLinks } from "@/components/readiness/share-links";
import { Skeleton } from "@/components/ui/skeleton";
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { readinessQuery, shareLinksQuery } from "@/lib/query/readiness-queries";
import { demoAtFromSearch } from "@/lib/readiness/schemas";
import { currentReadiness } from "@/lib/readiness/service";
import { listShareLinks } from "@/lib/readiness/share-links";
import { shareContext } from "@/lib/readiness/share-service";
import { readinessView } from "@/lib/readiness/views";
import { MaintenanceSection } from "../maintenance-section";
import { ReadinessClient } from "./client";

export const metadata: Metadata = { title: "Demo readiness" };

export default async function ReadinessPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // A bad demo time in the address is reported next to the form; the verdict is still shown.
  const demo = demoAtFromSearch((await searchParams).demoAt);
  const user = await currentUser();
  // The API checks the role again; this only decides whether the panel is shown.
  const canShare = can(user?.role, "share:create");
  return (
    <>
      <h1>Demo readiness</h1>
      <Suspense fallback={<Skeleton label="the demo verdict" height={260} />}>
        <PrefetchBoundary
          queryKey={readinessQuery(demo.text).queryKey}
          load={async () => readinessView(await currentReadiness(), demo.at)}
        >
          <ReadinessClient demoAt={demo.text} demoAtError={demo.error} />
        </PrefetchBoundary>
      </Suspense>
      <div style={{ height: "1rem" }} />
      <RecentChanges demoAt={demo.at?.toISOString()} />
      {canShare && user ? (
        <Suspense fallback={<Skeleton label="share links" height={120} />}>
          <PrefetchBoundary
            queryKey={shareLinksQuery().queryKey}
            load={async () => {
              const { db, key } = await shareContext();
              return {
                links: await listShareLinks(db, key, Date.now(), {
                  username: user.username,
                  canManage: can(user.role, "share:manage"),
                }),
              };
            }}
          >
            <ShareLinks />
          </PrefetchBoundary>
        </Suspense>
      ) : null}
      {/* Last: the verdict above already says when maintenance holds it; streamed in here, it moves nothing. */}
      <div style={{ height: "1rem" }} />
      <MaintenanceSection />
    </>
  );
}
