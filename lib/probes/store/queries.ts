import "server-only";
import { getEnv } from "@/lib/config/env";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import { getStagingConfig } from "@/lib/config/staging-config";
import { getStore, type StoreDb } from "@/lib/store/db";
import { suspectedCauses } from "@/lib/probes/core/cause";
import { resultAge } from "@/lib/probes/core/freshness";
import { percentile } from "@/lib/probes/core/histogram";
import { countsByProbe, lastWindow, latencyByProbe, uptimeOf } from "./store-reads";
import type { AttemptStatus, ProbeStatus, ProbeSummary } from "@/lib/probes/core/types";
import { processSlot } from "@/lib/base/singleton";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type StateRow = {
  status: ProbeStatus;
  flapping: boolean;
  lastCheckedAt: number | null;
  lastStatus: AttemptStatus | null;
  lastDurationMs: number | null;
  lastError: string | null;
};

/** Flap-controlled state per probe, as the engine last stored it. */
export async function stateRows(db: StoreDb, names: readonly string[]): Promise<Map<string, StateRow>> {
  const rows = names.length
    ? await db
        .selectFrom("probe_state")
        .selectAll()
        .where("probe", "in", [...names])
        .execute()
    : [];
  return new Map(
    rows.map((r) => [
      r.probe,
      {
        status: (r.flapping ? "flapping" : r.status) as ProbeStatus,
        flapping: r.flapping === 1,
        lastCheckedAt: r.last_checked_at,
        lastStatus: r.last_status as AttemptStatus | null,
        lastDurationMs: r.last_duration_ms,
        lastError: r.last_error,
      },
    ]),
  );
}

/** The oldest time minute roll-ups are still kept for; longer windows are summed from hours and days. */
export function minuteHorizon(now: number): number {
  return now - getEnv().PROBE_ROLLUP_RETENTION_DAYS * DAY + 60_000;
}

function unknownSummary(p: ProbeConfig): ProbeSummary {
  return {
    name: p.name,
    type: p.type,
    description: p.description ?? null,
    goldenPath: p.goldenPath,
    dependsOn: p.dependsOn,
    service: p.service ?? null,
    status: "unknown",
    stale: false,
    flapping: false,
    lastAttemptStatus: null,
    lastCheckedAt: null,
    lastLatencyMs: null,
    lastError: null,
    uptime24h: null,
    uptime7d: null,
    p95Ms24h: null,
    suspectedCause: null,
    intervalSeconds: p.intervalSeconds,
  };
}

const CACHE_MS = 5_000;
const cache = processSlot<{ at: number; value: Promise<ProbeSummary[]> }>("probe-summaries");

/** Drops the cached summaries (after "run now", so the next read shows the new result). */
export function invalidateProbeSummaries(): void {
  cache.clear();
}

/**
 * One summary per configured probe, in config order. Without a store (or before any result)
 * every figure is null and the status `unknown`: never a guess. Reads within 5 s share one
 * computation: with thousands of targets it is tens of milliseconds of store work, and no
 * target is probed more often than every 5 s.
 */
export function probeSummaries(now: number): Promise<ProbeSummary[]> {
  const hit = cache.get();
  if (hit && Math.abs(now - hit.at) < CACHE_MS) return hit.value;
  const value = computeSummaries(now);
  cache.set({ at: now, value });
  value.catch(() => invalidateProbeSummaries());
  return value;
}

async function computeSummaries(now: number): Promise<ProbeSummary[]> {
  const probes = getStagingConfig().probes;
  const base = probes.map(unknownSummary);
  let db: StoreDb;
  try {
    db = (await getStore()).db;
  } catch (err) {
    console.error("probe summaries: store unavailable:", err);
    return base;
  }
  const names = probes.map((p) => p.name);
  const [states, day, week, latency] = await Promise.all([
    stateRows(db, names),
    countsByProbe(db, lastWindow(now, DAY), names, minuteHorizon(now)),
    countsByProbe(db, lastWindow(now, 7 * DAY), names, minuteHorizon(now)),
    latencyByProbe(db, "total", lastWindow(now, DAY), names, minuteHorizon(now)),
  ]);
  const summaries = probes.map((p): ProbeSummary => {
    const s = unknownSummary(p);
    const st = states.get(s.name);
    const lat = latency.get(s.name);
    // A summary's `stale` is an old result; no result at all is the status "unknown" alone.
    const stale = resultAge(p, st?.lastCheckedAt ?? null, now).kind === "stale";
    return {
      ...s,
      status: st && !stale ? st.status : "unknown",
      stale,
      flapping: st?.flapping ?? false,
      lastAttemptStatus: st?.lastStatus ?? null,
      lastCheckedAt: st?.lastCheckedAt ? new Date(st.lastCheckedAt).toISOString() : null,
      lastLatencyMs: st?.lastDurationMs ?? null,
      lastError: st?.lastError ?? null,
      uptime24h: uptimeOf(day.get(s.name)),
      uptime7d: uptimeOf(week.get(s.name)),
      p95Ms24h: lat ? percentile(lat.hist, 95, lat.maxMs) : null,
    };
  });
  const causes = suspectedCauses(
    new Map(summaries.map((s) => [s.name, s.status])),
    new Map(summaries.map((s) => [s.name, s.dependsOn])),
  );
  return summaries.map((s) => ({ ...s, suspectedCause: causes.get(s.name) ?? null }));
}
