/**
 * Serverless VPC Access connector capacity: the one table in Stagewatch. The Connector view,
 * the Overview's card and verdict, the criteria (tracker and readiness), the what-if and the
 * emulator all read it from here; a test fails if another module holds a per-instance figure.
 *
 * Where the figures come from (decision 0021):
 * - Google's machine-type table gives each type's throughput for a connector of 2 to 10
 *   instances: f1-micro 100–500 Mbps, e2-micro 200–1,000, e2-standard-4 3,200–16,000.
 * - The Serverless VPC Access API's Connector resource agrees for the default type:
 *   `minThroughput` is 200 Mbps by default (2 instances), `maxThroughput` 300 by default
 *   (3 instances) and at most 1,000 (10 instances), in multiples of 100, "the expected
 *   throughput when using an e2-micro machine type".
 * So one instance carries the range's low end ÷ 2 (= its high end ÷ 10). Reading the low end
 * as one instance's figure doubles every ceiling, and a full connector shows 50% headroom.
 */

/** Google's connector machine types, smallest first (for "one size up" and every form). */
export const MACHINE_TYPES = ["f1-micro", "e2-micro", "e2-standard-4"] as const;
export type MachineType = (typeof MACHINE_TYPES)[number];

/** A connector has 2 to 10 instances. */
export const CONNECTOR_INSTANCES = { min: 2, max: 10 } as const;

/** Google's documented throughput of a connector of 2 and of 10 instances, in Mbps. */
const DOCUMENTED_RANGE_MBPS: Readonly<Record<MachineType, readonly [number, number]>> = {
  "f1-micro": [100, 500],
  "e2-micro": [200, 1_000],
  "e2-standard-4": [3_200, 16_000],
};

/** `minThroughput` / `maxThroughput` are in e2-micro terms: 100 Mbps is one instance. */
export const THROUGHPUT_SETTING_MBPS_PER_INSTANCE = DOCUMENTED_RANGE_MBPS["e2-micro"][0] / CONNECTOR_INSTANCES.min;

export function documentedRangeMbps(machineType: MachineType): readonly [number, number] {
  return DOCUMENTED_RANGE_MBPS[machineType];
}

/** What one instance of this machine type carries, in Mbps, as Google documents it. */
export function documentedPerInstanceMbps(machineType: MachineType): number {
  return DOCUMENTED_RANGE_MBPS[machineType][0] / CONNECTOR_INSTANCES.min;
}

/** Instances a `minThroughput` / `maxThroughput` setting stands for (Google rounds to whole instances). */
export function instancesForThroughputSetting(mbps: number): number {
  return Math.round(mbps / THROUGHPUT_SETTING_MBPS_PER_INSTANCE);
}

/**
 * What the ceiling rests on: the per-instance figure (Google's, or the team's own measured one
 * from the config, which the views call "configured, not documented") and the most instances
 * the connector may run (its `maxInstances`, or `maxThroughput` ÷ 100 as Google reads it).
 */
export type CeilingBasis = {
  machineType: MachineType;
  perInstanceMbps: number;
  source: "documented" | "configured";
  maxInstances: number;
};

export type ConnectorSizing = { machineType: MachineType; maxInstances: number; perInstanceMbps?: number | undefined };

export function ceilingBasis(c: ConnectorSizing): CeilingBasis {
  return c.perInstanceMbps === undefined
    ? {
        machineType: c.machineType,
        perInstanceMbps: documentedPerInstanceMbps(c.machineType),
        source: "documented",
        maxInstances: c.maxInstances,
      }
    : {
        machineType: c.machineType,
        perInstanceMbps: c.perInstanceMbps,
        source: "configured",
        maxInstances: c.maxInstances,
      };
}

/**
 * The ceiling in force with `instances` running, in bits/s. A count above the connector's
 * maximum (a stale config, a miscounted series) never raises it: the ceiling is only ever
 * understated, so headroom is never overstated.
 */
export function ceilingBitsPerSecond(basis: CeilingBasis, instances: number): number {
  return Math.min(instances, basis.maxInstances) * basis.perInstanceMbps * 1e6;
}
