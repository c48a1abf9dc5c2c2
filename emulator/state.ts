import {
  createMinuteModel,
  logEntriesForMinute,
  modelMinutesBetween,
  rolloutLogEntry,
  rescaleTimeline,
  segmentAt,
  switchScenario,
  timelineFor,
  type ConnectorMinute,
  type DatabaseMinute,
  type MinuteModel,
  type ModelLogEntry,
  type ScenarioName,
  type ServiceMinute,
  type StartupAttempt,
  type Timeline,
  type World,
  type ModelAuditEntry,
  worldChanges,
} from "./model";

/**
 * The emulator's world at run time: the staging config as a model world, the scenario timeline
 * (switchable), the clock, and a bounded cache of computed minutes so repeated queries over the
 * same history are cheap.
 */

export interface EmulatorStateOptions {
  world: World;
  seed: number;
  scenario: ScenarioName;
  /** Model minutes per real minute. */
  timeScale: number;
  /** Demo: model minutes before the connector is scaled and staging recovers. */
  recoverAfterMinutes: number;
  /** Wall clock in ms; tests pass a fixed one. */
  now?: () => number;
  /** Points become visible this long after their end time, like Cloud Monitoring's ingestion delay. */
  ingestDelaySeconds?: number;
  /** How far back data exists. */
  historyDays?: number;
}

export interface MinuteData {
  services: (ServiceMinute | null)[];
  attempts: (StartupAttempt[] | undefined)[];
  /** Values derived per series (e.g. latency distributions), keyed by the series' own key. */
  derived?: Map<string, unknown>;
  connector?: ConnectorMinute;
  database?: DatabaseMinute;
  logs?: ModelLogEntry[];
}

const CACHE_LIMIT = 60_000;

export class EmulatorState {
  readonly world: World;
  readonly seed: number;
  readonly startMinute: number;
  readonly ingestDelaySeconds: number;
  readonly historyDays: number;
  scenario: ScenarioName;
  timeScale: number;
  recoverAfterMinutes: number;
  timeline: Timeline;
  model: MinuteModel;
  private readonly clock: () => number;
  private cache = new Map<number, MinuteData>();
  /** Stand-ins forced to answer one way whatever the model says (a broken service while Monitoring looks fine). */
  readonly forcedStandins = new Map<string, "up" | "slow" | "down" | "hang">();

  constructor(options: EmulatorStateOptions) {
    this.world = options.world;
    this.seed = options.seed;
    this.clock = options.now ?? (() => Date.now());
    this.ingestDelaySeconds = options.ingestDelaySeconds ?? 60;
    this.historyDays = options.historyDays ?? 30;
    this.scenario = options.scenario;
    this.timeScale = options.timeScale;
    this.recoverAfterMinutes = options.recoverAfterMinutes;
    this.startMinute = this.nowMinute();
    this.timeline = timelineFor(options.scenario, this.startMinute, {
      recoverAfterMinutes: options.recoverAfterMinutes,
      timeScale: options.timeScale,
    });
    this.model = createMinuteModel(this.world, this.timeline, this.seed);
  }

  nowMs(): number {
    return this.clock();
  }

  /** Fractional epoch minute of the wall clock. */
  nowMinute(): number {
    return this.clock() / 60_000;
  }

  /** Latest point end time (epoch seconds) that has been "ingested". */
  visibleUntilSeconds(): number {
    return Math.floor(this.clock() / 1000) - this.ingestDelaySeconds;
  }

  historyStartMinute(): number {
    return Math.floor(this.startMinute) - this.historyDays * 1440;
  }

  /**
   * Switches the scenario now, or `backdateMinutes` ago: "the fix landed an hour ago" rewrites
   * that hour of history, so a test or a demo need not wait out a one-hour window. Never
   * earlier than the start of the history.
   */
  setScenario(scenario: ScenarioName, backdateMinutes = 0): void {
    this.scenario = scenario;
    const at = Math.max(this.historyStartMinute(), this.nowMinute() - backdateMinutes);
    this.replace(
      switchScenario(this.timeline, scenario, at, {
        recoverAfterMinutes: this.recoverAfterMinutes,
        timeScale: this.timeScale,
      }),
    );
  }

  setTimeScale(timeScale: number): void {
    this.timeScale = timeScale;
    this.replace(rescaleTimeline(this.timeline, this.nowMinute(), timeScale));
  }

  private replace(timeline: Timeline): void {
    this.timeline = timeline;
    this.model = createMinuteModel(this.world, timeline, this.seed);
    this.cache = new Map();
  }

