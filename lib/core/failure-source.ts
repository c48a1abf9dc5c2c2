import {
  zeroCounts,
  type CauseCounts,
  type FailureCounts,
  type FailureCountsByService,
  type FailureWindow,
} from "./failure-causes";

/**
 * Which failure counts the Overview shows: the log-based metrics' counts when they were
 * counting for the whole range, else the log read (complete, or capped and said so). Pure.
 */

export type FailureCountRead =
  | ({ state: "counted"; countingSinceMs: number } & FailureCountsByService)
  | { state: "refused" | "unavailable"; reason: string };

export type FailureSource = "log-metric" | "log-read (capped)";

export type ChosenFailureCounts = {
  totals: CauseCounts;
  windows: FailureWindow[];
  truncated: boolean;
  source: FailureSource;
  /** When the log-based metrics began counting (ISO), or null when there are none. */
  countingSince: string | null;
  /** Why the counts come from where they do, when that is worth saying. */
  note: string | null;
};

const hhmm = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** `service` narrows the metric counts to one service (the log read is narrowed by the caller). */
export function chooseFailureCounts(
  read: FailureCountRead,
  logRead: FailureCounts & { truncated: boolean },
  interval: { startMs: number; endMs: number },
  service?: string,
): ChosenFailureCounts {
  const fromLog = (note: string | null, countingSince: string | null): ChosenFailureCounts => ({
    totals: logRead.totals,
    windows: logRead.windows,
    truncated: logRead.truncated,
    source: "log-read (capped)",
    countingSince,
    note,
  });
  if (read.state !== "counted") return fromLog(read.reason, null);
  // A service without a series had no matching line: zero in every window, from the same windows.
  const zero: FailureCounts = {
    totals: zeroCounts(),
    windows: read.windows.map((w) => ({ t: w.t, counts: zeroCounts() })),
  };
  const picked: FailureCounts = service === undefined ? read : (read.byService[service] ?? zero);
  const counts = { countingSinceMs: read.countingSinceMs, totals: picked.totals, windows: picked.windows };
  const since = new Date(counts.countingSinceMs).toISOString();
  const fromMetric = (note: string | null): ChosenFailureCounts => ({
    totals: counts.totals,
    windows: counts.windows,
    truncated: false,
    source: "log-metric",
    countingSince: since,
    note,
  });
  if (counts.countingSinceMs <= interval.startMs) return fromMetric(null);
  if (!logRead.truncated)
    return fromLog(
      `The log-based metrics count from ${hhmm(counts.countingSinceMs)}, after this range began; these counts are every failure log line of the range, read directly.`,
      since,
    );
  if (counts.countingSinceMs < interval.endMs)
    return fromMetric(
      `Counted since ${hhmm(counts.countingSinceMs)}, when the log-based metrics were created; failures earlier in the range are not in these numbers.`,
    );
  return fromLog(
    `The log-based metrics count from ${hhmm(counts.countingSinceMs)} and have no data for this range yet.`,
    since,
  );
}
