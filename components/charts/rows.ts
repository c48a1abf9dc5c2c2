import type { Row } from "./time-series";

type Point = { t: number; v: number | null };

/** Merges named point series (epoch ms) into chart rows keyed by ISO time, oldest first. */
export function toRows(series: Record<string, readonly Point[]>): Row[] {
  const byTime = new Map<number, Row>();
  for (const [key, points] of Object.entries(series)) {
    for (const p of points) {
      const row = byTime.get(p.t) ?? { t: new Date(p.t).toISOString() };
      row[key] = p.v;
      byTime.set(p.t, row);
    }
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
}

/** Newest value of a series, for summary sentences. */
export function latest(points: readonly Point[]): Point | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (p && p.v !== null) return p;
  }
  return null;
}
