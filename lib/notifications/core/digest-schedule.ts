import { CronExpressionParser } from "cron-parser";
import { lastCompleteWeek, type DigestWeek } from "./digest-week";

/**
 * When the weekly digest is due (decision 0029): at each occurrence of the schedule's cron, in
 * its time zone, the last week complete at that moment is owed. A leader that was down at that
 * moment catches up for a day after it; later, the week is left to an admin's "send now" (news
 * three days late is not a digest). Pure: the caller passes the time.
 */

export const DIGEST_CATCH_UP_MS = 24 * 3_600_000;

export type DigestSchedule = { cron: string; timeZone: string };

/** The week owed at `now`, or null when no occurrence was in the last day. */
export function dueDigestWeek(now: number, schedule: DigestSchedule): DigestWeek | null {
  // prev() is strictly before its start: +1 ms makes an occurrence at `now` itself count.
  const it = CronExpressionParser.parse(schedule.cron, { tz: schedule.timeZone, currentDate: new Date(now + 1) });
  const at = it.prev().getTime();
  return now - at <= DIGEST_CATCH_UP_MS ? lastCompleteWeek(at) : null;
}
