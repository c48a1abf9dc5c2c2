/**
 * ISO weeks in UTC for the weekly digest: "2026-W49" is Monday 00:00 UTC to the next Monday.
 * A week is the same span on every replica whatever the schedule's time zone, so one week has
 * one digest. Pure: the caller passes the time.
 */

const WEEK_MS = 7 * 86_400_000;
export const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

export type DigestWeek = { id: string; start: number; end: number };

/** Monday 00:00 UTC of ISO week 1 of `year` (the week holding 4 January). */
function week1Start(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  return jan4 - weekday * 86_400_000;
}

const weeksIn = (year: number) => Math.round((week1Start(year + 1) - week1Start(year)) / WEEK_MS);

/** The week "YYYY-Www", or why it is not one (e.g. 2026-W99). */
export function parseWeek(text: string): DigestWeek | { problem: string } {
  const m = WEEK_PATTERN.exec(text);
  if (!m) return { problem: "must be an ISO week like 2026-W49" };
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 2000 || year > 2999) return { problem: "must be a year between 2000 and 2999" };
  if (week < 1 || week > weeksIn(year)) return { problem: `${year} has weeks 01 to ${weeksIn(year)}` };
  const start = week1Start(year) + (week - 1) * WEEK_MS;
  return { id: text, start, end: start + WEEK_MS };
}

/** The ISO week holding the instant `t`. */
export function weekOf(t: number): DigestWeek {
  const day = new Date(t);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  const start = midnight - ((day.getUTCDay() + 6) % 7) * 86_400_000;
  // The ISO year is the year of the week's Thursday.
  const year = new Date(start + 3 * 86_400_000).getUTCFullYear();
  const week = Math.round((start - week1Start(year)) / WEEK_MS) + 1;
  return { id: `${year}-W${String(week).padStart(2, "0")}`, start, end: start + WEEK_MS };
}

/** The last week that had ended by `now`. */
export const lastCompleteWeek = (now: number): DigestWeek => weekOf(weekOf(now).start - 1);

/** The week before. */
export const previousWeek = (w: DigestWeek): DigestWeek => weekOf(w.start - 1);
