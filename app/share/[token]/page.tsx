import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { SharedReadinessView } from "@/components/readiness/shared-readiness";
import { Providers } from "@/components/shell/providers";
import { sharedReadinessQuery } from "@/lib/query/readiness-queries";
import { publicReadiness } from "@/lib/readiness/share-service";

export const metadata: Metadata = { title: "Demo readiness", robots: { index: false, follow: false }, referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/**
 * Public: no session, no dashboard shell, no links into the dashboard. The token is checked
 * before anything renders, so an expired, revoked or forged one is a 404 with the
 * not-found page, never a verdict.
 */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
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
