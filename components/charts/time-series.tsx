"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DataTable } from "@/components/ui/data-table";
import { formatDateTime, formatTimeTick, timeSpanMs } from "@/lib/core/format";
import type { Marker } from "./markers";

export type SeriesDef = { key: string; label: string; color: string; dashed?: boolean };
export type Row = { t: string } & Record<string, number | null | string>;

type Props = {
  title: string;
  summary: string;
  series: SeriesDef[];
  rows: Row[];
  format: (v: number | null) => string;
  references?: { y: number; label: string; color?: string }[];
  /** Events drawn as vertical lines (scale-outs, changes); those with a title or link are listed under the chart. */
  markers?: Marker[];
  yDomain?: [number | "auto", number | "auto"];
  height?: number;
};

/**
 * One time-series chart. Its text alternative — a summary sentence and the data as a
 * table — is part of the page, so the figures are readable without the picture.
 */
export function TimeSeriesChart({
  title,
  summary,
  series,
  rows,
  format,
  references = [],
  markers = [],
  yDomain,
  height = 220,
}: Props) {
  // Dates on every axis longer than a day (lib/core/format.ts): the span is the rows' own.
  const span = timeSpanMs(rows.map((r) => r.t));
  const tick = (t: string) => formatTimeTick(t, span);
  return (
    <figure style={{ margin: 0 }}>
      <div style={{ width: "100%", height }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 8 }} title={title} desc={summary}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis dataKey="t" tickFormatter={tick} stroke="var(--muted)" minTickGap={40} />
            <YAxis
              stroke="var(--muted)"
              tickFormatter={(v: number) => format(v)}
              domain={yDomain ?? ["auto", "auto"]}
              width={80}
            />
            <Tooltip
              labelFormatter={(t) => formatDateTime(String(t))}
              formatter={(v) => format(typeof v === "number" ? v : null)}
              contentStyle={{ background: "var(--panel)", border: "1px solid var(--border)" }}
            />
            {references.map((r) => (
              <ReferenceLine
                key={r.label}
                y={r.y}
                stroke={r.color ?? "var(--bad)"}
                strokeDasharray="6 4"
                label={{ value: r.label, fill: "var(--muted)", position: "insideTopRight" }}
              />
            ))}
            {markers.map((m) => (
              <ReferenceLine
                key={`${m.t}-${m.label}`}
                x={m.t}
                stroke="var(--chart-3)"
                label={{ value: m.label, fill: "var(--muted)", position: "top" }}
              />
            ))}
            {series.map((s) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeDasharray={s.dashed ? "4 3" : undefined}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <p className="muted">{summary}</p>
        {markers.some((m) => m.title || m.href) ? (
          <ul className="marker-list" aria-label={`${title}: marked changes`}>
            {markers
              .filter((m) => m.title || m.href)
              .map((m) => (
                <li key={`${m.t}-${m.label}`}>
                  {m.href ? (
                    <a href={m.href} target="_blank" rel="noreferrer" title="Open the change in the Logs Explorer">
                      {m.title ?? m.label}
                    </a>
                  ) : (
                    m.title
                  )}
                </li>
              ))}
          </ul>
        ) : null}
        <details>
          <summary>{title}: data table</summary>
          <DataTable columns={["Time (UTC)", ...series.map((s) => s.label)]}>
            {rows.map((r) => (
              <tr key={r.t}>
                <td>{formatDateTime(r.t)}</td>
                {series.map((s) => {
                  const v = r[s.key];
                  return <td key={s.key}>{format(typeof v === "number" ? v : null)}</td>;
                })}
              </tr>
            ))}
          </DataTable>
        </details>
      </figcaption>
    </figure>
  );
}
