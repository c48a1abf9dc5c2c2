"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "@/lib/core/format";
import { changesQuery } from "@/lib/query/dashboard-queries";
import { sendJson } from "@/lib/query/tracker-queries";
import type { ActionView, LinkedChangeView } from "@/lib/tracker/types";
import { useTrackerEdit } from "./use-tracker-edit";

/** The changes an action is linked to ("done by the connector resize at 14:02"), unlinkable by editors. */

/** The week the link picker offers: the longest preset range. */
export const LINKABLE_RANGE = "range=7d";

const linksUrl = (a: Pick<ActionView, "phaseId" | "id">) =>
  `/api/tracker/phases/${encodeURIComponent(a.phaseId)}/actions/${encodeURIComponent(a.id)}/changes`;

export function ActionChanges({
  action,
  links,
  canEdit,
}: {
  action: ActionView;
  links: readonly LinkedChangeView[];
  canEdit: boolean;
}) {
  const unlink = useTrackerEdit((changeId: string) =>
    sendJson("DELETE", `${linksUrl(action)}?changeId=${encodeURIComponent(changeId)}`),
  );
  return (
    <>
      {links.length ? (
        <ul className="action-links" aria-label={`Changes linked to ${action.title}`}>
          {links.map((l) => (
            <li key={l.changeId} data-testid="action-change">
              Change: {formatDateTime(l.startedAt)} — {l.summary}{" "}
              <a href={l.explorerUrl} target="_blank" rel="noreferrer">
                entries
              </a>
              {canEdit ? (
                <>
                  {" "}
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Unlink ${l.summary} from ${action.title}`}
                    disabled={unlink.disabled}
                    onClick={() => unlink.run(l.changeId)}
                  >
                    unlink
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {unlink.error ? (
        <p role="alert" className="error-text">
          {unlink.error}
        </p>
      ) : null}
      {canEdit ? <LinkChange action={action} linked={links.map((l) => l.changeId)} /> : null}
    </>
  );
}

function LinkChange({ action, linked }: { action: ActionView; linked: readonly string[] }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        Link a change…
      </button>
    );
  return <ChangePicker action={action} linked={linked} onDone={() => setOpen(false)} />;
}

function ChangePicker({
  action,
  linked,
  onDone,
}: {
  action: ActionView;
  linked: readonly string[];
  onDone: () => void;
}) {
  const query = useQuery(changesQuery(LINKABLE_RANGE));
  const [chosen, setChosen] = useState("");
  const link = useTrackerEdit((c: { changeId: string; startedAt: string }) => sendJson("POST", linksUrl(action), c));
  const options = (query.data?.changes ?? []).filter((c) => !linked.includes(c.id) && c.outcome !== "failed");
  const pick = options.find((c) => c.id === chosen);
  if (query.isError)
    return (
      <p role="alert" className="error-text">
        Changes unknown: the audit log could not be read ({query.error.message}).
      </p>
    );
  return (
    <span className="segmented">
      <select
        aria-label={`Change that carried out ${action.title}`}
        value={chosen}
        disabled={query.isPending}
        onChange={(e) => setChosen(e.target.value)}
      >
        <option value="">{query.isPending ? "reading the audit log…" : "a change of the last 7 days"}</option>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {formatDateTime(c.startedAt)} — {c.summary}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn"
        disabled={!pick || link.disabled}
        onClick={() => pick && link.run({ changeId: pick.id, startedAt: pick.startedAt }, { onSuccess: onDone })}
      >
        Link
      </button>
      <button type="button" className="btn" onClick={onDone}>
        Cancel
      </button>
      {link.error ? (
        <span role="alert" className="error-text">
          {link.error}
        </span>
      ) : null}
    </span>
  );
}
