import type { ProbeConfig } from "@/lib/config/core/staging-schema";

/**
 * The one staleness rule of a probe's stored result: it says something about now for three
 * intervals plus the timeout after it was checked — long enough for two missed runs and a slow
 * third — and nothing after. A probe never checked has no result to be fresh: callers read
 * "missing" as unknown, never as healthy.
 */
export type ResultAge = { kind: "missing" } | { kind: "fresh" | "stale"; staleAfterMs: number };

export function resultAge(
  p: Pick<ProbeConfig, "intervalSeconds" | "timeoutMs">,
  checkedAt: number | null,
  now: number,
): ResultAge {
  if (checkedAt === null) return { kind: "missing" };
  const staleAfterMs = checkedAt + 3 * p.intervalSeconds * 1000 + p.timeoutMs;
  return { kind: now > staleAfterMs ? "stale" : "fresh", staleAfterMs };
}
