import type { Point } from "@/lib/core/series";

export type UpState = "up" | "down" | "unknown";
export type UpSegment = { from: number; to: number; state: UpState };

/**
 * The "up" band: each aligned period is up (min ≥ 1), down (min < 1) or unknown (no
 * sample — a silent database is not an up one). Neighbouring periods of one state merge.
 * A point at t covers (t − period, t], as Cloud Monitoring aligns them.
 */
export function upBand(
  points: readonly Point[],
  interval: { startMs: number; endMs: number; periodSeconds: number },
): UpSegment[] {
  const periodMs = interval.periodSeconds * 1000;
  const byEnd = new Map<number, number>();
  for (const p of points) if (p.v !== null) byEnd.set(p.t, Math.min(p.v, byEnd.get(p.t) ?? Infinity));
  const segments: UpSegment[] = [];
  for (let to = interval.startMs + periodMs; to <= interval.endMs; to += periodMs) {
    const v = byEnd.get(to);
    const state: UpState = v === undefined ? "unknown" : v >= 1 ? "up" : "down";
    const last = segments[segments.length - 1];
    if (last && last.state === state && last.to === to - periodMs) last.to = to;
    else segments.push({ from: to - periodMs, to, state });
  }
  return segments;
}

export type BackendUsage = { used: number; max: number; ratio: number; headroom: number };

/** Backends against max_connections; at ratio 1 new connections are refused. */
export function backendUsage(used: number, maxConnections: number): BackendUsage {
  return { used, max: maxConnections, ratio: used / maxConnections, headroom: Math.max(0, maxConnections - used) };
}

/** The newest point with a value. */
export function latestPoint(points: readonly Point[]): Point | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p && p.v !== null) return p;
  }
  return null;
}

/** Sum of several series at each time (num_backends when the reducer was not applied upstream). */
export function sumSeries(series: readonly { points: readonly Point[] }[]): Point[] {
  const m = new Map<number, number>();
  for (const s of series) for (const p of s.points) if (p.v !== null) m.set(p.t, (m.get(p.t) ?? 0) + p.v);
  return [...m.entries()].sort(([a], [b]) => a - b).map(([t, v]) => ({ t, v }));
}
