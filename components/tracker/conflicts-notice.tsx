"use client";

import { formatDateTime } from "@/lib/health/format";
import { sendJson } from "@/lib/query/tracker-queries";
import type { ConflictView } from "@/lib/tracker/types";
import { useTrackerEdit } from "./use-tracker-edit";

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
                <button
                  type="button"
                  className="btn"
                  disabled={resolve.pending}
                  onClick={() => resolve.run({ id: c.id, keep: "store" })}
                >
                  Keep this page&apos;s value
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={resolve.pending}
                  onClick={() => resolve.run({ id: c.id, keep: "config" })}
                >
                  Take the config&apos;s value
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {resolve.error ? <p className="error-text">{resolve.error}</p> : null}
    </section>
  );
}
