/**
 * Upstream RPCs made by this process (every page and every retry counts), so the bench and
 * /api/internal/stats can show how many Google reads 100 viewers really cost. Kept on
 * globalThis because Next can load one module once per route bundle.
 */
type Counts = { listTimeSeries: number; listLogEntries: number };

const holder = globalThis as unknown as { __stagewatchUpstreamCalls?: Counts };

function counts(): Counts {
  holder.__stagewatchUpstreamCalls ??= { listTimeSeries: 0, listLogEntries: 0 };
  return holder.__stagewatchUpstreamCalls;
}

export function countUpstreamCall(method: keyof Counts): void {
  counts()[method] += 1;
}

export type UpstreamCallCounts = Counts & { total: number };

export function upstreamCalls(): UpstreamCallCounts {
  const c = counts();
  return {
    listTimeSeries: c.listTimeSeries,
    listLogEntries: c.listLogEntries,
    total: c.listTimeSeries + c.listLogEntries,
  };
}
