import type { DataNeed } from "@/lib/criteria/core";
import type { Evidence } from "./evaluate";

/**
 * A probe's status is flap-controlled: it stays "up" until several failing attempts in a row
 * (about 45 s), which keeps alerts quiet but is too slow for a promise to a customer. For the
 * demo verdict an "up" whose latest attempt failed is not confirmed: the entry is taken out
 * (unknown → CAUTION at best) until the probe either recovers or turns down.
 */
export function confirmProbeStatus(
  needs: readonly DataNeed[],
  evidence: Evidence,
  lastAttempt: (probe: string) => string | null | undefined,
): Evidence {
  const snapshot = { ...evidence.snapshot };
  const problems = { ...evidence.problems };
  for (const need of needs) {
    const m = need.measurement;
    if (m.kind !== "probe_status" || snapshot[need.key]?.value !== "up") continue;
    const last = lastAttempt(m.probe);
    if (last === "up") continue;
    delete snapshot[need.key];
    problems[need.key] = last
      ? `its status is still "up", but the latest attempt was "${last}": not confirmed`
      : "its latest attempt is not known";
  }
  return { snapshot, problems };
}
