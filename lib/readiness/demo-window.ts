import { formatClock } from "@/lib/core/format";

/**
 * The window whose changes Readiness lists. Without a demo time: the last hour, the longest any
 * readiness check looks back. With one (`?demoAt=`): the demo window, from an hour before the
 * demo (a last-minute deploy is what breaks a demo) to an hour after it (the call), as far as
 * it has happened — a demo still ahead shows the changes up to now. Ends are whole minutes, so
 * every viewer of the same window shares one cached read.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** The API's shortest custom range. */
const MIN_SPAN_MS = 5 * MINUTE_MS;

export type DemoChangesWindow = { search: string; title: string; empty: string };

const iso = (ms: number) => new Date(ms).toISOString();

export function demoChangesWindow(demoAt: Date | undefined, nowMs: number): DemoChangesWindow {
  const now = Math.ceil(nowMs / MINUTE_MS) * MINUTE_MS;
  if (!demoAt)
    return {
      search: "range=1h",
      title: "Changes in the last hour",
      empty: "Nothing was deployed or reconfigured in the last hour.",
    };
  const at = demoAt.getTime();
  const from = Math.min(at - HOUR_MS, now - HOUR_MS);
  const to = Math.max(Math.min(at + HOUR_MS, now), from + MIN_SPAN_MS);
  const when = formatClock(demoAt.toISOString());
  const ahead = at > nowMs;
  return {
    search: `range=custom&from=${iso(from)}&to=${iso(to)}`,
    title: ahead ? `Changes before your demo at ${when}, up to now` : `Changes around your demo at ${when}`,
    empty: ahead
      ? `Nothing was deployed or reconfigured in the last hour; your demo at ${when} is still ahead.`
      : `Nothing was deployed or reconfigured from an hour before your demo at ${when} to ${at + HOUR_MS <= nowMs ? "an hour after it" : "now"}.`,
  };
}
