/**
 * Issue 4's goal for the shared cache: 100 viewers cost Google no more than 1.1× the
 * ListTimeSeries calls of one viewer. The ratio only means something when both runs measured
 * something and every request was answered: zero calls (nothing read upstream, or the stats
 * counter not moving) or any failed request is a FAIL with its reason, never a ratio of 1.
 */

export type PollResult = { listTimeSeries: number; requests: number; errors: number };

export type CallVerdict = { pass: boolean; ratio: number; reasons: string[] };

export const MAX_CALL_RATIO = 1.1;

export function overviewCallVerdict(one: PollResult, hundred: PollResult): CallVerdict {
  const reasons: string[] = [];
  for (const [label, run] of [
    ["1 viewer", one],
    ["100 viewers", hundred],
  ] as const) {
    if (run.requests === 0) reasons.push(`${label}: no requests were made`);
    if (run.errors > 0) reasons.push(`${label}: ${run.errors} of ${run.requests} requests failed`);
    if (run.listTimeSeries <= 0) reasons.push(`${label}: ${run.listTimeSeries} ListTimeSeries calls counted`);
  }
  const ratio = one.listTimeSeries > 0 ? hundred.listTimeSeries / one.listTimeSeries : NaN;
  if (Number.isFinite(ratio) && ratio > MAX_CALL_RATIO)
    reasons.push(`ratio ${ratio.toFixed(2)} is over ${MAX_CALL_RATIO}`);
  return { pass: reasons.length === 0, ratio, reasons };
}
