import "server-only";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { DataNeed, Measurement, Snapshot, SnapshotEntry } from "@/lib/criteria/core";
import { getReader, type Reader } from "@/lib/gcp/reader";
import { probeSnapshot } from "@/lib/probes/store/snapshot";
import { isMetricNeed, measureMetrics, type Measured } from "./metrics";

/**
 * Fills the data needs of criteria and readiness checks from the live sources: metrics
 * (Cloud Monitoring / Logging through the shared cache), probes (the probe store) and the
 * tracker's own phases. A source that fails leaves its entries out — unknown, never a pass —
 * and says why in `problems`.
 */

export interface Evidence {
  snapshot: Snapshot;
  /** Why an entry is missing, by Snapshot key. */
  problems: Record<string, string>;
}

type PhasesRead = { count: number | null; error: string | null };

export interface EvidenceSources {
  reader: () => Reader;
  config: () => StagingConfig;
  probes: (needs: DataNeed[], now: number) => Promise<Record<string, SnapshotEntry>>;
  /** How many blocking phases are not done: the tracker counts them (it reads evidence itself). */
  blockingPhases: (now: number) => Promise<number>;
}

/**
 * The live sources. The count of blocking phases comes from the caller, since the tracker itself
 * reads evidence: evidence stays below the tracker (decisions 0034 and 0038).
 */
export function liveSources(blockingPhases: EvidenceSources["blockingPhases"]): EvidenceSources {
  return { reader: getReader, config: getStagingConfig, probes: probeSnapshot, blockingPhases };
}

const isProbeNeed = (m: Measurement) =>
  m.kind === "probe_status" ||
  m.kind === "probe_uptime" ||
  (m.kind === "percentile" && m.series.kind === "probe_phase");

type ProbeRead = { entries: Record<string, SnapshotEntry | undefined>; error: string | null };

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function collectEvidence(
  needs: readonly DataNeed[],
  now: number,
  sources: EvidenceSources,
): Promise<Evidence> {
  const metricNeeds = needs.filter((n) => isMetricNeed(n.measurement));
  const probeNeeds = needs.filter((n) => isProbeNeed(n.measurement));
  const wantsPhases = needs.some((n) => n.measurement.kind === "blocking_phases");

  const [metrics, probes, phases] = await Promise.all([
    metricNeeds.length
      ? measureMetrics(sources.reader(), sources.config(), metricNeeds, now)
      : Promise.resolve<Record<string, Measured>>({}),
    probeNeeds.length
      ? sources.probes(probeNeeds, now).then(
          (entries): ProbeRead => ({ entries, error: null }),
          (err: unknown): ProbeRead => ({ entries: {}, error: `the probe results could not be read: ${reason(err)}` }),
        )
      : Promise.resolve<ProbeRead>({ entries: {}, error: null }),
    wantsPhases
      ? sources.blockingPhases(now).then(
          (count): PhasesRead => ({ count, error: null }),
          (err: unknown): PhasesRead => ({
            count: null,
            error: `the tracker's phases could not be read: ${reason(err)}`,
          }),
        )
      : Promise.resolve<PhasesRead>({ count: null, error: null }),
  ]);

  const snapshot: Record<string, SnapshotEntry> = {};
  const problems: Record<string, string> = {};
  for (const need of needs) {
    const m = need.measurement;
    if (isMetricNeed(m)) {
      const r: Measured | undefined = metrics[need.key];
      if (r && "entry" in r) snapshot[need.key] = r.entry;
      else problems[need.key] = r?.problem ?? "not measured";
    } else if (isProbeNeed(m)) {
      const entry = probes.entries[need.key];
      if (entry) snapshot[need.key] = entry;
      else problems[need.key] = probes.error ?? "no probe result";
    } else if (m.kind === "blocking_phases") {
      // Measured when the phases were read, which is now: the tracker reads them per evaluation.
      if (phases.count !== null) snapshot[need.key] = { value: phases.count, measuredAt: new Date(now).toISOString() };
      else problems[need.key] = phases.error ?? "no phases";
    }
  }
  return { snapshot, problems };
}
