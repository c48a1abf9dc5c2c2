import { formatClock } from "@/lib/core/format";
import type { ChangeView } from "@/lib/metrics/changes-schema";

export type Marker = { t: string; label: string; title?: string; href?: string };

/** A marker's short label: what a reader scans for on the chart. */
function shortLabel(c: ChangeView): string {
  const fail = c.outcome === "failed" ? " ✗" : "";
  switch (c.kind) {
    case "deploy":
      return `${c.details.revision ?? c.resource.name}${fail}`;
    case "connector":
      return `${c.resource.name}${c.details.machineType ? ` → ${c.details.machineType}` : ""}${fail}`;
    default:
      return `${c.kind}: ${c.resource.name}${fail}`;
  }
}

/**
 * Changes as markers on a chart whose x axis is its rows' times: each change sits on the first
 * row at or after its start (rows are dated by the end of their period, so that is the period
 * it happened in). Changes outside the rows are left out: the chart does not draw that time.
 */
export function changeMarkers(
  changes: readonly ChangeView[],
  rows: readonly { t: string }[],
  /** Monitoring points are dated by their period's end; the probe history's bins by their start. */
  datedBy: "end" | "start" = "end",
): Marker[] {
  const times = rows.map((r) => Date.parse(r.t));
  const [first = 0, second = first] = times;
  const step = second - first;
  const last = times[times.length - 1] ?? 0;
  // Where the drawn time starts and ends, periods included.
  const drawnFrom = datedBy === "end" ? first - step : first;
  const drawnTo = datedBy === "end" ? last : last + step;
  const markers: Marker[] = [];
  for (const c of changes) {
    const at = Date.parse(c.startedAt);
    const index = datedBy === "end" ? times.findIndex((t) => t >= at) : times.findLastIndex((t) => t <= at);
    const row = rows[index];
    if (!row || at < drawnFrom || at > drawnTo) continue;
    markers.push({
      t: row.t,
      label: shortLabel(c),
      title: `${formatClock(c.startedAt)}: ${c.summary}`,
      href: c.explorerUrl,
    });
  }
  return markers;
}
