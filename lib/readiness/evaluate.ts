import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { DataNeed } from "@/lib/criteria/core";
import { demoVerdict, withRehearsalText, type DemoVerdict } from "@/lib/readiness/core";
import type { BudgetGate } from "@/lib/slo/core/budget-gate";
import type { StoreDb } from "@/lib/store/db";
import { evaluateChecks, needsOf, parseChecks, type EvaluatedCheck } from "@/lib/readiness/core/checks";
import type { VerdictContext } from "./context";
import { currentState, recentChanges, recordVerdict } from "./ledger";
import type { ReadinessChangeView } from "./types";
import { currentChannels, currentPlan } from "@/lib/notifications/current";
import { changeEvent, READINESS_SUBJECT, routeEventOf } from "./webhook-payload";
import { NO_MAINTENANCE, type MaintenanceHold } from "@/lib/maintenance/core/held";

/**
 * One readiness evaluation: the config's checks → their data needs → a snapshot of live
 * evidence → each check evaluated with its own freshness limit → the verdict, recorded in the
 * ledger (which notices a change exactly once). Sources are passed in, so tests can run it on
 * the emulator and a throwaway store.
 */

export interface Evidence {
  snapshot: Readonly<Record<string, { value: number | string | null; measuredAt: string | null } | undefined>>;
  problems: Readonly<Record<string, string>>;
}

export interface ReadinessSources {
  config: () => StagingConfig;
  evidence: (needs: DataNeed[], now: number) => Promise<Evidence>;
  context: (now: number) => Promise<VerdictContext>;
  db: () => Promise<StoreDb>;
  /** The dashboard's own URL, for links in notifications; null when unknown. */
  baseUrl: () => string | null;
  /** SLOs marked `gatesDemos` and their budgets; none when not given. */
  budgetGates?: (now: number) => Promise<BudgetGate[]>;
  /** The maintenance windows' hold at `now` (lib/maintenance/windows.ts); nothing held when not given. */
  hold?: (now: number) => Promise<MaintenanceHold>;
}

const NO_MAINTENANCE_NOW = Promise.resolve(NO_MAINTENANCE);

export interface Evaluated {
  at: number;
  checks: EvaluatedCheck[];
  context: VerdictContext;
  /** The verdict without a demo time (the one recorded and notified). */
  verdict: DemoVerdict;
  since: number | null;
  changes: ReadinessChangeView[];
  /** The number of the change this evaluation recorded, if it recorded one. */
  recordedChange: number | null;
  budgetGates: BudgetGate[];
}

export const CHANGES_SHOWN = 10;

/** `record: false` evaluates without touching the ledger (nothing is recorded or notified). */
export async function evaluateReadiness(
  now: number,
  sources: ReadinessSources,
  opts: { record?: boolean } = {},
): Promise<Evaluated> {
  const config = sources.config();
  const parsed = parseChecks(config.readiness.checks);
  const [evidence, context, budgetGates] = await Promise.all([
    sources.evidence(needsOf(parsed), now),
    sources.context(now),
    sources.budgetGates?.(now) ?? [],
  ]);
  const checks = evaluateChecks(parsed, evidence.snapshot, evidence.problems, now);
  const verdict = withRehearsalText(
    demoVerdict(
      checks.map((c) => c.input),
      new Date(now),
      {
        ...(context.workInProgress ? { workInProgress: context.workInProgress } : {}),
        ...(context.maintenance !== undefined ? { maintenance: context.maintenance } : {}),
        budgetGates,
      },
    ),
    context.rehearsals,
    context.workInProgress,
  );

  const db = await sources.db();
  const targets = currentChannels(config);
  // Unreadable windows hold nothing: the verdict already says CAUTION for not knowing of them.
  const hold =
    opts.record === false
      ? NO_MAINTENANCE
      : await (sources.hold?.(now) ?? NO_MAINTENANCE_NOW).catch(() => NO_MAINTENANCE);
  const recorded =
    opts.record === false
      ? await currentState(db).then((s) => (s ? { change: null, verdict: s.verdict, since: s.since } : null))
      : await recordVerdict(db, {
          verdict: verdict.verdict,
          checkedAt: now,
          plan: (previous, audience) =>
            currentPlan(routeEventOf(previous, verdict.verdict), config, targets, hold, audience),
          payload: (seq, previous) => changeEvent(seq, previous, verdict, now, sources.baseUrl()),
          reasons: [verdict.summary, ...verdict.reasons.filter((r) => r.status !== "pass").map((r) => r.text)],
          // Held while all of staging is in maintenance (a narrower window only makes it CAUTION, announced).
          held: hold.windowOf(READINESS_SUBJECT) !== null,
        });
  // An evaluation older than the last one recorded (or not recorded) is not the current verdict's start.
  const since = recorded && recorded.verdict === verdict.verdict ? recorded.since : null;
  return {
    at: now,
    checks,
    context,
    verdict,
    since,
    changes: await recentChanges(db, CHANGES_SHOWN),
    recordedChange: recorded?.change ?? null,
    budgetGates,
  };
}

/** The verdict with the demo-time risk, computed at the evaluation's own time. */
export function verdictFor(e: Evaluated, demoAt: Date | undefined): DemoVerdict {
  if (!demoAt) return e.verdict;
  return withRehearsalText(
    demoVerdict(
      e.checks.map((c) => c.input),
      new Date(e.at),
      {
        ...(e.context.workInProgress ? { workInProgress: e.context.workInProgress } : {}),
        ...(e.context.maintenance !== undefined ? { maintenance: e.context.maintenance } : {}),
        demoAt,
        openActions: e.context.openActions,
        flappingProbesLastHour: e.context.flappingProbesLastHour,
        budgetGates: e.budgetGates,
      },
    ),
    e.context.rehearsals,
    e.context.workInProgress,
  );
}
