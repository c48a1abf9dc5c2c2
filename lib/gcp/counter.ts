import { processSingleton } from "@/lib/base/singleton";

/**
 * Upstream RPCs made by this process (every page and every retry counts), so the bench and
 * /api/internal/stats can show how many Google reads 100 viewers really cost. One per
 * process (lib/base/singleton.ts).
 */
type Counts = { listTimeSeries: number; listLogEntries: number };

function counts(): Counts {
  return processSingleton<Counts>("upstream-calls", () => ({ listTimeSeries: 0, listLogEntries: 0 }));
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
