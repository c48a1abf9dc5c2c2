"use client";

import { useId, useState } from "react";
import { ACTION_STATUSES, actionCreateSchema, fieldErrors, type ActionCreate } from "@/lib/tracker/schemas";

export const ACTION_STATUS_LABEL: Record<(typeof ACTION_STATUSES)[number], string> = {
  todo: "to do",
  "in-progress": "in progress",
  held: "held",
  done: "done",
};

/**
 * Add or edit an action. Validated with the API's own schema, so the form shows the same
 * messages the API would answer with; the server still checks everything.
 */
export function ActionForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  pending,
  error,
}: {
  initial: ActionCreate;
  submitLabel: string;
  onSubmit: (values: ActionCreate) => void;
  onCancel: () => void;
  pending: boolean;
  error: string | null;
}) {
  const id = useId();
  const [values, setValues] = useState({ ...initial, due: initial.due ?? "", links: initial.links.join("\n") });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const links = values.links.split(/\s+/).filter(Boolean);
    const parsed = actionCreateSchema.safeParse({ ...values, due: values.due || null, links });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    onSubmit(parsed.data);
  };
  const field = (name: keyof typeof values) => ({
    id: `${id}-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${id}-${name}-error` : undefined,
  });
  const problem = (name: string) =>
    errors[name] ? (
      <span id={`${id}-${name}-error`} className="error-text">
        {errors[name]}
      </span>
    ) : null;
  return (
    <form className="action-form" onSubmit={submit} noValidate aria-label={submitLabel}>
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          {...field("title")}
          value={values.title}
          maxLength={200}
          onChange={(e) => setValues({ ...values, title: e.target.value })}
        />
        {problem("title")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-owner`}>Owner</label>
        <input
          {...field("owner")}
          value={values.owner}
          maxLength={100}
          onChange={(e) => setValues({ ...values, owner: e.target.value })}
        />
        {problem("owner")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          {...field("status")}
          value={values.status}
          onChange={(e) => setValues({ ...values, status: e.target.value as ActionCreate["status"] })}
        >
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ACTION_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>Due date</label>
        <input
          {...field("due")}
          type="date"
          value={values.due}
          onChange={(e) => setValues({ ...values, due: e.target.value })}
        />
        {problem("due")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-links`}>Links (one per line)</label>
        <textarea
          {...field("links")}
          rows={2}
          value={values.links}
          onChange={(e) => setValues({ ...values, links: e.target.value })}
        />
        {problem("links") ?? Object.entries(errors).find(([k]) => k.startsWith("links."))?.[1]}
      </div>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div className="form-buttons">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
