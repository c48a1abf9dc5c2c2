import type { StagingConfig } from "@/lib/config/staging-schema";
import type { DataNeed } from "@/lib/health/criteria";
import { demoVerdict, withRehearsalText, type DemoVerdict } from "@/lib/health/readiness";
import type { StoreDb } from "@/lib/store/db";
import { evaluateChecks, needsOf, parseChecks, type EvaluatedCheck } from "@/lib/health/readiness/checks";
import type { VerdictContext } from "./context";
import { currentState, recentChanges, recordVerdict } from "./ledger";
import type { ReadinessChangeView } from "./types";
import { changeEvent, webhookTargets } from "./webhook-payload";

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
}

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
  const [evidence, context] = await Promise.all([sources.evidence(needsOf(parsed), now), sources.context(now)]);
  const checks = evaluateChecks(parsed, evidence.snapshot, evidence.problems, now);
  const verdict = withRehearsalText(
    demoVerdict(
      checks.map((c) => c.input),
      new Date(now),
      {
        ...(context.workInProgress ? { workInProgress: context.workInProgress } : {}),
        ...(context.maintenance !== undefined ? { maintenance: context.maintenance } : {}),
      },
    ),
    context.rehearsals,
    context.workInProgress,
  );

  const db = await sources.db();
  const targets = webhookTargets(config);
  const recorded =
    opts.record === false
      ? await currentState(db).then((s) => (s ? { change: null, verdict: s.verdict, since: s.since } : null))
      : await recordVerdict(db, {
          verdict: verdict.verdict,
          checkedAt: now,
          webhooks: targets.map((t) => t.key),
          payload: (seq, previous) => changeEvent(seq, previous, verdict, now, sources.baseUrl()),
          // Held while all of staging is in maintenance (a narrower window only makes it CAUTION, announced).
          held: (context.maintenance ?? []).some((w) => w.scope === "everything"),
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
      },
    ),
    e.context.rehearsals,
    e.context.workInProgress,
  );
}
