"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { StatusBadge } from "@/components/ui/status-badge";
import { fetchJson } from "@/lib/query/fetch-json";
import type { RunNowResponse } from "@/lib/probes/core/types";

/** Runs one probe now (engineers and admins); the server enforces the role and a cool-down. */
export function RunNowButton({ name }: { name: string }) {
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => fetchJson<RunNowResponse>(`/api/probes/${encodeURIComponent(name)}/run`, { method: "POST" }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["probe", name] });
      void qc.invalidateQueries({ queryKey: ["probe-history", name] });
      void qc.invalidateQueries({ queryKey: ["probes"] });
    },
  });
  return (
    <div className="run-now">
      <button type="button" className="btn btn-primary" onClick={() => run.mutate()} disabled={run.isPending}>
        {run.isPending ? "Running…" : "Run now"}
      </button>
      <span role="status" aria-live="polite" data-testid="run-now-status">
        {run.isSuccess && run.data.result ? (
          <>
            Ran just now: <StatusBadge status={run.data.result.status} />
          </>
        ) : null}
        {run.isError ? (
          <span className="error-text">{run.error instanceof Error ? run.error.message : "The run failed."}</span>
        ) : null}
      </span>
    </div>
  );
}
