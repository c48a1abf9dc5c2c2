import { machineTypeOrder, type MachineType } from "@/lib/what-if/core/model/assumptions";
import { simulateBurst, type BurstInput } from "@/lib/what-if/core/model/burst";
import type { BaseScenario, SegmentPosition, Timeline } from "./timeline";
import type { World, WorldService } from "./world";

/**
 * What each scenario means for the emulated staging, minute by minute. The start-up success
 * of the incident and of the recovery comes from the burst model (`simulateBurst`) run on the
 * world's own services, connector and database; the rest are plain ranges.
 */

/** Probabilities of how an HTTP endpoint answers one request; they sum to 1. */
export interface HttpBehaviour {
  up: number;
  slow: number;
  down: number;
  hang: number;
}

export interface ConnectorState {
  machineType: MachineType;
  instances: number;
  minInstances: number;
  maxInstances: number;
}

export interface ScenarioState {
  scenario: BaseScenario;
  ageMinutes: number;
  /** Whether the app's DB timeout fix (75 s) is deployed. */
  timeoutFixed: boolean;
  connector: ConnectorState;
  /** Chance that one start-up attempt succeeds (before per-minute noise). */
  successProbability: number;
  jwtMismatch: boolean;
  http: HttpBehaviour;
  /** Chance, per minute, that the database port hangs instead of accepting. */
  dbPortHang: number;
}

/** The fix applied in the seed's resolution path: the app timeout raised to 75 s. */
export const FIXED_DB_TIMEOUT_SECONDS = 75;

/** "Scale the connector": one machine-type size up (capped at the largest). */
export function scaledMachineType(current: MachineType): MachineType {
  const i = machineTypeOrder.indexOf(current);
  return machineTypeOrder[Math.min(machineTypeOrder.length - 1, i + 1)] ?? current;
}

function burstInput(world: World, scaled: boolean): BurstInput {
  const c = world.connector;
  return {
    services: world.services
      .filter((s) => s.deployed)
      .map((s) => ({
        name: s.name,
        instances: s.burstInstances,
        poolSize: s.poolSize,
        dbTimeoutSeconds: scaled ? Math.max(FIXED_DB_TIMEOUT_SECONDS, s.dbTimeoutSeconds) : s.dbTimeoutSeconds,
      })),
    connector: {
      machineType: scaled ? scaledMachineType(c.machineType) : c.machineType,
      minInstances: c.minInstances,
      maxInstances: c.maxInstances,
      initialInstances: scaled ? c.maxInstances : c.minInstances,
    },
    database: { maxConnections: world.database.maxConnections },
  };
}

const burstCache = new WeakMap<World, Map<string, number>>();

/** Start-up success of a burst in this world (memoised: pure, and the emulator asks often). */
export function burstSuccess(world: World, seed: number, scaled: boolean): number {
  let cache = burstCache.get(world);
  if (!cache) {
    cache = new Map();
    burstCache.set(world, cache);
  }
  const key = `${seed}:${scaled}`;
  let value = cache.get(key);
  if (value === undefined) {
    const input = burstInput(world, scaled);
    value = input.services.some((s) => s.instances > 0) ? simulateBurst(input, seed).successRate : 1;
    cache.set(key, value);
  }
  return value;
}

/** The app's DB timeout in force for a service. */
export function serviceTimeoutSeconds(state: Pick<ScenarioState, "timeoutFixed">, service: WorldService): number {
  return state.timeoutFixed ? Math.max(FIXED_DB_TIMEOUT_SECONDS, service.dbTimeoutSeconds) : service.dbTimeoutSeconds;
}

const steady: HttpBehaviour = { up: 0.995, slow: 0.005, down: 0, hang: 0 };

/** The state of staging at a position on the timeline. */
export function scenarioState(
  world: World,
  timeline: Timeline,
  position: SegmentPosition,
  seed: number,
): ScenarioState {
  const { segment, ageMinutes: age, index } = position;
  const earlier = timeline.segments.slice(0, index + 1).map((s) => s.scenario);
  const everRecovered = earlier.includes("recovering");
  const everStressed = earlier.some((s) => s !== "healthy");
  const c = world.connector;
  const configured: ConnectorState = {
    machineType: c.machineType,
    instances: c.maxInstances,
    minInstances: c.minInstances,
    maxInstances: c.maxInstances,
  };
  const scaled: ConnectorState = { ...configured, machineType: scaledMachineType(c.machineType) };

  switch (segment.scenario) {
    case "incident":
      return {
        scenario: "incident",
        ageMinutes: age,
        timeoutFixed: false,
        connector: configured,
        successProbability: burstSuccess(world, seed, false),
        jwtMismatch: true,
        http: { up: 0, slow: 0, down: 0.6, hang: 0.4 },
        dbPortHang: 0.9,
      };
    case "recovering": {
      const target = burstSuccess(world, seed, true);
      return {
        scenario: "recovering",
        ageMinutes: age,
        timeoutFixed: true,
        connector: scaled,
        // Crash-looping instances drain and the backlog clears: success climbs towards the target.
        successProbability: target - (target - 0.35) * Math.exp(-age / 5),
        jwtMismatch: true,
        http:
          age < 3
            ? { up: 0.3, slow: 0.2, down: 0.4, hang: 0.1 }
            : age < 10
              ? { up: 0.85, slow: 0.15, down: 0, hang: 0 }
              : { up: 0.98, slow: 0.02, down: 0, hang: 0 },
        dbPortHang: age < 2 ? 0.5 : 0,
      };
    }
    case "flaky":
      return {
        scenario: "flaky",
        ageMinutes: age,
        timeoutFixed: false,
        connector: configured,
        successProbability: 0.7,
        // The JWT secret was rotated on the backend's side only (emulator/model/changes.ts):
        // auth signs with the old secret, the backend verifies with the new one.
        jwtMismatch: true,
        http: { up: 0.7, slow: 0.15, down: 0.1, hang: 0.05 },
        dbPortHang: 0.25,
      };
    case "healthy":
      return {
        scenario: "healthy",
        ageMinutes: age,
        timeoutFixed: everRecovered,
        connector: everRecovered ? scaled : everStressed ? configured : { ...configured, instances: c.minInstances },
        successProbability: 0.995,
        jwtMismatch: false,
        http: steady,
        dbPortHang: 0,
      };
  }
}
