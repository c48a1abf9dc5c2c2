"use client";

import { ChangesNote, useChartChanges } from "@/components/changes/chart-changes";
import { formatDateTime } from "@/lib/core/format";
import type { LinkedChangeView, TrackerView } from "@/lib/tracker/types";
import { LINKABLE_RANGE } from "./action-changes";

/**
 * The incident's changes on a timeline beside its Five Whys: the week's changes to staging from
 * the audit log, oldest first, and the changes actions were linked to (kept by the tracker, so
 * they stay even when older than the week or when the audit log cannot be read). A change is
 * listed as something that happened then, not as the answer to a Why.
 */
export function IncidentChanges({ view }: { view: Pick<TrackerView, "changeLinks" | "phases"> }) {
  const state = useChartChanges(LINKABLE_RANGE);
  const read = state.state === "known" ? state.changes.filter((c) => c.resource.type !== "project") : [];
  const titleOf = (l: LinkedChangeView) =>
    view.phases.flatMap((p) => p.actions).find((a) => a.phaseId === l.phaseId && a.id === l.actionId)?.title ??
    l.actionId;
  const rows = new Map<string, { at: string; summary: string; href: string; actions: string[] }>();
  for (const c of read) rows.set(c.id, { at: c.startedAt, summary: c.summary, href: c.explorerUrl, actions: [] });
  for (const l of view.changeLinks) {
    const row = rows.get(l.changeId) ?? { at: l.startedAt, summary: l.summary, href: l.explorerUrl, actions: [] };
    row.actions.push(titleOf(l));
    rows.set(l.changeId, row);
  }
  const timeline = [...rows.entries()].sort(([, a], [, b]) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <section className="card" aria-labelledby="incident-changes-title">
      <h2 id="incident-changes-title">What changed (timeline)</h2>
      {timeline.length ? (
        <ol className="history" data-testid="incident-changes">
          {timeline.map(([id, r]) => (
            <li key={id}>
              {formatDateTime(r.at)}: {r.summary}{" "}
              <a href={r.href} target="_blank" rel="noreferrer">
                entries
              </a>
              {r.actions.length ? <span className="muted"> — carried out: {r.actions.join("; ")}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      <ChangesNote changes={state} subject="staging in the last 7 days" count={read.length} />
      <p className="muted">Listed as what happened when, not as the answer to a Why: a correlation is not a cause.</p>
    </section>
  );
}
