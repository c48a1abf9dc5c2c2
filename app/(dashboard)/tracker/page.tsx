import type { Metadata } from "next";
import { Suspense } from "react";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { HistoryList } from "@/components/tracker/history-list";
import { Skeleton } from "@/components/ui/skeleton";
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { historyQuery, HISTORY_LIMIT, trackerQuery } from "@/lib/query/tracker-queries";
import { listHistory } from "@/lib/tracker/history";
import { getTrackerView } from "@/lib/tracker/service";
import { defaultTrackerContext } from "@/lib/tracker/state";
import { TrackerClient } from "./client";

export const metadata: Metadata = { title: "Tracker" };

export default async function TrackerPage() {
  const user = await currentUser();
  // The API checks the role on every write; this only decides which controls to show.
  const canEdit = can(user?.role, "tracker:edit");
  return (
    <>
      <h1>Resolution tracker</h1>
      <Suspense fallback={<Skeleton label="the resolution tracker" height={480} />}>
        <PrefetchBoundary queryKey={trackerQuery().queryKey} load={() => getTrackerView(Date.now())}>
          <TrackerClient canEdit={canEdit} />
        </PrefetchBoundary>
      </Suspense>
      <div style={{ height: "1rem" }} />
      <Suspense fallback={<Skeleton label="the history" height={200} />}>
        <PrefetchBoundary
          queryKey={historyQuery().queryKey}
          load={async () => listHistory(await defaultTrackerContext(), { limit: HISTORY_LIMIT })}
        >
          <HistoryList />
        </PrefetchBoundary>
      </Suspense>
    </>
  );
}
