import "server-only";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { ProbeEvidence, ProbeImpact } from "@/lib/probes/core/evidence";
import { getStore } from "@/lib/store/db";
import { resultAge } from "@/lib/probes/core/freshness";
import { probeSummaries, stateRows, type StateRow } from "@/lib/probes/store/queries";
import type { GoldenPath } from "@/lib/probes/core/types";
import { processSlot } from "@/lib/base/singleton";

export type { GoldenPath };

/** The golden-path probes for the Overview strip; each carries its own last-check time. */
export async function goldenPath(now: number): Promise<GoldenPath> {
  const all = await probeSummaries(now);
  return { checkedAt: new Date(now).toISOString(), probes: all.filter((p) => p.goldenPath) };
}

/** What a probe's failure means for the Overview verdict: configured, else "down" on the golden path, else not read. */
export function probeImpact(p: ProbeConfig): ProbeImpact | null {
  return p.impact ?? (p.goldenPath ? "down" : null);
}

export function probeEvidence(
  probes: readonly ProbeConfig[],
  states: ReadonlyMap<string, StateRow>,
  now: number,
): ProbeEvidence[] {
  return probes.map((p) => {
    const st = states.get(p.name);
    const checked = st?.lastCheckedAt ?? null;
    const age = resultAge(p, checked, now);
    return {
      name: p.name,
      status: st && checked !== null ? st.status : "unknown",
      // Evidence without a result is as unusable as an old one.
      stale: age.kind !== "fresh",
      checkedAt: checked === null ? null : new Date(checked).toISOString(),
      staleAfter: age.kind === "missing" ? null : new Date(age.staleAfterMs).toISOString(),
      impact: probeImpact(p),
      dependsOn: p.dependsOn,
      lastError: st?.lastError ?? null,
      service: p.service ?? null,
    };
  });
}

const memo = processSlot<{ second: number; value: Promise<ProbeEvidence[]> }>("verdict-probes");

/**
 * Every configured probe as verdict evidence, read straight from the stored flap-controlled
 * state (one small indexed read, shared within one second of the clock — not the 5-s summary
 * cache) so a golden-path failure reaches the verdict as soon as flap control has decided it.
 * Without a store every probe is unknown.
 */
export function verdictProbeEvidence(now: number): Promise<ProbeEvidence[]> {
  const second = Math.floor(now / 1000);
  const hit = memo.get();
  if (hit && hit.second === second) return hit.value;
  const value = readEvidence(now);
  memo.set({ second, value });
  return value;
}

async function readEvidence(now: number): Promise<ProbeEvidence[]> {
  const probes = getStagingConfig().probes;
  let states: Map<string, StateRow> = new Map();
  try {
    states = await stateRows(
      (await getStore()).db,
      probes.map((p) => p.name),
    );
  } catch (err) {
    console.error("overview verdict: probe store unavailable:", err);
  }
  return probeEvidence(probes, states, now);
}
