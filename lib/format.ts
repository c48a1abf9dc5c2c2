/** Display formatting shared by server and client components. Missing values render as "—". */
const DASH = "—";

/**
 * The one percent format: truncated (toward zero), never rounded, so 94.96% reads "94.9%" and
 * never "95.0%" next to a 95% target. The epsilon keeps 0.29 (28.999…% in binary) at "29.0%".
 */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio == null || !Number.isFinite(ratio)) return DASH;
  const scale = 10 ** digits;
  const scaled = ratio * 100 * scale;
  const truncated = Math.trunc(scaled + (scaled >= 0 ? 1e-7 : -1e-7)) / scale;
  return `${truncated.toFixed(digits)}%`;
}

export function formatBitsPerSecond(bps: number | null | undefined): string {
  if (bps == null || !Number.isFinite(bps)) return DASH;
  const units = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s"];
  let v = bps;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatCount(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? DASH : Math.round(n).toLocaleString("en-US");
}

/** "45 s", "12 min", "3 h 5 min", "2 d" — for "as of … (age)". */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return DASH;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

/** Times are shown in UTC so server and browser render the same text. */
export function formatClock(iso: string | Date | null | undefined): string {
  if (!iso) return DASH;
  const d = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return DASH;
  return `${d.toISOString().slice(11, 16)} UTC`;
}

export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return DASH;
  const d = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return DASH;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
