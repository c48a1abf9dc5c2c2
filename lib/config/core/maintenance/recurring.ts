import { CronExpressionParser } from "cron-parser";
import type { MaintenanceWindow, RecurringWindow } from "./types";

/**
 * Occurrences of recurring config windows, read with cron-parser in the window's own time
 * zone (so "0 2 * * 4" in Europe/Berlin starts at 02:00 Berlin time on both sides of a
 * daylight-saving change). Pure: the caller passes the time.
 */

/** Why a cron expression or time zone cannot be used, or null when it can. */
export function cronProblem(cron: string, timeZone: string): string | null {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    return `unknown time zone "${timeZone}"`;
  }
  // Five fields only: a seconds field would let a window start every second.
  if (cron.trim().split(/\s+/).length !== 5) return "must have five fields (minute hour day month weekday)";
  try {
    CronExpressionParser.parse(cron, { tz: timeZone, strict: false }).next();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

const occurrence = (w: RecurringWindow, start: number): MaintenanceWindow => ({
  id: `${w.id}@${new Date(start).toISOString()}`,
  scope: w.scope,
  reason: w.reason,
  startsAt: start,
  endsAt: start + w.durationMs,
  createdBy: "staging config",
  source: "config",
  recurrence: `${w.cron} (${w.timeZone})`,
  endedEarly: null,
});

/** Occurrences that overlap [from, to): those that started within one duration before `from`, and those starting before `to`. */
export function occurrencesBetween(w: RecurringWindow, from: number, to: number, limit = 1_000): MaintenanceWindow[] {
  const out: MaintenanceWindow[] = [];
  const it = CronExpressionParser.parse(w.cron, {
    tz: w.timeZone,
    currentDate: new Date(from - w.durationMs),
    endDate: new Date(to),
  });
  while (out.length < limit && it.hasNext()) {
    const start = it.next().getTime();
    if (start >= to) break;
    if (start + w.durationMs > from) out.push(occurrence(w, start));
  }
  return out;
}
