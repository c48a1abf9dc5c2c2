import "server-only";
import { databaseBackends, databaseId, databaseUp, databaseUtilization } from "@/lib/gcp/catalogue";
import { databaseModel } from "@/lib/metrics/core/views/database";
import { asked, asRead } from "./context";
import { readAll, type MetricsContext } from "@/lib/gcp/read-context";
import type { DatabaseResponse } from "./schemas";

/** Cloud SQL over the range: every read, then `databaseModel` once. */
export async function database(ctx: MetricsContext): Promise<DatabaseResponse> {
  const { reader, scope, live } = ctx;
  const r = await readAll(ctx, {
    up: reader.series(databaseUp(scope), live),
    backends: reader.series(databaseBackends(scope), live),
    cpu: reader.series(databaseUtilization(scope, "cpu"), live),
    memory: reader.series(databaseUtilization(scope, "memory"), live),
  });
  return databaseModel(
    {
      ...asked(ctx),
      databaseId: databaseId(scope),
      up: asRead(r.up),
      backends: asRead(r.backends),
      cpu: asRead(r.cpu),
      memory: asRead(r.memory),
    },
    ctx.config,
    ctx.now,
  );
}
