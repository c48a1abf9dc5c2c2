"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Widget } from "@/components/query/widget";
import { formatClock, formatDateTime } from "@/lib/core/format";
import { scopeWords } from "@/lib/config/core/maintenance/scope";
import type { MaintenanceWindowView } from "@/lib/maintenance/types";
import { fetchJson } from "@/lib/query/fetch-json";
import { maintenanceQuery } from "@/lib/query/maintenance-queries";

/**
 * The form's schema is the server's (zod, and cron-parser with Luxon for recurring windows):
 * ~30 KB compressed that every viewer of the Overview downloaded and parsed on first view for a
 * form only engineers open. Loaded when the form opens, and awaited again on submit.
 */
const loadSchemas = () => import("@/lib/config/core/maintenance/schemas");

const DURATIONS: readonly [string, string][] = [
  ["30m", "30 minutes"],
  ["1h", "1 hour"],
  ["2h", "2 hours"],
  ["4h", "4 hours"],
  ["8h", "8 hours"],
  ["1d", "1 day"],
];

/**
 * Maintenance windows running and planned, on the Overview, Probes and Readiness pages; for
 * engineers and admins also "Start maintenance" (a scope, a duration, a reason) and "End now".
 * The server checks the role again; the verdicts say "maintenance" beside their evidence.
 */
export function MaintenancePanel({ canManage, scopes }: { canManage: boolean; scopes: readonly string[] }) {
  const qc = useQueryClient();
  const query = useQuery(maintenanceQuery());
  const [formError, setFormError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  // Verdicts read the windows too: refresh them with the list.
  const refresh = () => qc.invalidateQueries();
  const start = useMutation({
    mutationFn: (input: unknown) =>
      fetchJson<{ window: MaintenanceWindowView }>("/api/maintenance", { method: "POST", json: input }),
    onSuccess: () => setOpen(false),
    onSettled: refresh,
  });
  const end = useMutation({
    mutationFn: (id: string) =>
      fetchJson<{ window: MaintenanceWindowView }>(`/api/maintenance/${encodeURIComponent(id)}/end`, {
        method: "POST",
      }),
    onSettled: refresh,
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      scope: String(form.get("scope") ?? ""),
      duration: String(form.get("duration") ?? ""),
      reason: String(form.get("reason") ?? ""),
    };
    let schemas: Awaited<ReturnType<typeof loadSchemas>>;
    try {
      schemas = await loadSchemas();
    } catch {
      return setFormError("The form could not be checked (connection lost?). Try again.");
    }
    const parsed = schemas.createMaintenanceSchema.safeParse(input);
    if (!parsed.success) return setFormError(parsed.error.issues[0]?.message ?? "Check the form.");
    setFormError(null);
    start.mutate(input);
  }

  return (
    <section className="card maintenance-panel" aria-labelledby="maintenance-title" data-testid="maintenance-panel">
      <h2 id="maintenance-title">Maintenance</h2>
      <Widget query={query} title="Maintenance windows" skeletonHeight={60}>
        {({ running, planned }) => (
          <>
            {running.length === 0 ? <p className="muted">No maintenance now.</p> : null}
            <ul className="maintenance-list">
              {[...running, ...planned].map((w) => (
                <li key={w.id} data-testid="maintenance-window" data-scope={w.scope}>
                  <span className="badge status-maintenance">{running.includes(w) ? "maintenance" : "planned"}</span>{" "}
                  <strong>{scopeWords(w.scope)}</strong>: {w.reason} — {running.includes(w) ? "until" : "from"}{" "}
                  {running.includes(w)
                    ? formatClock(w.endsAt)
                    : `${formatDateTime(w.startsAt)} to ${formatClock(w.endsAt)}`}
                  <span className="muted">
                    {" "}
                    (
                    {w.source === "config"
                      ? `staging config${w.recurrence ? `, ${w.recurrence}` : ""}`
                      : `by ${w.createdBy}`}
                    )
                  </span>
                  {canManage && w.source === "api" ? (
                    <>
                      {" "}
                      <button type="button" className="btn" disabled={end.isPending} onClick={() => end.mutate(w.id)}>
                        End now
                      </button>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </Widget>
      {end.error ? (
        <p role="alert" className="error-text">
          {end.error.message}
        </p>
      ) : null}
      {canManage ? (
        open ? (
          <form className="share-form" onSubmit={(e) => void submit(e)} aria-label="Start maintenance">
            <label className="field">
              <span>Scope</span>
              <select name="scope" defaultValue="everything">
                {scopes.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Duration</span>
              <select name="duration" defaultValue="1h">
                {DURATIONS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Reason</span>
              <input name="reason" maxLength={200} required placeholder="e.g. connector migration" />
            </label>
            <button type="submit" className="btn btn-primary" disabled={start.isPending}>
              {start.isPending ? "Starting…" : "Start"}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              // Fetched while the engineer fills the form in; a failure is reported on submit.
              loadSchemas().catch(() => undefined);
              setOpen(true);
            }}
          >
            Start maintenance
          </button>
        )
      ) : null}
      {formError || start.error ? (
        <p role="alert" className="error-text">
          {formError ?? start.error?.message}
        </p>
      ) : null}
    </section>
  );
}
