import "server-only";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { DataNeed, SnapshotEntry } from "@/lib/criteria/core";
import { getStore, type StoreDb } from "@/lib/store/db";
import { percentile } from "@/lib/probes/core/histogram";
import { minuteHorizon, stateRows } from "./queries";
import { countsByProbe, lastWindow, latencyByProbe, uptimeOf } from "./store-reads";

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

/**
 * Fills the probe measurements of a criteria Snapshot: probe_status (flap-controlled, or
 * "flapping"), probe_uptime (0..1) and p50/p95/p99 of probe_phase series (ms). measuredAt is
 * the time of the latest result the value rests on, so the evaluator can call it stale. Needs
 * it does not handle, probes it has no data for, and everything while the store is not
 * reachable are left out — the evaluator reads that as unknown.
 */
export async function probeSnapshot(needs: DataNeed[], now: number): Promise<Record<string, SnapshotEntry>> {
  const probeNeeds = needs.filter(
    (n) =>
      n.measurement.kind === "probe_status" ||
      n.measurement.kind === "probe_uptime" ||
      (n.measurement.kind === "percentile" && n.measurement.series.kind === "probe_phase"),
  );
  if (probeNeeds.length === 0) return {};
  let db: StoreDb;
  try {
    db = (await getStore()).db;
  } catch {
    return {};
  }
  const configured = new Set(getStagingConfig().probes.map((p) => p.name));
  const names = [...configured];
  const states = await stateRows(db, names);
  const out: Record<string, SnapshotEntry> = {};
  for (const need of probeNeeds) {
    const m = need.measurement;
    const probe =
      m.kind === "percentile"
        ? m.series.kind === "probe_phase"
          ? m.series.probe
          : ""
        : m.kind === "probe_status" || m.kind === "probe_uptime"
          ? m.probe
          : "";
    const state = states.get(probe);
    // A probe that is not configured (or never ran) has no measurement, not a bad one.
    if (!configured.has(probe) || !state?.lastCheckedAt) continue;
    const measuredAt = iso(state.lastCheckedAt);
    if (m.kind === "probe_status") {
      out[need.key] = { value: state.status, measuredAt };
    } else if (m.kind === "probe_uptime") {
      const uptime = uptimeOf(
        (await countsByProbe(db, lastWindow(now, m.windowSeconds * 1000), [probe], minuteHorizon(now))).get(probe),
      );
      if (uptime !== null) out[need.key] = { value: uptime, measuredAt };
    } else if (m.kind === "percentile" && m.series.kind === "probe_phase") {
      const lat = (
        await latencyByProbe(db, m.series.phase, lastWindow(now, m.windowSeconds * 1000), [probe], minuteHorizon(now))
      ).get(probe);
      const value = lat ? percentile(lat.hist, m.percentile, lat.maxMs) : null;
      if (value !== null) out[need.key] = { value, measuredAt };
    }
  }
  return out;
}
