"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { FetchError, fetchJson } from "@/lib/query/fetch-json";
import { readinessQuery } from "@/lib/query/readiness-queries";
import type { ReadinessView } from "@/lib/readiness/types";

/**
 * "Re-check now": runs the live checks at once and shows the new verdict. The server allows
 * one run per 30 s for everyone; when it says wait, the button says for how long.
 */
const recheck = (demoAt: string | undefined) =>
  fetchJson<ReadinessView>("/api/readiness/recheck", { method: "POST", json: demoAt ? { demoAt } : {} });

const rateLimited = (err: unknown): err is FetchError => err instanceof FetchError && err.status === 429;

export function RecheckButton({ demoAt }: { demoAt: string | undefined }) {
  const qc = useQueryClient();
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const mutation = useMutation({
    mutationFn: () => recheck(demoAt),
    onSuccess: (view) => {
      qc.setQueryData(readinessQuery(demoAt).queryKey, view);
      setWaitUntil(null);
    },
    onError: (err) => {
      if (rateLimited(err)) {
        setNow(Date.now());
        setWaitUntil(Date.now() + (err.retryAfterSeconds ?? 30) * 1_000);
      }
    },
  });

  useEffect(() => {
    if (waitUntil === null) return;
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, [waitUntil]);

  const waitSeconds = waitUntil === null ? 0 : Math.max(0, Math.ceil((waitUntil - now) / 1_000));
  const limited = rateLimited(mutation.error);
  const problem = mutation.data?.recheck?.problem ?? null;
  return (
    <div className="recheck">
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => mutation.mutate()}
        disabled={mutation.isPending || waitSeconds > 0}
      >
        {mutation.isPending ? "Re-checking…" : waitSeconds > 0 ? `Re-check now (in ${waitSeconds} s)` : "Re-check now"}
      </button>
      <span role="status" className="recheck-status" data-testid="recheck-status">
        {mutation.isPending ? "Running the live checks…" : null}
        {mutation.isSuccess && !problem ? "Checked again just now." : null}
        {problem ? <span className="error-text">{problem}</span> : null}
        {limited && waitSeconds > 0 ? `Someone re-checked moments ago; you can again in ${waitSeconds} s.` : null}
        {mutation.isError && !limited ? (
          <span className="error-text">The re-check failed: {mutation.error.message}</span>
        ) : null}
      </span>
    </div>
  );
}
