import { isUsable, type Figure } from "./figure";
import { STARTUP_DOWN_BELOW, STARTUP_TARGET } from "./startups";

export type VerdictStatus = "healthy" | "degraded" | "down" | "unknown";
export type Verdict = { status: VerdictStatus; reason: string };

export type VerdictInput = {
  /** healthy ÷ (healthy + unhealthy) start-ups in the verdict window. */
  startupSuccess: Figure<number>;
  startupCounts: { healthy: number; unhealthy: number };
  databaseUp: Figure<boolean>;
  databaseName: string;
  /** e.g. "the last hour" — names the window in the reason. */
  windowLabel: string;
};

const pct = (r: number) => `${(Math.floor(r * 1000) / 10).toFixed(1)}%`;

function age(f: Figure<unknown>): string {
  return f.ageSeconds === null ? "" : ` (${Math.round(f.ageSeconds / 60)} min old)`;
}

/**
 * Staging's verdict, in order: a fresh fact that says "down" wins; then anything missing or
 * stale makes it unknown (never healthy on old data); then start-up success decides between
 * degraded (< 95%) and healthy. Floors truncate so 94.96% never reads as "95.0%".
 */
export function overviewVerdict(input: VerdictInput): Verdict {
  const { startupSuccess: s, databaseUp: db, startupCounts: c } = input;
  const total = c.healthy + c.unhealthy;

  if (isUsable(db) && !db.value) return { status: "down", reason: `Cloud SQL ${input.databaseName} is down.` };
  if (isUsable(s) && s.value < STARTUP_DOWN_BELOW) {
    return { status: "down", reason: `Start-up success is ${pct(s.value)} (${c.healthy} of ${total}) in ${input.windowLabel}, below 50%.` };
  }
  if (s.value === null && !s.stale) return { status: "unknown", reason: `No start-ups were recorded in ${input.windowLabel}, so start-up success is unknown.` };
  if (s.value === null || s.stale) return { status: "unknown", reason: `Start-up data is stale${age(s)}; the current state is unknown.` };
  if (db.value === null) return { status: "unknown", reason: `No recent "up" data for Cloud SQL ${input.databaseName}; the database state is unknown.` };
  if (db.stale) return { status: "unknown", reason: `Cloud SQL ${input.databaseName} data is stale${age(db)}; the database state is unknown.` };
  if (s.value < STARTUP_TARGET) {
    return { status: "degraded", reason: `Start-up success is ${pct(s.value)} (${c.healthy} of ${total}) in ${input.windowLabel}, below the 95% target.` };
  }
  return { status: "healthy", reason: `Start-up success is ${pct(s.value)} (${c.healthy} of ${total}) in ${input.windowLabel}, and the database is up.` };
}
