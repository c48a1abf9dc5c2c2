"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { Widget } from "@/components/query/widget";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/core/format";
import { fetchJson } from "@/lib/query/fetch-json";
import { SHARE_LINKS_KEY, shareLinksQuery } from "@/lib/query/readiness-queries";
import { createShareLinkSchema, SHARE_DEFAULT_SECONDS } from "@/lib/readiness/schemas";
import type { ShareLinkView } from "@/lib/readiness/types";

const EXPIRY_CHOICES: readonly [number, string][] = [
  [3_600, "1 hour"],
  [SHARE_DEFAULT_SECONDS, "24 hours"],
  [3 * 86_400, "3 days"],
  [7 * 86_400, "7 days"],
];

const STATE_TONE = { active: "pass", expired: "unknown", revoked: "fail" } as const;

const noSubscribe = () => () => {};
/** The page's origin in the browser; "" during server rendering. */
function useOrigin(): string {
  return useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => "",
  );
}

function send<T>(method: "POST" | "DELETE", url: string, body?: unknown): Promise<T> {
  return fetchJson<T>(url, { method, json: body });
}

function CopyLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="share-url">
      <input readOnly value={url} aria-label="Share link" onFocus={(e) => e.currentTarget.select()} />
      <button
        type="button"
        className="btn"
        onClick={() =>
          void navigator.clipboard
            .writeText(url)
            .then(() => setCopied(true))
            .catch(() => setCopied(false))
        }
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </span>
  );
}

/**
 * Share links for engineers and admins: a signed link to the verdict and its reasons that
 * works without signing in, expires (24 h unless chosen otherwise) and can be revoked.
 */
export function ShareLinks() {
  const qc = useQueryClient();
  const origin = useOrigin();
  const query = useQuery(shareLinksQuery());
  const [formError, setFormError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: SHARE_LINKS_KEY });
  const create = useMutation({
    mutationFn: (input: { expiresInSeconds: number; note?: string }) =>
      send<{ link: ShareLinkView }>("POST", "/api/readiness/share-links", input),
    onSettled: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => send<{ link: ShareLinkView }>("DELETE", `/api/readiness/share-links/${id}`),
    onSettled: refresh,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = String(form.get("note") ?? "").trim();
    const parsed = createShareLinkSchema.safeParse({
      expiresInSeconds: Number(form.get("expiresInSeconds")),
      ...(note ? { note } : {}),
    });
    if (!parsed.success) return setFormError(parsed.error.issues[0]?.message ?? "Check the form.");
    setFormError(null);
    create.mutate(parsed.data);
  }

  const created = create.data?.link;
  return (
    <section className="card share-links" aria-labelledby="share-links-title">
      <h2 id="share-links-title">Share links</h2>
      <p className="muted">
        A link shows this verdict and its reasons to anyone who has it, without signing in — nothing else. It expires on
        its own and can be revoked.
      </p>
      <form className="share-form" onSubmit={submit}>
        <label className="field">
          <span>Expires after</span>
          <select name="expiresInSeconds" defaultValue={SHARE_DEFAULT_SECONDS}>
            {EXPIRY_CHOICES.map(([s, label]) => (
              <option key={s} value={s}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Note (optional)</span>
          <input name="note" maxLength={120} placeholder="e.g. for the Acme call" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create share link"}
        </button>
      </form>
      {formError || create.error ? (
        <p role="alert" className="error-text">
          {formError ?? create.error?.message}
        </p>
      ) : null}
      {created?.path ? (
        <div role="status" className="share-created" data-testid="share-created">
          New link, valid until {formatDateTime(created.expiresAt)}: <CopyLink url={`${origin}${created.path}`} />
        </div>
      ) : null}
      {revoke.error ? (
        <p role="alert" className="error-text">
          {revoke.error.message}
        </p>
      ) : null}
      <Widget query={query} title="Share links" skeletonHeight={80}>
        {({ links }) =>
          links.length ? (
            <table aria-label="Share links">
              <thead>
                <tr>
                  <th>State</th>
                  <th>Created</th>
                  <th>Expires</th>
                  <th>Note</th>
                  <th>Link</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {links.map((l) => (
                  <tr key={l.id} data-testid="share-link-row" data-state={l.state}>
                    <td>
                      <StatusBadge status={STATE_TONE[l.state]} label={l.state} />
                    </td>
                    <td>
                      {formatDateTime(l.createdAt)} by {l.createdBy}
                    </td>
                    <td>
                      {l.state === "revoked" && l.revokedAt
                        ? `revoked ${formatDateTime(l.revokedAt)} by ${l.revokedBy ?? "?"}`
                        : formatDateTime(l.expiresAt)}
                    </td>
                    <td>{l.note ?? ""}</td>
                    <td>
                      {l.path ? (
                        <CopyLink url={`${origin}${l.path}`} />
                      ) : (
                        <span className="muted">
                          {l.state === "active" ? "only its creator and admins see the URL" : "no longer works"}
                        </span>
                      )}
                    </td>
                    <td>
                      {l.canRevoke ? (
                        <button
                          type="button"
                          className="btn"
                          disabled={revoke.isPending}
                          onClick={() => revoke.mutate(l.id)}
                        >
                          Revoke
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No share links yet.</p>
          )
        }
      </Widget>
    </section>
  );
}
