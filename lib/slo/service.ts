import "server-only";
import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { staleReason, upstreamToApiError, UpstreamError } from "@/lib/gcp/upstream-error";
import { getReader, type Reader } from "@/lib/gcp/reader";
import type { ChannelTarget } from "@/lib/notifications/channels";
import { channelKicker, currentChannels, currentPlan } from "@/lib/notifications/current";
import { getStore, type StoreDb } from "@/lib/store/db";
import { activeAt } from "@/lib/maintenance/core/active";
import { maintenanceHold } from "@/lib/maintenance/core/held";
import { sloScopes } from "@/lib/config/core/maintenance/scope";
import type { MaintenanceWindow } from "@/lib/config/core/maintenance/types";
import { windowsBetween } from "@/lib/maintenance/windows";
import { alertEvent, routeEventOf } from "./alert-event";
import { alertRulesFor } from "@/lib/config/core/slo/alert-sets";
import { DEFAULT_ALERT_RULES } from "@/lib/config/core/slo/alerts";
import { burnOf } from "@/lib/slo/core/figures";
import { DAY_MS } from "@/lib/core/slo-windows";
import { deliverSloAlerts } from "./delivery";
import type { DeliveryKicker } from "@/lib/notifications/outbox";
import { evaluateSlo, type SloEvaluation } from "./evaluate";
import { alertStates, recentTransitions, recordAlertStep, type AlertStateRow, type TransitionRecord } from "./ledger";
import { evaluateProbeSlos } from "./probe-slos";
import { readSlos, type SloReads } from "./read";
import type { SloResponse, SloView } from "./schemas";
import { sloResponse, sloViewOf } from "./view";
import { processSingleton } from "@/lib/base/singleton";
import { Coalescer } from "@/lib/base/coalesce";

/**
 * The process's SLOs: one evaluation shared by concurrent callers and reused for MAX_AGE_MS,
 * each recording alert steps in the store (compare-and-set, so any number of processes on
 * one store record each transition once) and kicking delivery. A background tick keeps
 * alerts current when nobody is looking (STAGEWATCH_EVALUATORS=on).
 */

export const MAX_AGE_MS = 15_000;
export const TICK_MS = 60_000;
const HISTORY = 50;

export type SloDeps = {
  reader: () => Reader;
  config: () => StagingConfig;
  db: () => Promise<StoreDb>;
  baseUrl: () => string | null;
  /** Maintenance windows overlapping [from, to) (config and store). */
  maintenance?: (from: number, to: number) => Promise<MaintenanceWindow[]>;
};

export const defaultDeps: SloDeps = {
  reader: getReader,
  config: getStagingConfig,
  db: async () => (await getStore()).db,
  baseUrl: () => getEnv().NEXTAUTH_URL ?? null,
  maintenance: async (from, to) => windowsBetween((await getStore()).db, getStagingConfig(), from, to),
};

export type SloRun = { at: number; response: SloResponse; evaluations: SloEvaluation[]; transitions: number };

async function recordSteps(
  db: StoreDb,
  evaluations: readonly SloEvaluation[],
  config: StagingConfig,
  channels: readonly ChannelTarget[],
  now: number,
  baseUrl: string | null,
  windows: readonly MaintenanceWindow[],
): Promise<number> {
  let transitions = 0;
  // An SLO's alerts are held while its scope is in maintenance (all of staging, or its service):
  // routing holds each channel without `duringMaintenance` (subjects are "slo:<id>:<rule>").
  const serviceOf = new Map(evaluations.map((e) => [e.definition.id, e.definition.service]));
  const hold = maintenanceHold(
    activeAt(windows, now),
    (subject) => sloScopes(serviceOf.get(subject.split(":")[1] ?? "") ?? "all"),
    now,
  );
  for (const e of evaluations) {
    const held = hold.windowOf(`slo:${e.definition.id}`) !== null;
    for (const { rule, condition } of e.conditions) {
      const r = await recordAlertStep(db, {
        slo: e.definition.id,
        rule: rule.id,
        condition,
        now,
        resolveHoldMs: config.slo.resolveAfterMinutes * 60_000,
        plan: (t, audience) =>
          currentPlan(routeEventOf(e.definition.id, rule, t.from, t.to), config, channels, hold, audience),
        held,
        payload: (t) =>
          alertEvent(
            t,
            e.definition.service,
            rule,
            {
              long: burnOf(e.figures, rule.long)?.burnRate ?? null,
              short: burnOf(e.figures, rule.short)?.burnRate ?? null,
            },
            baseUrl,
          ),
      });
      if (r.transition) transitions++;
    }
  }
  return transitions;
}

type Evaluated = {
  config: StagingConfig;
  reader: Reader;
  reads: SloReads;
  maintenance: MaintenanceWindow[] | null;
  evaluations: SloEvaluation[];
  db: StoreDb | null;
};

