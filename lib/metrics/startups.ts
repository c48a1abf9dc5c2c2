import "server-only";
import {
  instanceCount,
  startupLatency,
  startupLatencyByRevision,
  startupProbes,
  startupProbesByRevision,
} from "@/lib/gcp/catalogue";
import { startupsModel } from "@/lib/metrics/core/views/startups";
import { asked, asRead } from "./context";
import { readAll, type MetricsContext } from "@/lib/gcp/read-context";
import type { StartupsResponse } from "./schemas";

/** Start-ups per service over the range: every read, then `startupsModel` once; `service` narrows to one. */
export async function startups(ctx: MetricsContext, service?: string): Promise<StartupsResponse> {
  const { reader, scope, live, interval } = ctx;
  const r = await readAll(ctx, {
    probes: reader.series(startupProbes(scope), live),
    p50: reader.series(startupLatency(scope, 50), live),
    p95: reader.series(startupLatency(scope, 95), live),
    p99: reader.series(startupLatency(scope, 99), live),
    instances: reader.series(instanceCount(scope), live),
    failures: reader.failures(interval, live),
    failureCounts: reader.failureCounts(interval, live),
    byRevision: reader.series(startupProbesByRevision(scope), live),
    p95ByRevision: reader.series(startupLatencyByRevision(scope), live),
  });
  return startupsModel(
    {
      ...asked(ctx),
      probes: asRead(r.probes),
      p50: asRead(r.p50),
      p95: asRead(r.p95),
      p99: asRead(r.p99),
      instances: asRead(r.instances),
      failures: asRead(r.failures),
      failureCounts: asRead(r.failureCounts),
      byRevision: asRead(r.byRevision),
      p95ByRevision: asRead(r.p95ByRevision),
    },
    ctx.config,
    ctx.now,
    service,
  );
}
