"use client";

import { useEffect, useState } from "react";
import { formatAge, formatClock } from "@/lib/format";

export type Freshness = { measuredAt: string | null; stale: boolean; ageSeconds: number | null };

/** Seconds since `measuredAt`, ticking in the browser; the server's figure until hydrated. */
function useAge(measuredAt: string | null, serverAge: number | null): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const id = setInterval(tick, 10_000);
    return () => clearInterval(id);
  }, []);
  if (!measuredAt) return null;
  if (now === null) return serverAge;
  return Math.max(0, Math.round((now - Date.parse(measuredAt)) / 1000));
}

/**
 * A card for one measured figure. It always says when the data was measured, and turns
 * grey with "stale" when the data is missing, served from cache after an upstream failure,
 * or older than `maxAgeSeconds` (two alignment periods) — even while refresh is paused.
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
  const age = useAge(measuredAt, freshness?.ageSeconds ?? null);
  const missing = !measuredAt;
  const tooOld = maxAgeSeconds !== undefined && age !== null && age > maxAgeSeconds;
  const stale = missing || Boolean(freshness?.stale) || tooOld;
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
