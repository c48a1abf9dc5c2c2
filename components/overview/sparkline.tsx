import { formatPercent } from "@/lib/core/format";

type Point = { t: number; rate: number | null };

/**
 * A small SVG line of the success rate with the target as a dashed line. Hand-drawn rather
 * than Recharts so the Overview — the page leadership opens — stays light; the label says
 * in words what the line shows.
 */
export function Sparkline({
  points,
  target,
  width = 280,
  height = 56,
}: {
  points: readonly Point[];
  target: number;
  width?: number;
  height?: number;
}) {
  const known = points.filter((p): p is { t: number; rate: number } => p.rate !== null);
  const first = points[0]?.t ?? 0;
  const last = points[points.length - 1]?.t ?? 1;
  const x = (t: number) => (last === first ? width / 2 : ((t - first) / (last - first)) * width);
  const y = (r: number) => height - r * (height - 4) - 2;
  // Gaps (periods with no start-ups) break the line instead of being drawn as 0% or 100%.
  const segments: string[][] = [];
  let current: string[] = [];
  for (const p of points) {
    if (p.rate === null) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push(`${x(p.t).toFixed(1)},${y(p.rate).toFixed(1)}`);
  }
  if (current.length) segments.push(current);
  const rates = known.map((p) => p.rate);
  const label = known.length
    ? `Start-up success over the range: lowest ${formatPercent(Math.min(...rates))}, highest ${formatPercent(Math.max(...rates))}, latest ${formatPercent(known[known.length - 1]?.rate)}; ${known.filter((p) => p.rate >= target).length} of ${known.length} periods at or above the ${formatPercent(target, 0)} target.`
    : "No start-ups in the range, so there is no success rate to draw.";
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      height={height}
      preserveAspectRatio="none"
      className="sparkline"
    >
      <title>{label}</title>
      <line
        x1={0}
        x2={width}
        y1={y(target)}
        y2={y(target)}
        stroke="var(--muted)"
        strokeDasharray="4 3"
        strokeWidth={1}
      />
      {segments.map((s, i) =>
        s.length === 1 ? (
          <circle key={i} cx={s[0]?.split(",")[0]} cy={s[0]?.split(",")[1]} r={1.5} fill="var(--accent)" />
        ) : (
          <polyline key={i} points={s.join(" ")} fill="none" stroke="var(--accent)" strokeWidth={1.5} />
        ),
      )}
    </svg>
  );
}
