"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { FetchError } from "@/lib/query/fetch-json";
import { readinessQuery } from "@/lib/query/readiness-queries";
import type { ReadinessView } from "@/lib/readiness/types";

/**
 * "Re-check now": runs the live checks at once and shows the new verdict. The server allows
 * one run per 30 s for everyone; when it says wait, the button says for how long.
 */
class RateLimited extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
  }
}

async function recheck(demoAt: string | undefined): Promise<ReadinessView> {
  const res = await fetch("/api/readiness/recheck", {
    method: "POST",
    body: JSON.stringify(demoAt ? { demoAt } : {}),
    headers: { "content-type": "application/json", accept: "application/json" },
    cache: "no-store",
  });
  const body: unknown = await res.json().catch(() => null);
  const message = body && typeof body === "object" && "message" in body ? String(body.message) : `HTTP ${res.status}`;
  if (res.status === 429) throw new RateLimited(Number(res.headers.get("Retry-After")) || 30, message);
  if (!res.ok) throw new FetchError(res.status, message);
  return body as ReadinessView;
}

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
      if (err instanceof RateLimited) {
        setNow(Date.now());
        setWaitUntil(Date.now() + err.retryAfterSeconds * 1_000);
      }
    },
  });

  useEffect(() => {
    if (waitUntil === null) return;
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, [waitUntil]);

  const waitSeconds = waitUntil === null ? 0 : Math.max(0, Math.ceil((waitUntil - now) / 1_000));
  const limited = mutation.error instanceof RateLimited;
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
