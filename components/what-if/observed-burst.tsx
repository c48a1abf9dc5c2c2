"use client";

import { formatClock } from "@/lib/core/format";
import type { ObservedBurst } from "@/lib/what-if/core/types";

/**
 * What the data shows, beside the inputs it can fill. Unknown stays unknown: the button is
 * off and says why, rather than filling in a guess.
 */
export function ObservedBurstNote({
  observed,
  error,
  onUse,
}: {
  observed: ObservedBurst | null;
  error: unknown;
  onUse: () => void;
}) {
  if (!observed) {
    return (
      <p className="muted" role="status">
        {error
          ? `Observed burst unknown: ${error instanceof Error ? error.message : "it could not be loaded"}.`
          : "Reading the observed burst…"}
      </p>
    );
  }
  const known = observed.status === "known";
  const span = observed.range.preset === "custom" ? "the selected range" : `the last ${observed.range.preset}`;
  return (
    <div className="wi-observed" data-testid="observed-burst" data-status={observed.status}>
      {known ? (
        <p>
          Observed in {span} (most start-ups in one {observed.windowSeconds / 60}-minute period):{" "}
          {observed.services.map((s, i) => (
            <span key={s.name}>
              {i ? ", " : ""}
              {s.name} <strong>{s.instances ?? "unknown"}</strong>
              {s.at ? <span className="muted"> at {formatClock(s.at)}</span> : null}
            </span>
          ))}
          .{" "}
          <span className="as-of" suppressHydrationWarning>
            as of {formatClock(observed.measuredAt)}
            {observed.stale ? " (stale)" : ""}
          </span>
        </p>
      ) : (
        <p>
          <span className="badge status-unknown">unknown</span> Observed burst: {observed.reason}
        </p>
      )}
      <button
        type="button"
        className="btn"
        onClick={onUse}
        disabled={!known}
        aria-describedby={known ? undefined : "observed-why"}
      >
        Use observed burst
      </button>
      {known ? null : (
        <span id="observed-why" className="sr-only">
          Not available: {observed.reason}
        </span>
      )}
    </div>
  );
}
