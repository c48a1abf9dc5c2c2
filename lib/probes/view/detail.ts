import "server-only";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import type { StoreDb } from "@/lib/store/db";
import { percentile } from "@/lib/probes/core/histogram";
import { conditionsOf, probeTypeOf } from "@/lib/config/core/probe-kinds";
import { countsByProbe, lastWindow, latencyByProbe, uptimeOf } from "@/lib/probes/store/store-reads";
import type { ConditionResult } from "@/lib/conditions/core/result";
import type {
  PhaseStats,
  PhaseTiming,
  ProbeDetail,
  ProbeResult,
  ProbeSummary,
  StateChange,
} from "@/lib/probes/core/types";

const HOUR = 3_600_000;

/** The target as engineers need to see it (its type says how); never userinfo, headers or a query string. */
export function describeTarget(p: ProbeConfig): string {
  return probeTypeOf(p).describeTarget(p);
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export async function lastResult(db: StoreDb, p: ProbeConfig): Promise<ProbeResult | null> {
  const row = await db
    .selectFrom("probe_result")
    .selectAll()
    .where("probe", "=", p.name)
    .orderBy("checked_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    probe: row.probe,
    type: p.type,
    status: row.status as ProbeResult["status"],
    checkedAt: new Date(row.checked_at).toISOString(),
    durationMs: row.duration_ms,
    failedPhase: row.failed_phase,
    errorClass: row.error_class as ProbeResult["errorClass"],
    errorMessage: row.error_message,
    phases: parseJson<PhaseTiming[]>(row.phases, []),
    conditions: parseJson<ConditionResult[]>(row.conditions, []),
    details: parseJson<ProbeResult["details"]>(row.details, {}),
  };
}

export async function recentChanges(db: StoreDb, probe: string, limit = 20): Promise<StateChange[]> {
  const rows = await db
    .selectFrom("probe_state_change")
    .selectAll()
    .where("probe", "=", probe)
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    probe: r.probe,
    at: new Date(r.at).toISOString(),
    from: r.from_status as StateChange["from"],
    to: r.to_status as StateChange["to"],
    reason: r.reason,
  }));
}

/** Everything the detail page shows for one probe, read from the store. */
export async function probeDetail(
  db: StoreDb,
  p: ProbeConfig,
  summary: ProbeSummary,
  now: number,
  minuteHorizon = -Infinity,
): Promise<ProbeDetail> {
  const windows = { "1h": HOUR, "24h": 24 * HOUR, "7d": 7 * 24 * HOUR, "30d": 30 * 24 * HOUR } as const;
  const [last, changes, ...uptimes] = await Promise.all([
    lastResult(db, p),
    recentChanges(db, p.name),
    ...Object.values(windows).map((ms) => countsByProbe(db, lastWindow(now, ms), [p.name], minuteHorizon)),
  ]);
  const phaseStats: PhaseStats[] = [];
  // The phases its type times, in the order an attempt goes through them, then the whole.
  const order = [...probeTypeOf(p).phaseOrder(p), "total"];
  for (const phase of order) {
    const lat = (await latencyByProbe(db, phase, lastWindow(now, 24 * HOUR), [p.name], minuteHorizon)).get(p.name);
    if (!lat || lat.n === 0) continue;
    phaseStats.push({
      phase,
      n: lat.n,
      p50: percentile(lat.hist, 50, lat.maxMs),
      p95: percentile(lat.hist, 95, lat.maxMs),
      p99: percentile(lat.hist, 99, lat.maxMs),
    });
  }
  const [h1, h24, d7, d30] = uptimes.map((c) => uptimeOf(c.get(p.name)));
  return {
    summary,
    target: describeTarget(p),
    timeoutMs: p.timeoutMs,
    conditions: conditionsOf(p).map((c) => c.text),
    lastResult: last,
    changes,
    uptime: { "1h": h1 ?? null, "24h": h24 ?? null, "7d": d7 ?? null, "30d": d30 ?? null },
    phases24h: phaseStats,
  };
}
