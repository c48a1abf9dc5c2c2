"use client";

import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/core/format";
import type { SloResponse } from "@/lib/slo/schemas";

/** Every firing and resolved transition, newest first, as recorded (and notified) once. */
export function AlertHistory({ history }: { history: SloResponse["history"] }) {
  if (history.length === 0) return <p className="muted">No alert has fired yet.</p>;
  return (
    <DataTable label="SLO alert history" columns={["when", "SLO", "rule", "became"]}>
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
    </DataTable>
  );
}
