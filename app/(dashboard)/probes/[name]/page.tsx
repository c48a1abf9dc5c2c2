import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { LatencyHistory } from "@/components/probes/latency-history";
import { ProbeDetailView } from "@/components/probes/probe-detail";
import { PrefetchBoundary } from "@/components/query/prefetch-boundary";
import { Skeleton } from "@/components/ui/skeleton";
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { configuredProbe, getProbeDetail, getProbeHistory } from "@/lib/probes/view/views";
import { probeDetailQuery, probeHistoryQuery } from "@/lib/query/probe-queries";
import { rangeSearch, timeRangeOrDefault } from "@/lib/core/time-range";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Probe ${(await params).name}` };
}

export default async function ProbePage({ params, searchParams }: Props) {
  const { name } = await params;
  if (!configuredProbe(name)) notFound();
  const search = await searchParams;
  const user = await currentUser();
  return (
    <>
      <p>
        <Link href="/probes">← All probes</Link>
      </p>
      <h1>Probe {name}</h1>
      <Suspense fallback={<Skeleton label={`probe ${name}`} height={420} />}>
        <PrefetchBoundary queryKey={probeDetailQuery(name).queryKey} load={() => getProbeDetail(name, Date.now())}>
          <ProbeDetailView name={name} canRun={can(user?.role, "probes:run")} />
        </PrefetchBoundary>
      </Suspense>
      <div style={{ height: "1rem" }} />
      <Suspense fallback={<Skeleton label="latency history" height={280} />}>
        <PrefetchBoundary
          queryKey={probeHistoryQuery(name, rangeSearch(search)).queryKey}
          load={() => getProbeHistory(name, timeRangeOrDefault(search, new Date()))}
        >
          <LatencyHistory name={name} search={rangeSearch(search)} />
        </PrefetchBoundary>
      </Suspense>
    </>
  );
}
