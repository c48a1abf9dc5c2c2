import "server-only";
import { connectorBytes, connectorInstances, databaseBackends, databaseUp, startupProbes } from "@/lib/gcp/catalogue";
import { logsExplorerUrl } from "@/lib/gcp/failures";
import type { ProbeEvidence } from "@/lib/probes/core/evidence";
import type { MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import { overviewModel } from "@/lib/metrics/core/views/overview";
import { windowsRunningAt } from "@/lib/maintenance/windows";
import { verdictProbeEvidence } from "@/lib/probes/view/golden-path";
import { readInputs, SecondMemo } from "@/lib/base/memo";
import { readChangeEvidence } from "./changes";
import { asked, asRead } from "./context";
import { readAll, type MetricsContext } from "@/lib/gcp/read-context";
import type { OverviewResponse } from "./schemas";

const memo = new SecondMemo();

function readOverview(ctx: MetricsContext) {
  const { reader, scope, live, interval } = ctx;
  return readAll(ctx, {
    probes: reader.series(startupProbes(scope), live),
    sent: reader.series(connectorBytes(scope, "sent"), live),
    received: reader.series(connectorBytes(scope, "received"), live),
    instances: reader.series(connectorInstances(scope), live),
    up: reader.series(databaseUp(scope), live),
    backends: reader.series(databaseBackends(scope), live),
    failures: reader.failures(interval, live),
    failureCounts: reader.failureCounts(interval, live),
  });
}

/**
 * The Overview: every read (Google through the shared cache, the golden-path probes from the
 * store), then `overviewModel` once. `readProbes` is where the golden-path states come from:
 * the store, or a test's own.
 */
export async function overview(
  ctx: MetricsContext,
  readProbes: (now: number) => Promise<ProbeEvidence[]> = verdictProbeEvidence,
  readWindows: (now: number) => Promise<MaintenanceWindow[]> = (now) => windowsRunningAt(now, ctx.config),
): Promise<OverviewResponse> {
  const [r, goldenPath, changes, maintenance] = await Promise.all([
    readOverview(ctx),
    readProbes(ctx.now),
    readChangeEvidence(ctx),
    // Unreadable windows leave the verdict on its evidence alone: never greener than without them.
    Promise.resolve(ctx.now)
      .then(readWindows)
      .catch((err: unknown): MaintenanceWindow[] => {
        console.error("Overview: maintenance windows could not be read", err instanceof Error ? err.message : err);
        return [];
      }),
  ]);
  const { interval } = ctx;
  const key = `${ctx.range.preset}|${interval.startMs}|${interval.endMs}|${ctx.live}|${ctx.reader.projectId}`;
  // Probe states are compared by value: a changed golden-path state misses the memo at once.
  const inputs = [
    ctx.config,
    JSON.stringify(goldenPath),
    JSON.stringify(maintenance),
    ...readInputs(Object.values(r)),
    ...changes.input,
  ];
  return memo.get(key, inputs, ctx.now, () => {
    const failures = asRead(r.failures);
    const explorerUrl = logsExplorerUrl(ctx.reader.projectId, r.failures.value.query);
    return overviewModel(
      {
        ...asked(ctx),
        probes: asRead(r.probes),
        sent: asRead(r.sent),
        received: asRead(r.received),
        instances: asRead(r.instances),
        up: asRead(r.up),
        backends: asRead(r.backends),
        failures: { ...failures, value: { ...failures.value, explorerUrl } },
        failureCounts: asRead(r.failureCounts),
        goldenPath,
        changes: changes.evidence,
        maintenance,
      },
      ctx.config,
      ctx.now,
    );
  });
}
