"use client";

import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import type { TestResult } from "@/lib/notifications/test-message";

/** "Send a test" for one channel: one attempt now, and what the receiver answered. */
export function TestChannelButton({ channel }: { channel: string }) {
  const mutation = useMutation({
    mutationFn: () =>
      fetchJson<TestResult>(`/api/notifications/channels/${encodeURIComponent(channel)}/test`, {
        method: "POST",
        json: {},
      }),
  });
  const result = mutation.data;
  return (
    <div className="recheck">
      <button type="button" className="btn" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
        {mutation.isPending ? "Sending…" : `Send a test to ${channel}`}
      </button>
      <span role="status" data-testid={`channel-test-${channel}`}>
        {result ? (
          <span className={result.ok ? undefined : "error-text"}>
            {result.ok ? "Delivered" : "Failed"} in {result.tookMs} ms: {result.answer}
          </span>
        ) : null}
        {mutation.isError ? <span className="error-text">{mutation.error.message}</span> : null}
      </span>
    </div>
  );
}
