"use client";

import { useState } from "react";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { sendJson } from "@/lib/query/tracker-queries";
import { ACTION_STATUSES, type ActionCreate } from "@/lib/tracker/schemas";
import type { ActionStatus, ActionView, LinkedChangeView, PhaseView } from "@/lib/tracker/types";
import { ActionChanges } from "./action-changes";
import { ActionForm, ACTION_STATUS_LABEL } from "./action-form";
import { useTrackerEdit } from "./use-tracker-edit";

const actionUrl = (a: Pick<ActionView, "phaseId" | "id">) =>
  `/api/tracker/phases/${encodeURIComponent(a.phaseId)}/actions/${encodeURIComponent(a.id)}`;

function Links({ links }: { links: string[] }) {
  if (!links.length) return null;
  return (
    <ul className="action-links">
      {links.map((l) => (
        <li key={l}>
          <a href={l} rel="noreferrer noopener" target="_blank">
            {l.replace(/^https?:\/\//, "")}
          </a>
        </li>
      ))}
    </ul>
  );
}

type RowProps = { action: ActionView; links: readonly LinkedChangeView[] };

function EditableRow({ action, links }: RowProps) {
  const [editing, setEditing] = useState(false);
  const status = useTrackerEdit((next: ActionStatus) =>
    sendJson("PATCH", actionUrl(action), { version: action.version, status: next }),
  );
  const edit = useTrackerEdit((values: ActionCreate) =>
    sendJson("PATCH", actionUrl(action), { version: action.version, ...values }),
  );
  const remove = useTrackerEdit(() => sendJson("DELETE", `${actionUrl(action)}?version=${action.version}`));
  if (editing) {
    return (
      <tr>
        <td colSpan={5}>
          <ActionForm
            initial={{
              title: action.title,
              owner: action.owner,
              status: action.status,
              due: action.due,
              links: action.links,
            }}
            submitLabel={`Save ${action.title}`}
            pending={edit.pending}
            error={edit.error}
            onCancel={() => {
              edit.reset();
              setEditing(false);
            }}
            onSubmit={(values) => edit.run(values, { onSuccess: () => setEditing(false) })}
          />
        </td>
      </tr>
    );
  }
  const error = status.error ?? remove.error;
  return (
    <tr data-testid={`action-${action.id}`}>
      <td>
        {action.title}
        <Links links={action.links} />
        <ActionChanges action={action} links={links} canEdit />
        {error ? (
          <p role="alert" className="error-text">
            {error}
          </p>
        ) : null}
      </td>
      <td>{action.owner}</td>
      <td>
        <select
          aria-label={`Status of ${action.title}`}
          value={action.status}
          disabled={status.disabled}
          onChange={(e) => status.run(e.target.value as ActionStatus)}
        >
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ACTION_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </td>
      <td>{action.due ?? "—"}</td>
      <td className="row-buttons">
        <button type="button" className="btn" aria-label={`Edit ${action.title}`} onClick={() => setEditing(true)}>
          Edit
        </button>
        <button
          type="button"
          className="btn"
          aria-label={`Remove ${action.title}`}
          disabled={remove.disabled}
          onClick={() => {
            if (window.confirm(`Remove the action "${action.title}"? The history keeps a record of it.`))
              remove.run(undefined);
          }}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

function ReadOnlyRow({ action, links }: RowProps) {
  return (
    <tr data-testid={`action-${action.id}`}>
      <td>
        {action.title}
        <Links links={action.links} />
        <ActionChanges action={action} links={links} canEdit={false} />
      </td>
      <td>{action.owner}</td>
      <td>
        <StatusBadge status={action.status} label={ACTION_STATUS_LABEL[action.status]} />
      </td>
      <td>{action.due ?? "—"}</td>
    </tr>
  );
}

function AddAction({ phase }: { phase: PhaseView }) {
  const [open, setOpen] = useState(false);
  const add = useTrackerEdit((values: ActionCreate) =>
    sendJson("POST", `/api/tracker/phases/${encodeURIComponent(phase.id)}/actions`, values),
  );
  if (!open) {
    return (
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        Add an action to {phase.name}
      </button>
    );
  }
  return (
    <ActionForm
      initial={{ title: "", owner: phase.ownerTeam, status: "todo", due: null, links: [] }}
      submitLabel={`Add action to ${phase.name}`}
      pending={add.pending}
      error={add.error}
      onCancel={() => {
        add.reset();
        setOpen(false);
      }}
      onSubmit={(values) => add.run(values, { onSuccess: () => setOpen(false) })}
    />
  );
}

/** A phase's actions (with the changes they are linked to): editable inline for engineers and admins, read-only for viewers. */
export function ActionTable({
  phase,
  canEdit,
  changeLinks,
}: {
  phase: PhaseView;
  canEdit: boolean;
  changeLinks: readonly LinkedChangeView[];
}) {
  const linksOf = (a: ActionView) => changeLinks.filter((l) => l.phaseId === a.phaseId && l.actionId === a.id);
  return (
    <div className="actions">
      {phase.actions.length ? (
        <DataTable
          label={`Actions of ${phase.name}`}
          columns={["Action", "Owner", "Status", "Due", ...(canEdit ? ["Edit"] : [])]}
        >
          {phase.actions.map((a) =>
            canEdit ? (
              <EditableRow key={a.id} action={a} links={linksOf(a)} />
            ) : (
              <ReadOnlyRow key={a.id} action={a} links={linksOf(a)} />
            ),
          )}
        </DataTable>
      ) : (
        <p className="muted">No actions.</p>
      )}
      {canEdit ? <AddAction phase={phase} /> : null}
    </div>
  );
}
