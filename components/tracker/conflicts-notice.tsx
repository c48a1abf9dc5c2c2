"use client";

import { formatDateTime } from "@/lib/core/format";
import { sendJson } from "@/lib/query/tracker-queries";
import type { ConflictView } from "@/lib/tracker/types";
import { useTrackerEdit } from "./use-tracker-edit";

/** The two ways to settle a conflict, as the buttons name them. */
const KEEP_CHOICES = [
  { keep: "store", label: "Keep this page's value" },
  { keep: "config", label: "Take the config's value" },
] as const;

/**
 * The staging config was re-read and contradicts edits made here. The edits were kept; this
 * says so, and engineers can settle each one either way.
 */
export function ConflictsNotice({ conflicts, canEdit }: { conflicts: ConflictView[]; canEdit: boolean }) {
  const resolve = useTrackerEdit(({ id, keep }: { id: string; keep: "store" | "config" }) =>
    sendJson("POST", `/api/tracker/conflicts/${id}`, { keep }),
  );
  if (!conflicts.length) return null;
  return (
    <section className="notice conflicts" role="alert" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">
        {conflicts.length} config conflict{conflicts.length === 1 ? "" : "s"}: edits made here were kept
      </h2>
      <ul>
        {conflicts.map((c) => (
          <li key={c.id}>
            {c.text} <span className="muted">(found {formatDateTime(c.detectedAt)})</span>
            {canEdit ? (
              <span className="row-buttons">
                {KEEP_CHOICES.map(({ keep, label }) => (
                  <button
                    key={keep}
                    type="button"
                    className="btn"
                    disabled={resolve.disabled}
                    onClick={() => resolve.run({ id: c.id, keep })}
                  >
                    {label}
                  </button>
                ))}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {resolve.error ? <p className="error-text">{resolve.error}</p> : null}
    </section>
  );
}
