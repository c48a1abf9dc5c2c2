import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { SharedReadinessView } from "@/components/readiness/shared-readiness";
import { Providers } from "@/components/shell/providers";
import { sharedReadinessQuery } from "@/lib/query/readiness-queries";
import { publicReadiness } from "@/lib/readiness/share-service";
import { shareLimit } from "@/lib/security/share-limit";

export const metadata: Metadata = {
  title: "Demo readiness",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};
export const dynamic = "force-dynamic";

/**
 * Public: no session, no dashboard shell, no links into the dashboard. The token is checked
 * before anything renders, so an expired, revoked or forged one is a 404 with the
 * not-found page, never a verdict.
 */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  // Shares the API's per-address budget, so guessing tokens through the page is limited too.
  // A page cannot answer 429, so it says so instead of showing anything.
  const limited = await shareLimit(await headers());
  if (limited) {
    return (
      <main className="share-page">
        <p role="alert">{limited.message}</p>
      </main>
    );
  }
  const { token } = await params;
  const r = await publicReadiness(token);
  if (!r.ok) notFound();
  return (
    <main className="share-page">
      <Providers>
        <PrefetchBoundary queryKey={sharedReadinessQuery(token).queryKey} load={async () => r.view}>
          <SharedReadinessView token={token} />
        </PrefetchBoundary>
      </Providers>
    </main>
  );
}
