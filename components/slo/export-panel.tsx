"use client";

import { useMutation } from "@tanstack/react-query";
import { DataTable } from "@/components/ui/data-table";
import { fetchJson } from "@/lib/query/fetch-json";
import type { ExportAction } from "@/lib/slo/export/shapes";

/**
 * "Export to Cloud Monitoring": the same SLOs and burn-rate policies as Google's own
 * resources. Anyone can read the JSON; engineers and admins can create them (the server
 * checks the role again). Creating twice creates nothing new.
 */
export function ExportPanel({ canExport }: { canExport: boolean }) {
  const run = useMutation({
    mutationFn: () =>
      fetchJson<{ projectId: string; actions: ExportAction[] }>("/api/slo/export", {
        method: "POST",
        body: "{}",
        headers: { "content-type": "application/json" },
      }),
  });
  return (
    <section className="card" aria-labelledby="slo-export-title" data-testid="slo-export">
      <div className="card-head">
        <h2 id="slo-export-title">Export to Cloud Monitoring</h2>
      </div>
      <p className="muted">
        One Service and a request-based SLO per objective (good and total start-up probes), and an alert policy per
        burn-rate rule using select_slo_burn_rate. <a href="/api/slo/export">The JSON</a>
      </p>
      {canExport ? (
        <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>
          {run.isPending ? "Creating…" : "Export to Cloud Monitoring"}
        </button>
      ) : (
        <p className="muted">Creating them needs the engineer or admin role.</p>
      )}
      {run.isError ? (
        <p role="alert" className="error-text">
          {run.error instanceof Error ? run.error.message : "The export failed."}
        </p>
      ) : null}
      {run.data ? (
        <DataTable label="Export result" columns={["resource", "name", "result"]}>
          {run.data.actions.map((a) => (
            <tr key={`${a.kind}-${a.name}`}>
              <td>{a.kind}</td>
              <td>{a.name}</td>
              <td>{a.action === "created" ? "created" : "already there"}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}
