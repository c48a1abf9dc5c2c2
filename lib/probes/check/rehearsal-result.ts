import type { ProbeResult } from "@/lib/probes/core/types";
import type { RehearsalRun } from "@/lib/rehearsal/core/types";

/**
 * A finished rehearsal as an ordinary probe result, so flap control, roll-ups, readiness and
 * the Overview's golden path read it like any other probe. Steps become phases `step-<n>`.
 * An unknown run (no browser) has no probe result at all: the probe stays unknown, then stale.
 */
export function toProbeResult(run: RehearsalRun): ProbeResult {
  if (run.status === "unknown") throw new Error("an unknown rehearsal has no probe result");
  const failed = run.failedStep === null ? null : run.steps[run.failedStep - 1];
  const phases = run.steps.flatMap((s) =>
    s.startMs === null || s.durationMs === null
      ? []
      : [{ phase: `step-${s.index}`, startMs: s.startMs, durationMs: s.durationMs }],
  );
  phases.push({ phase: "total", startMs: 0, durationMs: run.durationMs });
  const crashed = /crashed or was killed/.test(failed?.error ?? "");
  const late = /journey's deadline/.test(failed?.error ?? "");
  return {
    probe: run.probe,
    type: "browser",
    status: run.status === "passed" ? "up" : "down",
    checkedAt: run.startedAt,
    durationMs: run.durationMs,
    phases,
    failedPhase: failed ? `step-${failed.index}` : null,
    errorClass: failed ? (crashed ? "browser-crashed" : late ? "journey-deadline" : "step-failed") : null,
    errorMessage: run.error,
    conditions: [],
    details: {
      runId: run.id,
      steps: run.steps.length,
      passedSteps: run.steps.filter((s) => s.status === "passed").length,
      ...(failed ? { failedStep: failed.index, failedStepLabel: failed.label } : {}),
    },
  };
}
