import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { RehearsalBrief } from "@/lib/rehearsal/core/brief";
import { astOf, dataNeedsOfAll } from "@/lib/criteria/core";
import type { StoreDb } from "@/lib/store/db";
import { recentRuns } from "./evidence";
import type { RehearsalRun } from "@/lib/rehearsal/core/types";

/** Readiness checks that read exactly one browser probe's status, by check id → probe name. Pure. */
export function rehearsalChecks(config: StagingConfig): Map<string, string> {
  const browsers = new Set(config.probes.filter((p) => p.type === "browser").map((p) => p.name));
  const out = new Map<string, string>();
  // Read with the criteria language itself, not readiness' evaluation: readiness sits above
  // notifications, which words rehearsal alerts from these briefs (decision 0038).
  for (const check of config.readiness.checks) {
    const parsed = astOf(check);
    if (!parsed.ok) continue;
    const probes = dataNeedsOfAll([parsed.ast]).flatMap((n) =>
      n.measurement.kind === "probe_status" || n.measurement.kind === "probe_uptime" ? [n.measurement.probe] : [],
    );
    const [only] = probes;
    if (only && probes.length === 1 && browsers.has(only)) out.set(check.id, only);
  }
  return out;
}

export function briefOf(run: RehearsalRun, config: StagingConfig): RehearsalBrief {
  const probe = config.probes.find((p) => p.name === run.probe);
  const step = run.failedStep !== null && probe?.type === "browser" ? probe.steps[run.failedStep - 1] : undefined;
  return {
    status: run.status,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    totalSteps: run.steps.length,
    passedSteps: run.steps.filter((s) => s.status === "passed").length,
    failedStep: run.failedStep,
    failedStepName: step?.name ?? null,
  };
}

/** The latest run behind each rehearsal check. */
export async function rehearsalBriefs(db: StoreDb, config: StagingConfig): Promise<Record<string, RehearsalBrief>> {
  const out: Record<string, RehearsalBrief> = {};
  for (const [checkId, probe] of rehearsalChecks(config)) {
    const [run] = await recentRuns(db, probe, 1);
    if (run) out[checkId] = briefOf(run, config);
  }
  return out;
}
