"use client";

import { useQuery } from "@tanstack/react-query";
import { Widget } from "@/components/query/widget";
import { useRefreshInterval } from "@/components/shell/live-refresh";
import { formatDateTime } from "@/lib/core/format";
import { historyQuery } from "@/lib/query/tracker-queries";
import type { AuditEntry } from "@/lib/tracker/types";

function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}

function Change({ entry }: { entry: AuditEntry }) {
  const keys = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  if (!keys.length) return null;
  return (
    <ul className="change">
      {keys.map((k) => (
        <li key={k}>
          {k}: <del>{show(entry.before?.[k])}</del> → <ins>{show(entry.after?.[k])}</ins>
        </li>
      ))}
    </ul>
  );
}

/** Every change to the tracker — people's edits, config syncs, automatic closes — newest first. */
export function HistoryList() {
  const query = useQuery({ ...historyQuery(), refetchInterval: useRefreshInterval() });
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <Widget query={query} title="History" skeletonHeight={160}>
        {(page) =>
          page.entries.length ? (
            <ol className="history" aria-label="Changes, newest first">
              {page.entries.map((e) => (
                <li key={e.id} data-testid="history-entry">
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time> · <strong>{e.actor}</strong>
                  {e.actorRole ? <span className="muted"> ({e.actorRole})</span> : null}: {e.summary}
                  <Change entry={e} />
                  {e.reason ? <p className="muted">{e.reason}</p> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">No changes yet.</p>
          )
        }
      </Widget>
    </section>
  );
}
