"use client";

import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/health/format";
import type { SloResponse } from "@/lib/slo/schemas";

/** Every firing and resolved transition, newest first, as recorded (and notified) once. */
export function AlertHistory({ history }: { history: SloResponse["history"] }) {
  if (history.length === 0) return <p className="muted">No alert has fired yet.</p>;
  return (
    <table aria-label="SLO alert history">
      <thead>
        <tr>
          <th scope="col">when</th>
          <th scope="col">SLO</th>
          <th scope="col">rule</th>
          <th scope="col">became</th>
        </tr>
      </thead>
      <tbody>
        {history.map((h) => (
          <tr key={`${h.slo}-${h.rule}-${h.at}-${h.to}`}>
            <td>{formatDateTime(h.at)}</td>
            <td>{h.slo}</td>
            <td>{h.rule}</td>
            <td>
              <StatusBadge status={h.to === "firing" ? "down" : "healthy"} label={h.to} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
