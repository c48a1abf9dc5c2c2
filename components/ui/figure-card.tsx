import { formatAge, formatClock } from "@/lib/format";

export type Freshness = { measuredAt: string | null; stale: boolean; ageSeconds: number | null };

/**
 * A card for one measured figure. It always says when the data was measured, and turns
 * grey with "stale" when the data is old or missing — never a confident colour on old data.
 */
export function FigureCard({
  title,
  freshness,
  children,
  headingLevel = 2,
  id,
}: {
  title: string;
  freshness: Freshness | null;
  children: React.ReactNode;
  headingLevel?: 2 | 3;
  id?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const missing = !freshness?.measuredAt;
  const stale = missing || Boolean(freshness?.stale);
  return (
    <section className={`card${stale ? " stale" : ""}`} aria-labelledby={id ? `${id}-title` : undefined} data-stale={stale}>
      <div className="card-head">
        <Heading id={id ? `${id}-title` : undefined}>{title}</Heading>
        <span className="as-of" suppressHydrationWarning>
          {missing ? (
            <span className="badge status-unknown">no data</span>
          ) : (
            <>
              as of {formatClock(freshness?.measuredAt)} ({formatAge(freshness?.ageSeconds)} ago)
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
