import "server-only";
import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import { currentBudgetGates } from "@/lib/evidence/budget-gates";
import { collectEvidence, liveSources } from "@/lib/evidence/snapshot";
import { currentPhases, defaultTrackerContext } from "@/lib/tracker/state";
import type { DataNeed } from "@/lib/criteria/core";
import { stateRows } from "@/lib/probes/store/queries";
import { getStore } from "@/lib/store/db";
import { confirmProbeStatus } from "./confirm";
import { verdictContext } from "./context";
import { deliverDue } from "./delivery";
import type { DeliveryKicker } from "@/lib/notifications/outbox";
import { channelKicker } from "@/lib/notifications/current";
import { evaluateReadiness, type Evaluated, type Evidence, type ReadinessSources } from "./evaluate";
import { processSingleton } from "@/lib/base/singleton";
import { Coalescer } from "@/lib/base/coalesce";
import { maintenanceHoldAt } from "@/lib/maintenance/windows";
import { blockingPhases } from "@/lib/tracker/core";

/**
 * The process's readiness: evaluations are shared (concurrent callers join the one running)
 * and reused for MAX_AGE_MS, so any number of viewers and share links cost one evaluation
 * per 15 s. A background tick (started from lib/server/start.ts) keeps the verdict — and so
 * change notifications — current when nobody is looking.
 */

export const MAX_AGE_MS = 15_000;
export const TICK_MS = 30_000;
/**
 * Right after start the probes have not had their first round, so their checks are unknown.
 * Verdicts from that time are served but not recorded, so a restart never announces a
 * CAUTION that only means "just started".
 */
export const WARM_UP_MS = 30_000;
const FIRST_TICK_MS = WARM_UP_MS;

type Holder = {
  runs: Coalescer<"evaluation", Evaluated>;
  last?: Evaluated;
  timer?: NodeJS.Timeout;
  kicker?: DeliveryKicker;
};
const state = (): Holder => processSingleton<Holder>("readiness", () => ({ runs: new Coalescer() }));

/** Live evidence, with every "up" probe status confirmed by its latest attempt. */
async function liveEvidence(needs: DataNeed[], now: number): Promise<Evidence> {
  const evidence = await collectEvidence(
    needs,
    now,
    liveSources(async (at) => blockingPhases(await currentPhases(await defaultTrackerContext(), at))),
  );
  const probes = [
    ...new Set(needs.flatMap((n) => (n.measurement.kind === "probe_status" ? [n.measurement.probe] : []))),
  ];
  if (probes.length === 0) return evidence;
  // Without the latest attempts nothing is confirmed: every "up" then counts as unknown.
  const states = await stateRows((await getStore()).db, probes).catch((err: unknown) => {
    console.error("Readiness: the probes' latest attempts could not be read", err);
    return new Map<string, { lastStatus: string | null }>();
  });
  return confirmProbeStatus(needs, evidence, (p) => states.get(p)?.lastStatus);
}

export const defaultSources: ReadinessSources = {
  config: getStagingConfig,
  evidence: liveEvidence,
  context: verdictContext,
  budgetGates: () => currentBudgetGates(),
  hold: (now) => maintenanceHoldAt(now),
  db: async () => (await getStore()).db,
  baseUrl: () => getEnv().NEXTAUTH_URL ?? null,
};

/** Runs an evaluation, or joins the one on its way. */
function run(): Promise<Evaluated> {
  const s = state();
  return s.runs.run("evaluation", () =>
    evaluateReadiness(Date.now(), defaultSources, { record: process.uptime() * 1_000 >= WARM_UP_MS }).then((e) => {
      if (!s.last || e.at >= s.last.at) s.last = e;
      if (e.recordedChange !== null) kickDeliveries();
      return e;
    }),
  );
}

/** The latest evaluation if younger than `maxAgeMs`, else a new one (shared with concurrent callers). */
export async function currentReadiness(maxAgeMs = MAX_AGE_MS): Promise<Evaluated> {
  const s = state();
  if (s.last && Date.now() - s.last.at <= maxAgeMs) return s.last;
  return run();
}

/** A new evaluation that starts after any running one, so it sees everything up to now. */
export async function freshReadiness(): Promise<Evaluated> {
  await state()
    .runs.current("evaluation")
    ?.catch(() => undefined);
  return run();
}

/** Sends whatever the ledger owes; serialised, and re-armed for the next retry. */
export function kickDeliveries(): void {
  const s = state();
  s.kicker ??= channelKicker("Readiness", async (targets, lane) =>
    deliverDue((await getStore()).db, targets, { lane }),
  );
  s.kicker.kick();
}

/** Starts the background evaluation once per process (idempotent across module copies). */
export function startReadinessEvaluator(): void {
  const s = state();
  if (s.timer) return;
  const tick = () => {
    void run()
      .catch((err: unknown) => console.error("Readiness evaluation failed", err))
      // Also picks up deliveries a previous process left unfinished.
      .finally(kickDeliveries);
  };
  s.timer = setInterval(tick, TICK_MS);
  s.timer.unref();
  setTimeout(tick, FIRST_TICK_MS).unref();
}

export function stopReadinessEvaluator(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  s.kicker?.stop();
}
