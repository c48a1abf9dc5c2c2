import { ceilingBitsPerSecond, type CeilingBasis } from "@/lib/core/connector-capacity";
import type { Point, Series } from "@/lib/core/series";

export type ThroughputPoint = { t: number; sent: number | null; received: number | null; total: number | null };

const sumAt = (series: Series[]) => {
  const m = new Map<number, number>();
  for (const s of series) for (const p of s.points) if (p.v !== null) m.set(p.t, (m.get(p.t) ?? 0) + p.v);
  return m;
};

/** Bytes/s (ALIGN_RATE) in each direction → bits/s, joined by time; total = sent + received. */
export function throughputBits(sent: Series[], received: Series[]): ThroughputPoint[] {
  const s = sumAt(sent);
  const r = sumAt(received);
  const times = [...new Set([...s.keys(), ...r.keys()])].sort((a, b) => a - b);
  return times.map((t) => {
    const sv = s.has(t) ? (s.get(t) ?? 0) * 8 : null;
    const rv = r.has(t) ? (r.get(t) ?? 0) * 8 : null;
    return { t, sent: sv, received: rv, total: sv === null && rv === null ? null : (sv ?? 0) + (rv ?? 0) };
  });
}

/** The instance count in force at `t`: the newest point at or before it. */
export function instancesAt(points: readonly Point[], t: number): number | null {
  let found: number | null = null;
  for (const p of points) {
    if (p.t > t) break;
    if (p.v !== null) found = p.v;
  }
  return found;
}

export type Headroom = {
  throughputBps: number;
  ceilingBps: number;
  instances: number;
  /** throughput ÷ ceiling; may pass 1 (the ceiling is Google's expected throughput, not a hard cap). */
  utilization: number;
  /** 100 × (1 − utilization), floored at 0. */
  headroomPercent: number;
  /** At or above the ceiling in force: no headroom, traffic queues (the incident's database time-outs). */
  saturated: boolean;
};

export function headroom(throughputBps: number, instances: number, basis: CeilingBasis): Headroom | null {
  if (instances <= 0) return null;
  const ceilingBps = ceilingBitsPerSecond(basis, instances);
  const utilization = throughputBps / ceilingBps;
  return {
    throughputBps,
    ceilingBps,
    instances,
    utilization,
    headroomPercent: Math.max(0, 100 * (1 - utilization)),
    saturated: utilization >= 1,
  };
}

/** Headroom at every throughput point with a known instance count, oldest first. */
export function headroomSeries(
  throughput: readonly ThroughputPoint[],
  instances: readonly Point[],
  /** One basis, or the one in force at each point's time (a resized connector). */
  basis: CeilingBasis | ((t: number) => CeilingBasis),
): (Headroom & { t: number })[] {
  const out: (Headroom & { t: number })[] = [];
  const at = typeof basis === "function" ? basis : () => basis;
  for (const p of throughput) {
    const n = instancesAt(instances, p.t) ?? instances.find((i) => i.v !== null)?.v ?? null;
    if (p.total === null || n === null) continue;
    const h = headroom(p.total, n, at(p.t));
    if (h) out.push({ t: p.t, ...h });
  }
  return out;
}

/**
 * The smallest headroom (0–1) among the points in (start, end] (points are stamped at their period's end), or null when none has a
 * figure: no throughput or no instance count is unknown, never "plenty of room".
 */
export function lowestHeadroom(
  headrooms: readonly (Headroom & { t: number })[],
  start: number,
  end: number,
): number | null {
  const inWindow = headrooms.filter((h) => h.t > start && h.t <= end);
  return inWindow.length ? Math.min(...inWindow.map((h) => h.headroomPercent / 100)) : null;
}

export type ScaleOut = { t: number; from: number; to: number };

/** Moments the instance count rose. Connectors never scale back in, so every step up stays. */
export function scaleOuts(points: readonly Point[]): ScaleOut[] {
  const out: ScaleOut[] = [];
  let prev: number | null = null;
  for (const p of points) {
    if (p.v === null) continue;
    if (prev !== null && p.v > prev) out.push({ t: p.t, from: prev, to: p.v });
    prev = p.v;
  }
  return out;
}

export type InstanceLimits = { current: number | null; min: number; max: number; atMax: boolean; belowMin: boolean };

/** At max, the connector cannot grow any more under the next start-up burst. */
export function instanceLimits(current: number | null, min: number, max: number): InstanceLimits {
  return { current, min, max, atMax: current !== null && current >= max, belowMin: current !== null && current < min };
}
