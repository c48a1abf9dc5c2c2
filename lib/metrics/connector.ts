import "server-only";
import { connectorBytes, connectorCpu, connectorInstances } from "@/lib/gcp/catalogue";
import { connectorModel } from "@/lib/metrics/core/views/connector";
import { readChangeEvidence } from "./changes";
import { asked, asRead } from "./context";
import { readAll, type MetricsContext } from "@/lib/gcp/read-context";
import type { ConnectorResponse } from "./schemas";

/** The connector over the range: every read, then `connectorModel` once. */
export async function connector(ctx: MetricsContext): Promise<ConnectorResponse> {
  const { reader, scope, live } = ctx;
  const [r, changes] = await Promise.all([
    readAll(ctx, {
      sent: reader.series(connectorBytes(scope, "sent"), live),
      received: reader.series(connectorBytes(scope, "received"), live),
      instances: reader.series(connectorInstances(scope), live),
      cpu: reader.series(connectorCpu(scope), live),
    }),
    readChangeEvidence(ctx),
  ]);
  return connectorModel(
    {
      ...asked(ctx),
      sent: asRead(r.sent),
      received: asRead(r.received),
      instances: asRead(r.instances),
      cpu: asRead(r.cpu),
      changes: changes.evidence,
    },
    ctx.config,
    ctx.now,
  );
}
