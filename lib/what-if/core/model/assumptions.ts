/**
 * The figures the incident model rests on. They are a model, not a measurement: the what-if
 * view shows them and lets people override any of them (`simulateBurst(input)` merges
 * `input.assumptions` over these defaults).
 */

import {
  documentedPerInstanceMbps,
  documentedRangeMbps,
  MACHINE_TYPES,
  type MachineType,
} from "@/lib/core/connector-capacity";

export type { MachineType };

export interface MachineTypeAssumption {
  /** Google's documented throughput of a connector of 2 and of 10 instances, in Mbps. */
  documentedRangeMbps: readonly [number, number];
  /** What one connector instance carries, in Mbps: the capacity table's figure unless overridden. */
  perInstanceMbps: number;
}

export interface ModelAssumptions {
  machineTypes: Record<MachineType, MachineTypeAssumption>;
  /**
   * Traffic through the connector to open one pooled connection and run the start-up queries
   * over it (TLS, auth, schema check, cache warm-up), in megabits.
   */
  connectionSetupMegabits: number;
  /** One Cloud Run instance cannot push more than this through the connector, in Mbps. */
  perInstanceMaxMbps: number;
  /** Connector utilisation (0–1) above which it asks for one more instance. */
  scaleOutThreshold: number;
  /** Time between asking for a connector instance and it carrying traffic, in seconds. */
  scaleOutDelaySeconds: { min: number; max: number };
  /** Container start before the app begins database initialisation, in seconds. */
  coldStartSeconds: { min: number; max: number };
  /** Cloud Run restart back-off after exit(3): base × factor^(attempt-1), capped, ± jitter. */
  retryBackoff: { baseSeconds: number; factor: number; maxSeconds: number; jitter: number };
  /**
   * Connections of an instance that exits mid start-up stay on Cloud SQL until the server
   * notices the dead peer; they count against max_connections meanwhile.
   */
  orphanedConnectionSeconds: number;
  /** Steady traffic of a ready instance through the connector, in Mbps. */
  readyInstanceMbps: number;
  /** Simulation step, in seconds. */
  stepSeconds: number;
}

export const assumptions: ModelAssumptions = {
  // The one capacity table (lib/core/connector-capacity), never a copy of its figures.
  machineTypes: Object.fromEntries(
    MACHINE_TYPES.map((t) => [
      t,
      { documentedRangeMbps: documentedRangeMbps(t), perInstanceMbps: documentedPerInstanceMbps(t) },
    ]),
  ) as Record<MachineType, MachineTypeAssumption>,
  connectionSetupMegabits: 40,
  perInstanceMaxMbps: 100,
  scaleOutThreshold: 0.8,
  scaleOutDelaySeconds: { min: 10, max: 30 },
  coldStartSeconds: { min: 1, max: 3 },
  retryBackoff: { baseSeconds: 10, factor: 2, maxSeconds: 300, jitter: 0.25 },
  orphanedConnectionSeconds: 120,
  readyInstanceMbps: 1,
  stepSeconds: 0.25,
};

/** Defaults with the given overrides applied (nested objects merged one level deep). */
export function resolveAssumptions(overrides: Partial<ModelAssumptions> = {}): ModelAssumptions {
  return {
    ...assumptions,
    ...overrides,
    machineTypes: { ...assumptions.machineTypes, ...overrides.machineTypes },
    scaleOutDelaySeconds: { ...assumptions.scaleOutDelaySeconds, ...overrides.scaleOutDelaySeconds },
    coldStartSeconds: { ...assumptions.coldStartSeconds, ...overrides.coldStartSeconds },
    retryBackoff: { ...assumptions.retryBackoff, ...overrides.retryBackoff },
  };
}

/** Machine types from smallest to largest, for "one size up" recommendations and scenarios. */
export const machineTypeOrder: readonly MachineType[] = MACHINE_TYPES;
