import { assumptions } from "@/lib/what-if/core/model/assumptions";
import {
  attemptCount,
  clamp01,
  connectorUtilisation,
  initLatencyMs,
  readyInstances,
  successProbability,
} from "./minute-shapes";
import { between, streamFor } from "@/lib/what-if/core/model/prng";
import { scenarioState, serviceTimeoutSeconds, type HttpBehaviour, type ScenarioState } from "./scenarios";
import { segmentAt, type Timeline } from "./timeline";
import { ceilingBitsPerSecond } from "@/lib/core/connector-capacity";
import { connectorBasis, type World } from "./world";
import { revisionAt, worldChanges } from "./changes";

/**
 * The per-minute generator behind the emulator: every figure for one minute is a pure function
 * of (world, timeline, seed, minute), so any minute of a week of history can be computed on
 * its own, cheaply, in any order.
 */

export interface ServiceMinute {
  service: string;
  revision: string;
  startupAttempts: number;
  startupHealthy: number;
  startupUnhealthy: number;
  livenessHealthy: number;
  instancesActive: number;
  instancesIdle: number;
  dbTimeoutSeconds: number;
}

export interface StartupAttempt {
  /** Offset of the container start within the minute, in ms. */
  offsetMs: number;
  ok: boolean;
  latencyMs: number;
}

export interface ConnectorMinute {
  machineType: string;
  instances: number;
  capacityMbps: number;
  utilisation: number;
  sentBytes: number;
  receivedBytes: number;
  sentPackets: number;
  receivedPackets: number;
  /** One CPU utilisation (0–1) per connector instance. */
  cpuUtilizations: number[];
}

export interface DatabaseMinute {
  up: 0 | 1;
  state: "RUNNABLE" | "MAINTENANCE";
  /** Backends per database name. */
  backends: Record<string, number>;
  cpuUtilization: number;
  memoryUtilization: number;
  /** Cumulative query execution time (µs of CPU) since `executionTimeSinceMinute`. */
  executionTimeUs: number;
}

export interface EndpointMinute {
  /** Keyed by service name ("backend", "auth", …). */
  http: Record<string, HttpBehaviour>;
  /** accept: connections succeed; hang: connects time out (SYNs unanswered); refuse: nothing listens. */
  dbPort: "accept" | "hang" | "refuse";
  jwtMismatch: boolean;
}

export interface MinuteSample {
  minute: number;
  state: ScenarioState;
  services: ServiceMinute[];
  connector: ConnectorMinute;
  database: DatabaseMinute;
  endpoints: EndpointMinute;
}

/** Query Insights counters start from this minute (a fixed server start, 2023-03-29). */
export const executionTimeSinceMinute = 28_000_000;

const S_ATTEMPTS = 11;
const S_LATENCY = 12;
const S_CONNECTOR = 13;
const S_DATABASE = 14;
const S_ENDPOINTS = 15;
const S_EXEC = 16;

export interface MinuteModel {
  world: World;
  timeline: Timeline;
  seed: number;
  state(minute: number): ScenarioState;
  /** Null for a service that is not deployed. */
  service(minute: number, serviceIndex: number): ServiceMinute | null;
  startupAttempts(minute: number, serviceIndex: number): StartupAttempt[];
  connector(minute: number): ConnectorMinute;
  database(minute: number): DatabaseMinute;
  endpoints(minute: number): EndpointMinute;
  sample(minute: number): MinuteSample;
  /** The revision of a service serving in the middle of the minute (a deploy moves it). */
  revision(minute: number, service: string): string;
}

