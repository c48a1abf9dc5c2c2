"use client";

import { useQuery } from "@tanstack/react-query";
import { FetchError } from "@/lib/query/fetch-json";
import { formatDateTime } from "@/lib/core/format";
import { REFRESH_MS } from "@/lib/query/dashboard-queries";
import { sharedReadinessQuery } from "@/lib/query/readiness-queries";
import { ReasonList } from "./reason-list";
import { VerdictHeadline } from "./verdict-headline";

/**
 * The public view behind a share link: the verdict and its reasons, refreshed every 30 s
 * until the link expires or is revoked — then it says so and shows nothing else.
 */
export function SharedReadinessView({ token }: { token: string }) {
  const query = useQuery({ ...sharedReadinessQuery(token), refetchInterval: REFRESH_MS });
  const error = query.error;
  if (error instanceof FetchError && (error.status === 404 || error.status === 410)) {
    return (
      <section className="card" role="alert" data-testid="share-gone">
        <h1>This link no longer works</h1>
        <p>{error.message}</p>
      </section>
    );
  }
  const v = query.data;
  if (!v) return <p className="muted">Loading the verdict…</p>;
  const stale = query.isError;
  return (
    <>
      <h1>Demo readiness</h1>
      <VerdictHeadline verdict={v.verdict} summary={v.summary} checkedAt={v.checkedAt} stale={stale} />
      <section className="card" aria-labelledby="shared-reasons-title">
        <h2 id="shared-reasons-title">Why</h2>
        <ReasonList reasons={v.reasons} />
      </section>
      <p className="muted share-footer">
        This shared link shows only the demo verdict. It works until {formatDateTime(v.expiresAt)}.
      </p>
    </>
  );
}
