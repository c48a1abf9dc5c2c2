import "server-only";
import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import { invalidateProbeSummaries } from "@/lib/probes/store/queries";
import { probeEngine, rehearsalService } from "./runtime";
import type { ProbeResult } from "@/lib/probes/core/types";
import { claimCooldown } from "@/lib/security/cooldown";

/** How long after a manual run the same target can be run by hand again. */
export const RUN_NOW_COOLDOWN_MS = 15_000;
/** A browser rehearsal costs seconds of CPU: on demand at most once a minute (by default), and not within that of any rehearsal. */
export const rehearsalOnDemandMs = (): number => getEnv().STAGEWATCH_REHEARSAL_ON_DEMAND_SECONDS * 1000;

export class UnknownProbeError extends Error {
  constructor(readonly names: string[]) {
    super(`Not a configured probe: ${names.join(", ")}`);
    this.name = "UnknownProbeError";
  }
}

/**
 * Runs the named configured probes at once, records their results like scheduled ones (flap
 * control, roll-ups, state changes) and returns them. Only names from the staging config can
 * be run, so no caller can make the server reach an address that is not listed there.
 */
export async function runProbesNow(names: string[]): Promise<ProbeResult[]> {
  const configured = new Set(getStagingConfig().probes.map((p) => p.name));
  const unknown = names.filter((n) => !configured.has(n));
  if (unknown.length) throw new UnknownProbeError(unknown);
  const engine = await probeEngine();
  // With scheduling off nothing watches the config; pick up edits before running.
  engine.setTargets(getStagingConfig().probes);
  // A rehearsal that started within the minute stands (or is joined while it runs): its result is fresh enough.
  const browsers = new Set(
    getStagingConfig()
      .probes.filter((p) => p.type === "browser")
      .map((p) => p.name),
  );
  const rehearsals = browsers.size ? await rehearsalService() : null;
  const now = Date.now();
  const due = [...new Set(names)].filter(
    (n) =>
      !browsers.has(n) || !rehearsals?.startedWithin(n, now, rehearsalOnDemandMs()) || engine.scheduler.isRunning(n),
  );
  const results = await engine.runNow(due);
  invalidateProbeSummaries();
  return results;
}

/**
 * When a rehearsal of `name` started within the on-demand window and is no longer running, its
 * start (epoch ms): a run now would not start another one, its result stands. Null otherwise,
 * and for every probe that is not a browser rehearsal.
 */
export async function recentRehearsalStart(name: string, now: number): Promise<number | null> {
  const probe = getStagingConfig().probes.find((p) => p.name === name);
  if (probe?.type !== "browser") return null;
  const [engine, rehearsals] = await Promise.all([probeEngine(), rehearsalService()]);
  const at = rehearsals?.lastStartedAt(name) ?? null;
  if (at === null || now - at >= rehearsalOnDemandMs() || engine.scheduler.isRunning(name)) return null;
  return at;
}

/** Claims the manual-run slot of a probe: 0 when granted, else the milliseconds left of its cool-down. */
export function claimRunNow(name: string, now: number, cooldownMs: number = RUN_NOW_COOLDOWN_MS): number {
  return claimCooldown("run-now", name, now, cooldownMs);
}
