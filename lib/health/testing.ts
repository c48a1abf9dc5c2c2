import { headroom } from "./connector";
import { ceilingBasis } from "./connector-capacity";
import type { ConnectorLoad } from "./overview-verdict";

/** A connector's load as the views compute it: `utilization` of `instances` e2-micro instances (100 Mbit/s each). */
export function connectorLoad(instances: number, utilization: number): ConnectorLoad {
  const h = headroom(
    utilization * instances * 1e8,
    instances,
    ceilingBasis({ machineType: "e2-micro", maxInstances: 10 }),
  );
  if (!h) throw new Error("no instances");
  return h;
}
