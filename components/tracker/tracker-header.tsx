"use client";

import { useState } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/core/format";
import { sendJson } from "@/lib/query/tracker-queries";
import type { TrackerView } from "@/lib/tracker/types";
import { useTrackerEdit } from "./use-tracker-edit";

const WEEK_MS = 7 * 86_400_000;

/** The incident at a glance, when its criteria were checked, and the leadership report. */
export function TrackerHeader({ view, canEdit }: { view: TrackerView; canEdit: boolean }) {
  const evaluate = useTrackerEdit(() => sendJson("POST", "/api/tracker/evaluate"));
  // The default "since" is fixed at first render so server and browser render the same link.
  const [since, setSince] = useState(() =>
    new Date(Date.parse(view.evaluatedAt ?? new Date(0).toISOString()) - WEEK_MS).toISOString().slice(0, 10),
  );
  const { incident } = view;
  return (
    <section className="card tracker-header" aria-labelledby="incident-title">
      <h2 id="incident-title">
        Incident #{incident.id}: {incident.title}
      </h2>
      <p>
        <span className="badge status-bad">{incident.severity}</span>{" "}
        <StatusBadge status={incident.status === "resolved" ? "done" : "active"} label={incident.status} />{" "}
        <strong data-testid="tracker-progress">{view.progress.text}</strong>
      </p>
      <ul className="impact">
        {incident.businessImpact.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
      <p className="muted" data-testid="evaluated-at">
        Success criteria evaluated {view.evaluatedAt ? formatDateTime(view.evaluatedAt) : "not yet"} (every minute, and
        on request).
      </p>
      {view.evaluationError ? (
        <p role="alert" className="error-text">
          The last evaluation failed: {view.evaluationError}. Results older than 5 minutes show as unknown.
        </p>
      ) : null}
      <div className="tracker-tools">
        {canEdit ? (
          <button type="button" className="btn" disabled={evaluate.disabled} onClick={() => evaluate.run(undefined)}>
            {evaluate.pending ? "Evaluating…" : "Evaluate criteria now"}
          </button>
        ) : null}
        <label>
          Changes since <input type="date" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <a className="btn" href={`/api/tracker/report?format=md${since ? `&since=${since}` : ""}`} download>
          Leadership report (Markdown)
        </a>
      </div>
      {evaluate.error ? <p className="error-text">{evaluate.error}</p> : null}
    </section>
  );
}