export function createMinuteModel(world: World, timeline: Timeline, seed: number): MinuteModel {
  // Only the recovery depends on its age; other scenarios are fixed per segment, so compute them once.
  const perSegment = timeline.segments.map((segment, index) =>
    scenarioState(world, timeline, { segment, index, ageMinutes: 0 }, seed),
  );
  const state = (minute: number): ScenarioState => {
    const position = segmentAt(timeline, minute);
    const base = perSegment[position.index];
    if (!base || base.scenario === "recovering") return scenarioState(world, timeline, position, seed);
    return base.ageMinutes === position.ageMinutes ? base : { ...base, ageMinutes: position.ageMinutes };
  };

  /** Outcomes of the minute's start-up attempts (shared by counts, latencies and logs). */
  function outcomes(
    minute: number,
    i: number,
  ): { s: ScenarioState; ok: boolean[]; ready: number; starting: number } | null {
    const svc = world.services[i];
    if (!svc || !svc.deployed) return null;
    const s = state(minute);
    const r = streamFor(seed, S_ATTEMPTS, minute, i);
    const p = successProbability(s, minute, i, r());
    const attempts = attemptCount(s, svc.burstInstances, r);
    const ok: boolean[] = [];
    for (let k = 0; k < attempts; k++) ok.push(r() < p);
    const ready = readyInstances(s, svc.burstInstances, p, r);
    const starting = s.scenario === "healthy" ? Math.min(1, attempts) : Math.round(attempts * between(r(), 0.2, 0.4));
    return { s, ok, ready, starting };
  }

  const model: MinuteModel = {
    world,
    timeline,
    seed,
    state,
    service(minute, i) {
      const o = outcomes(minute, i);
      const svc = world.services[i];
      if (!o || !svc) return null;
      const healthy = o.ok.filter(Boolean).length;
      const r = streamFor(seed, S_ATTEMPTS + 100, minute, i);
      const activeReady = Math.round(o.ready * between(r(), 0.6, 0.9));
      return {
        service: svc.name,
        revision: model.revision(minute, svc.name),
        startupAttempts: o.ok.length,
        startupHealthy: healthy,
        startupUnhealthy: o.ok.length - healthy,
        // A liveness probe every 10 s on each ready instance.
        livenessHealthy: o.ready * 6,
        instancesActive: activeReady + o.starting,
        instancesIdle: o.ready - activeReady,
        dbTimeoutSeconds: serviceTimeoutSeconds(o.s, svc),
      };
    },
    startupAttempts(minute, i) {
      const o = outcomes(minute, i);
      const svc = world.services[i];
      if (!o || !svc) return [];
      const r = streamFor(seed, S_LATENCY, minute, i);
      const timeoutMs = serviceTimeoutSeconds(o.s, svc) * 1000;
      return o.ok.map((ok) => {
        const coldMs = 1000 * between(r(), assumptions.coldStartSeconds.min, assumptions.coldStartSeconds.max);
        const initMs = ok ? initLatencyMs(o.s, r(), timeoutMs) : timeoutMs;
        return { offsetMs: Math.floor(r() * 58_000), ok, latencyMs: Math.round(coldMs + initMs) };
      });
    },
    connector(minute) {
      const s = state(minute);
      const r = streamFor(seed, S_CONNECTOR, minute);
      // The ceiling in force, from the one capacity table: the emulator never carries more.
      const capacityMbps =
        ceilingBitsPerSecond(connectorBasis(world, s.connector.machineType), s.connector.instances) / 1e6;
      const utilisation = clamp01(connectorUtilisation(s, r()));
      const bytes = (utilisation * capacityMbps * 1e6 * 60) / 8;
      const receivedBytes = Math.round(bytes * between(r(), 0.6, 0.7));
      const sentBytes = Math.round(bytes) - receivedBytes;
      const cpu: number[] = [];
      for (let k = 0; k < s.connector.instances; k++) cpu.push(clamp01(0.04 + utilisation * between(r(), 0.7, 1.0)));
      return {
        machineType: s.connector.machineType,
        instances: s.connector.instances,
        capacityMbps,
        utilisation,
        sentBytes,
        receivedBytes,
        sentPackets: Math.round(sentBytes / between(r(), 350, 450)),
        receivedPackets: Math.round(receivedBytes / between(r(), 1000, 1200)),
        cpuUtilizations: cpu,
      };
    },
    database(minute) {
      const s = state(minute);
      const r = streamFor(seed, S_DATABASE, minute);
      const max = world.database.maxConnections;
      const down = s.scenario === "flaky" && r() < 0.01;
      let total: number;
      if (s.scenario === "incident") total = max * between(r(), 0.86, 0.99);
      else if (s.scenario === "recovering")
        total = max * (0.45 + 0.5 * Math.exp(-s.ageMinutes / 4)) * between(r(), 0.95, 1.05);
      else if (s.scenario === "flaky") total = max * between(r(), 0.5, 0.8);
      else
        total =
          world.services.reduce((n, svc) => n + (svc.deployed ? svc.burstInstances * svc.poolSize * 0.55 : 0), 0) *
          between(r(), 0.85, 1.1);
      const system = 1 + Math.floor(r() * 3);
      const app = Math.max(0, Math.min(max - system, Math.round(total) - system));
      const load = { incident: [0.55, 0.8], recovering: [0.2, 0.3], flaky: [0.3, 0.6], healthy: [0.08, 0.22] }[
        s.scenario
      ];
      const memory = { incident: [0.62, 0.72], recovering: [0.5, 0.6], flaky: [0.5, 0.65], healthy: [0.45, 0.55] }[
        s.scenario
      ];
      const backends: Record<string, number> = down ? {} : { [appDatabase(world)]: app, postgres: system };
      return {
        up: down ? 0 : 1,
        state: down ? "MAINTENANCE" : "RUNNABLE",
        backends,
        cpuUtilization: down ? 0 : between(r(), load[0] ?? 0, load[1] ?? 0),
        memoryUtilization: between(r(), memory[0] ?? 0, memory[1] ?? 0),
        executionTimeUs: executionTimeAt(seed, minute),
      };
    },
    endpoints(minute) {
      const s = state(minute);
      const r = streamFor(seed, S_ENDPOINTS, minute);
      const http: Record<string, HttpBehaviour> = {};
      for (const svc of world.services) if (svc.deployed) http[svc.name] = s.http;
      // A database in maintenance refuses connections outright.
      const dbPort = model.database(minute).up === 0 ? "refuse" : r() < s.dbPortHang ? "hang" : "accept";
      return { http, dbPort, jwtMismatch: s.jwtMismatch };
    },
    revision(minute, service) {
      return revisionAt(worldChanges(world, timeline, seed), service, minute * 60_000 + 30_000);
    },
    sample(minute) {
      const services: ServiceMinute[] = [];
      world.services.forEach((_svc, i) => {
        const m = model.service(minute, i);
        if (m) services.push(m);
      });
      return {
        minute,
        state: state(minute),
        services,
        connector: model.connector(minute),
        database: model.database(minute),
        endpoints: model.endpoints(minute),
      };
    },
  };
  return model;
}

/** The application's database name on the shared instance (first word of the project id). */
export function appDatabase(world: World): string {
  return world.projectId.split("-")[0] ?? "app";
}

/** Strictly increasing counter with random access: a steady rate plus bounded noise. */
function executionTimeAt(seed: number, minute: number): number {
  const perMinute = 24_000_000;
  const elapsed = Math.max(0, minute - executionTimeSinceMinute);
  return perMinute * elapsed + Math.floor(0.4 * perMinute * streamFor(seed, S_EXEC, minute)());
}
