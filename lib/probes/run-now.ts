import "server-only";
import { getStagingConfig } from "@/lib/config/staging-config";
import { invalidateProbeSummaries } from "./queries";
import { probeEngine } from "./runtime";
import type { ProbeResult } from "./types";

/** How long after a manual run the same target can be run by hand again. */
export const RUN_NOW_COOLDOWN_MS = 15_000;

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
  const results = await engine.runNow([...new Set(names)]);
  invalidateProbeSummaries();
  return results;
}

const holder = globalThis as unknown as { __stagewatchRunNowAt?: Map<string, number> };

/** Claims the manual-run slot of a probe: 0 when granted, else the milliseconds left of its cool-down. */
export function claimRunNow(name: string, now: number): number {
  const last = (holder.__stagewatchRunNowAt ??= new Map()).get(name);
  if (last !== undefined && now - last < RUN_NOW_COOLDOWN_MS) return RUN_NOW_COOLDOWN_MS - (now - last);
  holder.__stagewatchRunNowAt.set(name, now);
  return 0;
}
