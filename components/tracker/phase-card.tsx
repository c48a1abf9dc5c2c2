"use client";

import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/core/format";
import { sendJson } from "@/lib/query/tracker-queries";
import { PHASE_STATUSES } from "@/lib/tracker/schemas";
import type { LinkedChangeView, PhaseView } from "@/lib/tracker/types";
import { ActionTable } from "./action-table";
import { CriterionList } from "./criterion-list";
import { useTrackerEdit } from "./use-tracker-edit";

function PhaseStatusControl({ phase }: { phase: PhaseView }) {
  const edit = useTrackerEdit((status: PhaseView["status"]) =>
    sendJson("PATCH", `/api/tracker/phases/${encodeURIComponent(phase.id)}`, { version: phase.version, status }),
  );
  return (
    <div className="phase-status-control">
      <label>
        Status{" "}
        <select
          aria-label={`Status of phase ${phase.name}`}
          value={phase.status}
          disabled={edit.disabled}
          onChange={(e) => edit.run(e.target.value as PhaseView["status"])}
        >
          {PHASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {edit.error ? (
        <p role="alert" className="error-text">
          {edit.error}
        </p>
      ) : null}
    </div>
  );
}

/** One phase on the timeline: its gate, status, success criteria and actions. */
export function PhaseCard({
  phase,
  current,
  canEdit,
  changeLinks,
}: {
  phase: PhaseView;
  current: boolean;
  canEdit: boolean;
  changeLinks: readonly LinkedChangeView[];
}) {
  const titleId = `phase-${phase.id}-title`;
  const gate = phase.effective.gate;
  return (
    <article
      className={`card phase-card${current ? " phase-current" : ""}`}
      aria-labelledby={titleId}
      data-testid={`phase-${phase.id}`}
    >
      <header className="phase-head">
        <h3 id={titleId}>
          Phase {phase.order}: {phase.name}
        </h3>
        <span className="phase-badges">
          <StatusBadge status={phase.effective.status} />
          {phase.blocking ? <span className="badge status-bad">blocking</span> : null}
          {current ? <span className="badge status-unknown">current</span> : null}
        </span>
      </header>
      <p className="muted">
        Owner: {phase.ownerTeam}
        {phase.timeline ? <> · {phase.timeline}</> : null} · status set by {phase.updatedBy} at{" "}
        {formatDateTime(phase.updatedAt)}
      </p>
      {gate ? (
        <p className={`gate${gate.open ? " gate-open" : ""}`}>
          {gate.open ? "Gate open" : "Gate closed"}: {gate.text}.
        </p>
      ) : null}
      {phase.effective.reason && !gate ? <p className="muted">{phase.effective.reason}</p> : null}
      {canEdit ? <PhaseStatusControl phase={phase} /> : null}
      {phase.readyToClose ? (
        <p className="ready-to-close" role="status">
          Criteria met — ready to close.
        </p>
      ) : null}
      {phase.lastDecision ? (
        <p className="decision">
          {phase.lastDecision.decision === "close" ? "Closed" : "Reopened"} automatically at{" "}
          {formatDateTime(phase.lastDecision.decidedAt)}: {phase.lastDecision.reason}
        </p>
      ) : null}
      <h4>Success criteria</h4>
      {phase.criteria.length ? <p className="muted">{phase.criteriaText}</p> : null}
      <CriterionList criteria={phase.criteria} />
      <h4>Actions</h4>
      <ActionTable phase={phase} canEdit={canEdit} changeLinks={changeLinks} />
    </article>
  );
}
