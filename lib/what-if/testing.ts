import type { MachineType } from "@/lib/what-if/core/model/assumptions";
import type { WhatIfScenario } from "./core/schema";

/** The seed's staging as a what-if scenario, with the knobs the tests turn. */
export function seedScenario(
  o: {
    timeout?: number;
    machineType?: MachineType;
    min?: number;
    max?: number;
    backend?: number;
    auth?: number;
    pool?: number;
    maxConnections?: number;
    seeds?: number;
  } = {},
): WhatIfScenario {
  const timeout = o.timeout ?? 8;
  const pool = o.pool ?? 5;
  return {
    services: [
      { name: "backend", instances: o.backend ?? 10, poolSize: pool, dbTimeoutSeconds: timeout },
      { name: "auth", instances: o.auth ?? 6, poolSize: pool, dbTimeoutSeconds: timeout },
    ],
    connector: { machineType: o.machineType ?? "e2-micro", minInstances: o.min ?? 2, maxInstances: o.max ?? 3 },
    database: { maxConnections: o.maxConnections ?? 100 },
    seeds: o.seeds ?? 50,
    assumptions: {},
  };
}
