import type { StagingConfig } from "@/lib/config/core/staging-schema";
import {
  dataNeedsOfAll,
  evaluateWithProblems,
  astOf,
  type DataNeed,
  type Expr,
  type Snapshot,
} from "@/lib/criteria/core";
import type { CheckEvidence, ReadinessCheckInput } from "./types";

/**
 * The pure half of a readiness evaluation: the config's checks parsed, their data needs, and
 * each evaluated against one snapshot with the check's own freshness limit.
 */

/** A readiness check as configured; `ast` is absent only in a check built by hand (tests). */
export type CheckConfig = Omit<StagingConfig["readiness"]["checks"][number], "ast"> & { ast?: Expr };

export interface ParsedCheck {
  check: CheckConfig;
  ast: Expr | null;
  /** Why the expression cannot be read; such a check is never evaluated, so never passes. */
  problem: string | null;
}

export function parseChecks(checks: readonly CheckConfig[]): ParsedCheck[] {
  return checks.map((check) => {
    const r = astOf(check);
    return r.ok
      ? { check, ast: r.ast, problem: null }
      : { check, ast: null, problem: `the expression cannot be read: ${r.error.message}` };
  });
}

export function needsOf(parsed: readonly ParsedCheck[]): DataNeed[] {
  return dataNeedsOfAll(parsed.flatMap((p) => (p.ast ? [p.ast] : [])));
}

export interface EvaluatedCheck {
  input: ReadinessCheckInput;
  evidence: CheckEvidence;
}

export function evaluateChecks(
  parsed: readonly ParsedCheck[],
  snapshot: Snapshot,
  problems: Readonly<Record<string, string>>,
  now: number,
): EvaluatedCheck[] {
  return parsed.map(({ check, ast, problem }) => {
    const evaluation = ast ? evaluateWithProblems(ast, snapshot, problems, now, check.maxAgeSeconds) : null;
    return {
      input: {
        id: check.id,
        label: check.label,
        severity: check.severity,
        evaluation,
        maxAgeSeconds: check.maxAgeSeconds,
      },
      evidence: {
        checkId: check.id,
        expr: check.expr,
        measured: evaluation?.measured ?? "no data",
        measuredAt: evaluation?.measuredAt ?? null,
        detail: problem ?? evaluation?.reason ?? null,
      },
    };
  });
}