  minute(m: number): MinuteData {
    let data = this.cache.get(m);
    if (!data) {
      data = { services: this.world.services.map((_s, i) => this.model.service(m, i)), attempts: [] };
      if (this.cache.size >= CACHE_LIMIT) {
        const oldest = this.cache.keys().next().value;
        if (oldest !== undefined) this.cache.delete(oldest);
      }
      this.cache.set(m, data);
    }
    return data;
  }

  attempts(m: number, serviceIndex: number): StartupAttempt[] {
    const data = this.minute(m);
    return (data.attempts[serviceIndex] ??= this.model.startupAttempts(m, serviceIndex));
  }

  connector(m: number): ConnectorMinute {
    const data = this.minute(m);
    return (data.connector ??= this.model.connector(m));
  }

  database(m: number): DatabaseMinute {
    const data = this.minute(m);
    return (data.database ??= this.model.database(m));
  }

  /** Memoises a value derived from minute `m` until the timeline changes. */
  derived<T>(m: number, key: string, compute: () => T): T {
    const data = this.minute(m);
    data.derived ??= new Map();
    if (data.derived.has(key)) return data.derived.get(key) as T;
    const value = compute();
    data.derived.set(key, value);
    return value;
  }

  forceStandin(service: string, mode: "up" | "slow" | "down" | "hang" | null): void {
    if (mode === null) this.forcedStandins.delete(service);
    else this.forcedStandins.set(service, mode);
  }

  logs(m: number): ModelLogEntry[] {
    const data = this.minute(m);
    return (data.logs ??= logEntriesForMinute(this.model, m));
  }

  private timelineByMinute: { model: MinuteModel; byMinute: Map<number, (ModelAuditEntry | ModelLogEntry)[]> } | null =
    null;

  /**
   * The entries the timeline's changes write in minute `m`, oldest first: Admin Activity audit
   * entries and Cloud Run's DEPLOYMENT_ROLLOUT lines (the moment a deploy's traffic moved).
   */
  timelineEntries(m: number): (ModelAuditEntry | ModelLogEntry)[] {
    if (this.timelineByMinute?.model !== this.model) {
      const byMinute = new Map<number, (ModelAuditEntry | ModelLogEntry)[]>();
      const changes = worldChanges(this.world, this.timeline, this.seed);
      const all = [...changes.entries, ...changes.rollouts.map((r) => rolloutLogEntry(this.seed, r))].sort(
        (a, b) => a.timestampMs - b.timestampMs || (a.insertId < b.insertId ? -1 : 1),
      );
      for (const e of all) {
        const minute = Math.floor(e.timestampMs / 60_000);
        byMinute.set(minute, [...(byMinute.get(minute) ?? []), e]);
      }
      this.timelineByMinute = { model: this.model, byMinute };
    }
    return this.timelineByMinute.byMinute.get(m) ?? [];
  }

  /** What GET /state reports. */
  snapshot() {
    const now = this.nowMinute();
    const position = segmentAt(this.timeline, now);
    const state = this.model.state(now);
    const next = this.timeline.segments.find((s) => s.startMinute > now);
    const endpoints = this.model.endpoints(now);
    return {
      scenario: this.scenario,
      phase: state.scenario,
      seed: this.seed,
      timeScale: this.timeScale,
      recoverAfterMinutes: this.recoverAfterMinutes,
      now: new Date(this.nowMs()).toISOString(),
      startedAt: new Date(this.startMinute * 60_000).toISOString(),
      modelMinutesSinceStart: modelMinutesBetween(this.timeline, this.startMinute, now),
      phaseAgeModelMinutes: Number.isFinite(position.ageMinutes) ? position.ageMinutes : null,
      nextChange: next ? { at: new Date(next.startMinute * 60_000).toISOString(), phase: next.scenario } : null,
      connector: { name: this.world.connector.name, ...state.connector },
      database: { instanceId: this.world.database.instanceId, maxConnections: this.world.database.maxConnections },
      startupSuccessProbability: state.successProbability,
      timeoutFixed: state.timeoutFixed,
      endpoints: { ...endpoints, http: state.http },
      forcedStandins: Object.fromEntries(this.forcedStandins),
      services: this.world.services.map((s) => ({ name: s.name, deployed: s.deployed })),
      timeline: this.timeline.segments.map((s) => ({
        from: Number.isFinite(s.startMinute) ? new Date(s.startMinute * 60_000).toISOString() : null,
        phase: s.scenario,
        rate: s.rate,
      })),
    };
  }
}

export type StateSnapshot = ReturnType<EmulatorState["snapshot"]>;
