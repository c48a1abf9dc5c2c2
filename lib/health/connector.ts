import type { MachineType } from "@/lib/config/staging-schema";
import type { Point, Series } from "./series";

/**
 * Serverless VPC Access connector capacity. Google documents a throughput range per
 * machine type (f1-micro 100–500 Mbps, e2-micro 200–1,000 Mbps, e2-standard-4
 * 3,200–16,000 Mbps); the ceiling used here is the low end per instance, so headroom is
 * never overstated by our choice of number — a green headroom must hold in the worst case.
 */
export const CEILING_MBPS_PER_INSTANCE: Record<MachineType, number> = {
  "f1-micro": 100,
  "e2-micro": 200,
  "e2-standard-4": 3_200,
};

export function ceilingBitsPerSecond(machineType: MachineType, instances: number): number {
  return CEILING_MBPS_PER_INSTANCE[machineType] * 1e6 * instances;
}

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
  /** throughput ÷ ceiling; may pass 1 (the ceiling is Google's estimate, not a hard cap). */
  utilization: number;
  /** 100 × (1 − utilization), floored at 0. */
  headroomPercent: number;
};

export function headroom(throughputBps: number, instances: number, machineType: MachineType): Headroom | null {
  if (instances <= 0) return null;
  const ceilingBps = ceilingBitsPerSecond(machineType, instances);
  const utilization = throughputBps / ceilingBps;
  return { throughputBps, ceilingBps, instances, utilization, headroomPercent: Math.max(0, 100 * (1 - utilization)) };
}

/** Headroom at every throughput point with a known instance count, oldest first. */
export function headroomSeries(
  throughput: readonly ThroughputPoint[],
  instances: readonly Point[],
  machineType: MachineType,
): (Headroom & { t: number })[] {
  const out: (Headroom & { t: number })[] = [];
  for (const p of throughput) {
    const n = instancesAt(instances, p.t) ?? instances.find((i) => i.v !== null)?.v ?? null;
    if (p.total === null || n === null) continue;
    const h = headroom(p.total, n, machineType);
    if (h) out.push({ t: p.t, ...h });
  }
  return out;
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
