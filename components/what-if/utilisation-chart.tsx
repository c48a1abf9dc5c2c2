"use client";

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { DataTable } from "@/components/ui/data-table";
import { formatCount, formatPercent } from "@/lib/core/format";
import type { MachineType, Prediction } from "@/lib/what-if/core/types";

/** Rows for the text alternative: at most ~60, every few seconds, plus the last second. */
function tableRows(p: Prediction) {
  const bands = p.utilisation;
  const every = Math.max(1, Math.ceil(bands.length / 60));
  return bands.filter((b, i) => i % every === 0 || i === bands.length - 1);
}

/**
 * Connector utilisation from the moment the burst starts: the median run as a line and the
 * p10–p90 runs as a band, with the scale-out threshold. The summary and the table below are
 * the same figures in words, for readers who cannot see the chart.
 */
export function UtilisationChart({ prediction: p, machineType }: { prediction: Prediction; machineType: MachineType }) {
  const data = p.utilisation.map((b) => ({
    t: b.t,
    band: [b.p10, b.p90],
    median: b.median,
    instances: b.connectorInstances,
  }));
  const peak = p.utilisation.reduce(
    (best, b) => (b.median > best.median ? b : best),
    p.utilisation[0] ?? { t: 0, median: 0 },
  );
  const saturated = p.utilisation.filter((b) => b.median >= 0.99).length;
  const end = p.utilisation.at(-1);
  const summary = `Median run: utilisation peaks at ${formatPercent(peak.median)} ${peak.t} s into the burst and is at or near 100% for ${saturated} s of the first ${end?.t ?? 0} s; the connector (${machineType}) grows to ${formatCount(end?.connectorInstances)} instances with ${formatCount(end?.readyInstances)} instances ready at the end. The band spans the p10 to p90 runs.`;
  const rows = tableRows(p);
  return (
    <figure style={{ margin: 0 }}>
      <div style={{ width: "100%", height: 240 }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          {/* Hidden from assistive tech (the table below carries the data), so not focusable either. */}
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              domain={[0, "dataMax"]}
              stroke="var(--muted)"
              tickFormatter={(t: number) => `${t} s`}
            />
            <YAxis
              stroke="var(--muted)"
              domain={[0, 1]}
              tickFormatter={(v: number) => formatPercent(v, 0)}
              width={56}
            />
            <Tooltip
              labelFormatter={(t) => `${String(t)} s after the burst began`}
              formatter={(v) =>
                Array.isArray(v) ? v.map((x) => formatPercent(Number(x))).join("–") : formatPercent(Number(v))
              }
              contentStyle={{ background: "var(--panel)", border: "1px solid var(--border)" }}
            />
            <ReferenceLine
              y={0.8}
              stroke="var(--muted)"
              strokeDasharray="6 4"
              label={{ value: "scale-out at 80%", fill: "var(--muted)", position: "insideBottomRight" }}
            />
            <Area
              dataKey="band"
              name="p10–p90 runs"
              stroke="none"
              fill="var(--chart-1)"
              fillOpacity={0.2}
              isAnimationActive={false}
            />
            <Line
              dataKey="median"
              name="median run"
              stroke="var(--chart-1)"
              dot={false}
              isAnimationActive={false}
              type="stepAfter"
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <p className="muted" data-testid="utilisation-summary">
          {summary}
        </p>
        <details>
          <summary>Connector utilisation: data table</summary>
          <DataTable
            columns={[
              "Seconds after start",
              "Utilisation (median)",
              "p10–p90",
              "Connector instances",
              "DB connections",
              "Instances ready",
            ]}
          >
            {rows.map((b) => (
              <tr key={b.t}>
                <td>{b.t} s</td>
                <td>{formatPercent(b.median)}</td>
                <td>
                  {formatPercent(b.p10)}–{formatPercent(b.p90)}
                </td>
                <td>{formatCount(b.connectorInstances)}</td>
                <td>{formatCount(b.connections)}</td>
                <td>{formatCount(b.readyInstances)}</td>
              </tr>
            ))}
          </DataTable>
        </details>
      </figcaption>
    </figure>
  );
}
