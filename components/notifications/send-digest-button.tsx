"use client";

import { useMutation } from "@tanstack/react-query";
import type { SentDigest } from "@/lib/digest/service";
import { fetchJson } from "@/lib/query/fetch-json";

/** "Send now": the last complete week's digest to every digest channel that has not had it. */
export function SendDigestButton() {
  const mutation = useMutation({
    mutationFn: () => fetchJson<SentDigest>("/api/notifications/digest/send", { method: "POST", json: {} }),
  });
  const sent = mutation.data;
  return (
    <div className="recheck">
      <button type="button" className="btn" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
        {mutation.isPending ? "Sending…" : "Send last week's digest now"}
      </button>
      <span role="status" data-testid="digest-send">
        {sent
          ? `${sent.week}: ${sent.queued.length ? `queued for ${sent.queued.join(", ")}` : "nothing queued"}${
              sent.already.length ? `; already had it: ${sent.already.join(", ")}` : ""
            }`
          : null}
        {mutation.isError ? <span className="error-text">{mutation.error.message}</span> : null}
      </span>
    </div>
  );
}
