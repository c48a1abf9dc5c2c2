"use client";

import { formatAge, formatClock } from "@/lib/core/format";
import { isPast, useClock } from "./use-clock";

/** `staleAfter` (ISO) is the server's verdict on when the data goes stale; when present it replaces `maxAgeSeconds`. */
export type Freshness = {
  measuredAt: string | null;
  stale: boolean;
  ageSeconds: number | null;
  staleAfter?: string | null;
};

/** Seconds since `measuredAt` by the browser's clock; the server's figure until hydrated. */
export function ageAt(measuredAt: string | null, serverAge: number | null, now: number | null): number | null {
  if (!measuredAt) return null;
  if (now === null) return serverAge;
  return Math.max(0, Math.round((now - Date.parse(measuredAt)) / 1000));
}

/** Stale by the rule the server sent (`staleAfter`), else by `maxAgeSeconds`, read on the browser's clock. */
export function isStaleNow(f: Freshness | null, now: number | null, maxAgeSeconds?: number): boolean {
  if (!f?.measuredAt || f.stale) return true;
  if (f.staleAfter !== undefined) return f.staleAfter === null || isPast(f.staleAfter, now);
  const age = ageAt(f.measuredAt, f.ageSeconds, now);
  return maxAgeSeconds !== undefined && age !== null && age > maxAgeSeconds;
}

/**
 * A card for one measured figure. It always says when the data was measured, and turns
 * grey with "stale" when the data is missing, served from cache after an upstream failure,
 * or past its `staleAfter` — by the browser's own clock, so also while refresh is paused.
 */
export function FigureCard({
  title,
  freshness,
  maxAgeSeconds,
  children,
  headingLevel = 2,
  id,
  className,
}: {
  title: string;
  freshness: Freshness | null;
  maxAgeSeconds?: number;
  children: React.ReactNode;
  headingLevel?: 2 | 3;
  id?: string;
  className?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const measuredAt = freshness?.measuredAt ?? null;
  const now = useClock(freshness?.staleAfter);
  const age = ageAt(measuredAt, freshness?.ageSeconds ?? null, now);
  const missing = !measuredAt;
  const stale = isStaleNow(freshness, now, maxAgeSeconds);
  return (
    <section
      className={`card${stale ? " stale" : ""}${className ? ` ${className}` : ""}`}
      aria-labelledby={id ? `${id}-title` : undefined}
      data-stale={stale}
      data-testid={id}
    >
      <div className="card-head">
        <Heading id={id ? `${id}-title` : undefined}>{title}</Heading>
        <span className="as-of" suppressHydrationWarning>
          {missing ? (
            <span className="badge status-unknown">no data</span>
          ) : (
            <>
              as of {formatClock(measuredAt)}
              {age !== null ? ` (${formatAge(age)} ago)` : ""}
              {stale ? (
                <>
                  {" "}
                  <span className="badge status-unknown">stale</span>
                </>
              ) : null}
            </>
          )}
        </span>
      </div>
      {children}
    </section>
  );
}
