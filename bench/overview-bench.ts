import os from "node:os";
import autocannon from "autocannon";
import type { StatsResponse } from "@/lib/metrics/schemas";
import { MAX_CALL_RATIO, overviewCallVerdict } from "./lib/overview-verdict";
import { cpuSeconds } from "./lib/proc";

/**
 * Issue 4's bench: does the shared cache keep Google's quota flat as viewers multiply, and
 * how much slower is a warm /api/overview than a bare JSON route?
 */

const POLL_MS = 5_000;
// range=1h is aligned at 60 s, so its answers are cached for 60 s (lib/gcp/alignment.ts).
const RANGE = "range=1h";
const TTL_MS = 60_000;
// Issue 14: at least three minutes, so minute boundaries (where a rolling range's key moves) are counted.
const DURATION_MS = 180_000;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function stats(baseURL: string, cookie: string): Promise<StatsResponse> {
  const res = await fetch(`${baseURL}/api/internal/stats`, { headers: { cookie } });
  if (!res.ok) throw new Error(`/api/internal/stats answered ${res.status}`);
  return (await res.json()) as StatsResponse;
}

/** `viewers` each poll /api/overview every 5 s for 3 minutes (staggered); returns upstream calls and latencies. */
async function poll(baseURL: string, cookie: string, viewers: number, adminCookie: string) {
  const before = await stats(baseURL, adminCookie);
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: viewers }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i / viewers) * POLL_MS));
      while (Date.now() < end) {
        const started = performance.now();
        const res = await fetch(`${baseURL}/api/overview?${RANGE}`, { headers: { cookie } }).catch(() => null);
        if (res?.ok) await res.arrayBuffer();
        else errors++;
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, Math.max(0, POLL_MS - (performance.now() - started))));
      }
    }),
  );
  const after = await stats(baseURL, adminCookie);
  latencies.sort((a, b) => a - b);
  return {
    listTimeSeries: after.listTimeSeries - before.listTimeSeries,
    requests: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function load(url: string, cookie: string, duration = 10): Promise<{ rate: number; total: number }> {
  const result = await autocannon({ url, connections: 10, duration, headers: { cookie } });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers under load`);
  // Connection errors and time-outs are not in non2xx; a rate over failed requests is no rate.
  if (result.errors > 0 || result.timeouts > 0)
    throw new Error(`${url}: ${result.errors} request errors, ${result.timeouts} time-outs under load`);
  if (result.requests.total === 0) throw new Error(`${url}: no request completed`);
  return { rate: result.requests.average, total: result.requests.total };
}

/** One target under load: its rate and the server's CPU seconds per answer meanwhile. */
async function measure(url: string, cookie: string, pid: number, duration: number) {
  const cpu = cpuSeconds(pid);
  const { rate, total } = await load(url, cookie, duration);
  return { rate, cpuPerRequest: (cpuSeconds(pid) - cpu) / total };
}

/**
 * Waits until the cache has just refreshed, then half a TTL more, so a 60 s window holds
 * exactly one refresh for any number of viewers and the two counts are comparable.
 */
async function alignToRefresh(baseURL: string, cookie: string): Promise<void> {
  const start = (await stats(baseURL, cookie)).listTimeSeries;
  const deadline = Date.now() + 3 * TTL_MS;
  while (Date.now() < deadline) {
    await fetch(`${baseURL}/api/overview?${RANGE}`, { headers: { cookie } });
    if ((await stats(baseURL, cookie)).listTimeSeries > start) break;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  await new Promise((r) => setTimeout(r, TTL_MS / 2));
}

export async function benchOverview(baseURL: string, cookie: string, adminCookie: string): Promise<string[]> {
  await alignToRefresh(baseURL, adminCookie);
  const one = await poll(baseURL, cookie, 1, adminCookie);
  await alignToRefresh(baseURL, adminCookie);
  const hundred = await poll(baseURL, cookie, 100, adminCookie);
  const calls = overviewCallVerdict(one, hundred);
  const lines = [
    `overview, 1 viewer polling every 5 s for 180 s (probes and background evaluators off): ${one.listTimeSeries} ListTimeSeries calls, ${one.requests} requests, ${one.errors} errors, p50 ${one.p50.toFixed(0)} ms, p99 ${one.p99.toFixed(0)} ms`,
    `overview, 100 viewers polling every 5 s for 180 s: ${hundred.listTimeSeries} ListTimeSeries calls, ratio to 1 viewer ${calls.ratio.toFixed(2)} (goal ≤ ${MAX_CALL_RATIO}, with calls counted and no failed request) ${calls.pass ? "PASS" : `FAIL (${calls.reasons.join("; ")})`}; ${hundred.requests} requests, ${hundred.errors} errors, p50 ${hundred.p50.toFixed(0)} ms, p99 ${hundred.p99.toFixed(0)} ms`,
  ];
  return lines;
}

const WARM_ROUNDS = 12;
const WARM_ROUND_S = 2;

/**
 * Issue 4/28: warm /api/overview against the bare /api/health in the same run (autocannon,
 * 10 connections). A single pair of 10-s runs read 0.55 one run and 1.38 the next: on a shared
 * machine a neighbour's burst lands on one target's run and not the other's. So the two are
 * interleaved in short rounds (alternating which goes first), each round gives one ratio, and
 * the figure is the median of the rounds with their spread. Beside it, the server's own CPU time
 * per answer (from /proc), which a neighbour's load changes far less than a rate: the ratio of
 * those is what the throughput ratio would be on an idle machine with the server CPU-bound.
 * autocannon sends no If-None-Match: this is the full 200 path.
 */
export async function benchWarmOverview(baseURL: string, cookie: string, pid: number | undefined): Promise<string[]> {
  if (!pid) throw new Error("no server process id");
  const warm = await fetch(`${baseURL}/api/overview?${RANGE}`, { headers: { cookie } });
  if (!warm.ok) throw new Error(`warm /api/overview answered ${warm.status}`);
  const bytes = (await warm.arrayBuffer()).byteLength;
  const health = `${baseURL}/api/health`;
  const overviewUrl = `${baseURL}/api/overview?${RANGE}`;
  // Both routes warmed under the same load first: whichever ran first otherwise paid the JIT's
  // warm-up of Next's own request path (health read 300 req/s first, overview 415 after it).
  await load(health, cookie, 3);
  await load(overviewUrl, cookie, 3);
  type Round = { bare: number; overview: number; ratio: number; cpuRatio: number };
  const rounds: Round[] = [];
  for (let i = 0; i < WARM_ROUNDS; i++) {
    const pair =
      i % 2 === 0
        ? [await measure(health, cookie, pid, WARM_ROUND_S), await measure(overviewUrl, cookie, pid, WARM_ROUND_S)]
        : [
            await measure(overviewUrl, cookie, pid, WARM_ROUND_S),
            await measure(health, cookie, pid, WARM_ROUND_S),
          ].reverse();
    const [bare, overview] = pair as [Awaited<ReturnType<typeof measure>>, Awaited<ReturnType<typeof measure>>];
    rounds.push({
      bare: bare.rate,
      overview: overview.rate,
      ratio: overview.rate / bare.rate,
      cpuRatio: bare.cpuPerRequest / overview.cpuPerRequest,
    });
  }
  const med = (pick: (r: Round) => number) =>
    percentile(
      rounds.map(pick).sort((a, b) => a - b),
      50,
    );
  const ratios = rounds.map((r) => r.ratio).sort((a, b) => a - b);
  const cpuRatios = rounds.map((r) => r.cpuRatio).sort((a, b) => a - b);
  const ratio = med((r) => r.ratio);
  const cpuRatio = med((r) => r.cpuRatio);
  const load1 = os.loadavg()[0] ?? NaN;
  return [
    `warm /api/overview ${med((r) => r.overview).toFixed(0)} req/s (${(bytes / 1024).toFixed(1)} KB per answer) vs bare /api/health ${med((r) => r.bare).toFixed(0)} req/s (autocannon, 10 connections, ${WARM_ROUNDS} interleaved rounds of ${WARM_ROUND_S} s; medians; load average ${load1.toFixed(1)}): ratio median ${ratio.toFixed(2)}, spread ${ratios[0]?.toFixed(2)}–${ratios.at(-1)?.toFixed(2)} (goal ≥ 0.8) ${ratio >= 0.8 ? "PASS" : "FAIL"}; server CPU per answer, health/overview: median ${cpuRatio.toFixed(2)}, spread ${cpuRatios[0]?.toFixed(2)}–${cpuRatios.at(-1)?.toFixed(2)}`,
  ];
}
