import "server-only";
import type { MetricServiceClient } from "@google-cloud/monitoring";
import type { MetricsServiceV2Client } from "@google-cloud/logging-api";
import { grpc } from "google-gax";
import type { AlignedInterval } from "./alignment";
import { remainingMs, type CallBudget } from "./cache";
import { countUpstreamCall } from "./counter";
import {
  CAUSES,
  zeroCounts,
  type Cause,
  type FailureCounts,
  type FailureCountsByService,
} from "@/lib/core/failure-causes";
import { failureMetricSpecs, failureMetricType, type FailureMetricSpec } from "./log-metrics";
import { MAX_PAGES } from "./monitoring";
import { toUpstreamError } from "./upstream-error";
import { processSlot } from "@/lib/base/singleton";

/**
 * Ensures the per-cause log-based counter metrics (get-or-create, a changed filter is put back)
 * and reads their counts from Cloud Monitoring. Without permission to create them, the caller
 * falls back on the capped log read; this module never invents a count.
 */

export type LogMetricsStatus =
  | { state: "ready"; /** When every metric was counting (the newest creation time), ms. */ countingSinceMs: number }
  | { state: "refused"; reason: string };

const timestampMs = (t: { seconds?: unknown; nanos?: number | null } | null | undefined): number | null => {
  const s = Number(String(t?.seconds ?? ""));
  return t && Number.isFinite(s) ? s * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : null;
};

const codeOf = (err: unknown) =>
  err && typeof err === "object" && "code" in err ? (err as { code: unknown }).code : undefined;

async function ensureOne(
  client: MetricsServiceV2Client,
  projectId: string,
  spec: FailureMetricSpec,
): Promise<number | null> {
  const metricName = `projects/${projectId}/metrics/${spec.id}`;
  const wanted = {
    name: spec.id,
    filter: spec.filter,
    description: spec.description,
    metricDescriptor: { metricKind: "DELTA" as const, valueType: "INT64" as const },
  };
  try {
    const [existing] = await client.getLogMetric({ metricName });
    if (existing.filter === spec.filter) return timestampMs(existing.createTime);
    // Someone edited our metric (or the services changed): put the catalogue's filter back.
    const [updated] = await client.updateLogMetric({ metricName, metric: wanted });
    // Counts before the update followed the old filter: counting starts again now.
    return timestampMs(updated.updateTime);
  } catch (err) {
    if (codeOf(err) !== grpc.status.NOT_FOUND) throw err;
  }
  try {
    const [created] = await client.createLogMetric({ parent: `projects/${projectId}`, metric: wanted });
    return timestampMs(created.createTime);
  } catch (err) {
    // Another replica created it between our get and create: read what it made.
    if (codeOf(err) !== grpc.status.ALREADY_EXISTS) throw err;
    const [existing] = await client.getLogMetric({ metricName });
    return timestampMs(existing.createTime);
  }
}

export async function ensureFailureMetrics(
  client: MetricsServiceV2Client,
  projectId: string,
  services: readonly string[] | null,
): Promise<LogMetricsStatus> {
  try {
    const since = await Promise.all(failureMetricSpecs(services).map((spec) => ensureOne(client, projectId, spec)));
    if (since.some((t) => t === null))
      return { state: "refused", reason: "Cloud Logging returned a log metric without a creation time." };
    return { state: "ready", countingSinceMs: Math.max(...(since as number[])) };
  } catch (err) {
    if (codeOf(err) === grpc.status.PERMISSION_DENIED) {
      return {
        state: "refused",
        reason:
          "No permission to create log-based metrics (roles/logging.configWriter); failures are counted from a capped log read.",
      };
    }
    throw toUpstreamError(err, "logging");
  }
}

/** A refusal is retried after this long (someone may grant the role); success is kept. */
export const REFUSAL_RETRY_MS = 15 * 60_000;

type Memo = { key: string; at: number; status: Promise<LogMetricsStatus> };
const memoSlot = processSlot<Memo>("log-metrics-memo");

