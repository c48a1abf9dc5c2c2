import "server-only";
import { cacheTtlMs, type AlignedInterval } from "@/lib/gcp/alignment";
import { getQueryCache, type CacheResult, type CallBudget, type QueryCache } from "@/lib/gcp/cache";
import { queryFamilyKey, queryKey, type MetricQuery } from "@/lib/gcp/catalogue";
import { getGcpClients, type GcpClients, type Source } from "@/lib/gcp/clients";
import { readFailureEvents, type FailureRead } from "@/lib/gcp/logging";
import { readChanges, type ChangeRead } from "@/lib/gcp/changes";
import { CHANGE_LOOKBACK_MS } from "@/lib/changes/core/correlate";
import { failureMetricsOnce, readFailureCounts } from "@/lib/gcp/log-metric-counts";
import { NoCredentialsError } from "@/lib/gcp/credentials";
import { toUpstreamError, type UpstreamApi } from "@/lib/gcp/upstream-error";
import type { FailureCountRead } from "@/lib/core/failure-source";
import { readTimeSeries } from "@/lib/gcp/monitoring";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { Series } from "@/lib/core/series";
import { processSingleton } from "@/lib/base/singleton";

/**
 * Every read the metrics API makes, through the shared cache. `live` ranges (presets that
 * end now) let a failed read fall back on the previous interval's answer; a custom range
 * only on its own.
 */
export type Reader = {
  projectId: string;
  source: Source;
  series(q: MetricQuery, live: boolean): Promise<CacheResult<Series[]>>;
  failures(interval: AlignedInterval, live: boolean): Promise<CacheResult<FailureRead>>;
  /**
   * Changes from the Admin Activity audit log, from CHANGE_LOOKBACK_MS before the interval to
   * its end (a failure that began before the range still finds the change before it).
   */
  changes(interval: AlignedInterval, live: boolean): Promise<CacheResult<ChangeRead>>;
  /**
   * Failure counts per cause from the log-based metrics (ensured on the first call). Never
   * rejects for a refusal or an upstream error: the answer says so and callers fall back.
   */
  failureCounts(interval: AlignedInterval, live: boolean): Promise<CacheResult<FailureCountRead>>;
};

/**
 * Refuses a read of `api` when it needs credentials and the process has none, before the
 * client is touched (its stub set-up would reject unawaited). The error is made here, in the
 * reader's own bundle, so the cache and the answers that check `instanceof UpstreamError`
 * recognise it whichever bundle created the clients.
 */
async function ensureAccess(clients: GcpClients, api: UpstreamApi): Promise<void> {
  if (clients.emulated[api]) return;
  const access = await clients.access();
  if (access.state === "missing") throw new NoCredentialsError(api, access.reason);
}

async function countFailures(
  clients: GcpClients,
  interval: AlignedInterval,
  budget: CallBudget,
  services: readonly string[] | null,
): Promise<FailureCountRead> {
  try {
    await ensureAccess(clients, "logging");
    await ensureAccess(clients, "monitoring");
    const status = await failureMetricsOnce(clients.logMetrics, clients.projectId, services, Date.now());
    if (status.state === "refused") return { state: "refused", reason: status.reason };
    const counts = await readFailureCounts(clients.monitoring, clients.projectId, interval, budget);
    return { state: "counted", countingSinceMs: status.countingSinceMs, ...counts };
  } catch (err) {
    const e = toUpstreamError(err, "monitoring");
    return {
      state: "unavailable",
      reason: `Log-based metric counts unavailable (${e.api} ${e.code}); failures are counted from a capped log read.`,
    };
  }
}

/**
 * `services` limits the Logging read to the configured services (least privilege); tests of
 * the read path that have no config pass nothing, which reads every Cloud Run service.
 */
export function createReader(clients: GcpClients, cache: QueryCache, services?: () => readonly string[]): Reader {
  const { projectId } = clients;
  return {
    projectId,
    source: clients.source,
    series: (q, live) =>
      cache.get(
        {
          key: queryKey(projectId, q),
          ...(live ? { familyKey: queryFamilyKey(projectId, q), order: q.interval.endMs } : {}),
          ttlMs: cacheTtlMs(q.interval.periodSeconds),
          api: "monitoring",
        },
        async (budget) => {
          await ensureAccess(clients, "monitoring");
          return readTimeSeries(clients.monitoring, projectId, q, budget);
        },
      ),
    failures: (interval, live) =>
      cache.get(
        {
          key: JSON.stringify([projectId, "failures", interval]),
          ...(live
            ? {
                familyKey: JSON.stringify([projectId, "failures", interval.endMs - interval.startMs]),
                order: interval.endMs,
              }
            : {}),
          ttlMs: cacheTtlMs(interval.periodSeconds),
          api: "logging",
        },
        async (budget) => {
          await ensureAccess(clients, "logging");
          return readFailureEvents(clients.logging, projectId, interval, budget, services ? services() : null);
        },
      ),
    changes: (interval, live) =>
      cache.get(
        {
          key: JSON.stringify([projectId, "changes", interval]),
          ...(live
            ? {
                familyKey: JSON.stringify([projectId, "changes", interval.endMs - interval.startMs]),
                order: interval.endMs,
              }
            : {}),
          ttlMs: cacheTtlMs(interval.periodSeconds),
          api: "logging",
        },
        async (budget) => {
          await ensureAccess(clients, "logging");
          return readChanges(
            clients.logging,
            projectId,
            { startMs: interval.startMs - CHANGE_LOOKBACK_MS, endMs: interval.endMs },
            budget,
          );
        },
      ),
    failureCounts: (interval, live) =>
      cache.get(
        {
          key: JSON.stringify([projectId, "failure-counts", interval]),
          ...(live
            ? {
                familyKey: JSON.stringify([projectId, "failure-counts", interval.endMs - interval.startMs]),
                order: interval.endMs,
              }
            : {}),
          ttlMs: cacheTtlMs(interval.periodSeconds),
          api: "monitoring",
        },
        (budget) => countFailures(clients, interval, budget, services ? services() : null),
      ),
  };
}

export function getReader(): Reader {
  return processSingleton("metrics-reader", () =>
    createReader(getGcpClients(), getQueryCache(), () => getStagingConfig().services.map((s) => s.name)),
  );
}