/** Reads and evaluates every SLO as of `now`, recording nothing (the page's run and the weekly digest share it). */
async function readAndEvaluate(now: number, deps: SloDeps): Promise<Evaluated> {
  const config = deps.config();
  const reader = deps.reader();
  const reads = await readSlos(reader, config, now);
  const longest = Math.max(...reads.definitions.map((d) => d.windowDays)) * DAY_MS;
  // Unreadable windows leave maintenance minutes in the budget: the budget looks worse, never better.
  const maintenance = await (deps.maintenance?.(now - longest, now + 1) ?? Promise.resolve([])).catch(
    (err: unknown) => {
      console.error("SLO: maintenance windows could not be read", err instanceof Error ? err.message : err);
      return null;
    },
  );
  const evaluations = reads.definitions.map((d) =>
    evaluateSlo(d, {
      now,
      fine: reads.fine,
      coarse: reads.coarse,
      rules: alertRulesFor(d.alerting, d.windowDays),
      maintenance,
    }),
  );
  const db = await deps.db().catch((err: unknown) => {
    console.error("SLO store unavailable", err instanceof Error ? err.message : err);
    return null;
  });
  // Probe and rehearsal SLOs read the store; without it they are unknown, never full.
  evaluations.push(
    ...(await evaluateProbeSlos(db, config, now, maintenance).catch(() =>
      evaluateProbeSlos(null, config, now, maintenance),
    )),
  );
  return { config, reader, reads, maintenance, evaluations, db };
}

/**
 * The SLO page's view of every SLO as it stood at `at` (e.g. the end of a week, for the weekly
 * digest): the same reads, evaluation and view as the page, without recording alert steps.
 */
export async function sloViewsAt(at: number, deps: SloDeps = defaultDeps): Promise<SloView[]> {
  const { evaluations } = await readAndEvaluate(at, deps);
  return evaluations.map((e) => sloViewOf(e, [], at));
}

/** Reads, evaluates, records every rule's step and returns the API's view. */
export async function evaluateSlos(now: number, deps: SloDeps = defaultDeps): Promise<SloRun> {
  const { config, reader, reads, maintenance, evaluations, db } = await readAndEvaluate(now, deps);
  const channels = currentChannels(config);
  let transitions = 0;
  let states: AlertStateRow[] = [];
  let history: TransitionRecord[] = [];
  let alertStore: "ok" | "unavailable" = "ok";
  try {
    if (!db) throw new Error("the store could not be opened");
    transitions = await recordSteps(db, evaluations, config, channels, now, deps.baseUrl(), maintenance ?? []);
    [states, history] = await Promise.all([alertStates(db), recentTransitions(db, HISTORY)]);
  } catch (err) {
    // The figures stand without the store; alert states are then unknown (null), never "resolved".
    console.error("SLO alerts could not be recorded", err instanceof Error ? err.message : err);
    alertStore = "unavailable";
  }
  const raw = [reads.raw.fine, reads.raw.coarse];
  const oldest = Math.min(...raw.map((r) => r.fetchedAt));
  const error = raw.find((r) => r.error)?.error;
  const freshness = {
    measuredAt: new Date(oldest).toISOString(),
    source: reader.source,
    stale: raw.some((r) => r.stale),
    ageSeconds: Math.max(0, Math.round((now - oldest) / 1_000)),
    upstreamError: error ? staleReason(error) : null,
  };
  return {
    at: now,
    response: { ...sloResponse(freshness, DEFAULT_ALERT_RULES, evaluations, states, history, now), alertStore },
    evaluations,
    transitions,
  };
}

type Holder = { runs: Coalescer<"evaluation", SloRun>; last?: SloRun; timer?: NodeJS.Timeout; kicker?: DeliveryKicker };
const state = (): Holder => processSingleton<Holder>("slo", () => ({ runs: new Coalescer() }));

/** Runs an evaluation, or joins the one on its way. */
function run(): Promise<SloRun> {
  const s = state();
  return s.runs.run("evaluation", () =>
    evaluateSlos(Date.now()).then((r) => {
      if (!s.last || r.at >= s.last.at) s.last = r;
      if (r.transitions > 0) kickSloDeliveries();
      return r;
    }),
  );
}

/** The latest evaluation if younger than `maxAgeMs`, else a new one; upstream failures as API errors. */
export async function currentSlos(maxAgeMs = MAX_AGE_MS): Promise<SloRun> {
  const s = state();
  if (s.last && Date.now() - s.last.at <= maxAgeMs) return s.last;
  try {
    return await run();
  } catch (err) {
    if (err instanceof UpstreamError) throw upstreamToApiError(err, defaultDeps.reader().projectId);
    throw err;
  }
}

/** Sends what the alert ledger owes; serialised, re-armed for the next retry. */
export function kickSloDeliveries(): void {
  const s = state();
  s.kicker ??= channelKicker("SLO alert", async (targets, lane) =>
    deliverSloAlerts(await defaultDeps.db(), targets, { lane }),
  );
  s.kicker.kick();
}

export function startSloEvaluator(): void {
  const s = state();
  if (s.timer) return;
  const tick = () => {
    void run()
      .catch((err: unknown) => console.error("SLO evaluation failed", err instanceof Error ? err.message : err))
      .finally(kickSloDeliveries);
  };
  s.timer = setInterval(tick, TICK_MS);
  s.timer.unref();
  setTimeout(tick, 5_000).unref();
}

/** For the leader's step-down: no more evaluations or deliveries from this replica. */
export function stopSloEvaluator(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  s.kicker?.stop();
}
