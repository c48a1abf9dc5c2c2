import "server-only";
import { getStagingConfig } from "@/lib/config/staging-config";
import { scrubInternal } from "@/lib/readiness/core";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { runProbesNow } from "@/lib/probes/schedule/run-now";
import { needsOf, parseChecks } from "@/lib/readiness/core/checks";
import type { Evaluated } from "./evaluate";
import { freshReadiness } from "./service";
import { claimCooldown, retryAfterSeconds } from "@/lib/security/cooldown";

/**
 * "Re-check now": runs the golden-path probes (and any other probe a check reads) at once,
 * then evaluates afresh. Probing staging on demand is limited to one run per window for the
 * whole process — a room of salespeople pressing the button is one probe run, not twenty.
 */

export const RECHECK_WINDOW_MS = 30_000;

/** Pure: the probes a re-check runs, in config order. */
export function recheckProbes(config: StagingConfig): string[] {
  const read = new Set(
    needsOf(parseChecks(config.readiness.checks)).flatMap((n) =>
      n.measurement.kind === "probe_status" || n.measurement.kind === "probe_uptime" ? [n.measurement.probe] : [],
    ),
  );
  return config.probes.filter((p) => p.goldenPath || read.has(p.name)).map((p) => p.name);
}

export type RecheckResult =
  | { ok: true; evaluated: Evaluated; probes: string[]; problem: string | null }
  | { ok: false; retryAfterSeconds: number };

export async function recheckNow(now: number = Date.now()): Promise<RecheckResult> {
  const wait = claimCooldown("readiness-recheck", "all", now, RECHECK_WINDOW_MS);
  if (wait > 0) return { ok: false, retryAfterSeconds: retryAfterSeconds(wait) };
  const probes = recheckProbes(getStagingConfig());
  let problem: string | null = null;
  try {
    if (probes.length) await runProbesNow(probes);
  } catch (err) {
    // The verdict is still re-evaluated on what is known; the page says the probes did not run.
    problem = scrubInternal(
      `The live checks could not be run just now (${err instanceof Error ? err.message : String(err)}); the verdict uses the latest results.`,
    );
    console.error("Readiness re-check: probes did not run", err);
  }
  return { ok: true, evaluated: await freshReadiness(), probes, problem };
}