/** Once per process (and per project and service list), lazily on the first read. */
export function failureMetricsOnce(
  client: MetricsServiceV2Client,
  projectId: string,
  services: readonly string[] | null,
  now: number,
): Promise<LogMetricsStatus> {
  const key = JSON.stringify([projectId, services && [...services].sort()]);
  const memo = memoSlot.get();
  if (memo && memo.key === key) {
    const retry = memo.status.then((s) => s.state === "refused" && now - memo.at >= REFUSAL_RETRY_MS);
    return retry.then((again) => (again ? start() : memo.status));
  }
  return start();
  function start() {
    const status = ensureFailureMetrics(client, projectId, services);
    memoSlot.set({ key, at: now, status });
    // A failed attempt (network, quota) is not remembered: the next read tries again.
    status.catch(() => {
      if (memoSlot.get()?.status === status) memoSlot.clear();
    });
    return status;
  }
}

export function resetFailureMetricsMemo(): void {
  memoSlot.clear();
}

/**
 * Per-cause counts in each aligned window of the interval, summed over logs, per service and
 * overall. Minutes without a matching line have no point (log-based metrics write none), so a
 * missing window is 0 here, which is right only because the caller checks the metrics were counting.
 */
export async function readFailureCounts(
  client: MetricServiceClient,
  projectId: string,
  interval: AlignedInterval,
  budget: CallBudget,
): Promise<FailureCountsByService> {
  const periodMs = interval.periodSeconds * 1000;
  const n = Math.max(0, Math.round((interval.endMs - interval.startMs) / periodMs));
  const empty = (): FailureCounts => ({
    totals: zeroCounts(),
    windows: Array.from({ length: n }, (_, i) => ({ t: interval.startMs + (i + 1) * periodMs, counts: zeroCounts() })),
  });
  const all = empty();
  const byService: Record<string, FailureCounts> = {};
  const add = (
    series: {
      resource?: { labels?: Record<string, string> | null } | null;
      points?:
        | {
            interval?: { endTime?: { seconds?: unknown; nanos?: number | null } | null } | null;
            value?: { int64Value?: unknown } | null;
          }[]
        | null;
    },
    cause: Cause,
  ) => {
    const own = (byService[series.resource?.labels?.service_name ?? ""] ??= empty());
    for (const p of series.points ?? []) {
      const end = timestampMs(p.interval?.endTime);
      const v = Number(String(p.value?.int64Value ?? 0));
      if (end === null || !Number.isFinite(v)) continue;
      const i = Math.round((end - interval.startMs) / periodMs) - 1;
      for (const c of [all, own]) {
        const w = c.windows[i];
        if (!w) continue;
        w.counts[cause] += v;
        c.totals[cause] += v;
      }
    }
  };
  const readCause = async (cause: Cause) => {
    let pageToken = "";
    for (let page = 0; page < MAX_PAGES; page++) {
      countUpstreamCall("listTimeSeries");
      let response;
      try {
        [, , response] = await client.listTimeSeries(
          {
            name: `projects/${projectId}`,
            filter: `metric.type="${failureMetricType(cause)}"`,
            interval: { startTime: { seconds: interval.startMs / 1000 }, endTime: { seconds: interval.endMs / 1000 } },
            aggregation: {
              alignmentPeriod: { seconds: interval.periodSeconds },
              perSeriesAligner: "ALIGN_SUM",
              crossSeriesReducer: "REDUCE_SUM",
              groupByFields: ["resource.labels.service_name"],
            },
            pageToken,
          },
          { autoPaginate: false, timeout: remainingMs(budget, "monitoring"), retry: { retryCodes: [] } },
        );
      } catch (err) {
        throw toUpstreamError(err, "monitoring");
      }
      for (const ts of response?.timeSeries ?? []) add(ts, cause);
      pageToken = response?.nextPageToken ?? "";
      if (!pageToken) return;
    }
  };
  await Promise.all(CAUSES.map(readCause));
  return { ...all, byService };
}
