import { VerdictPending } from "./verdict-pending";

/**
 * Heights of the Overview's parts as they render on a desktop (1350 px wide) and a phone
 * (412 px) with the incident's data, measured in the browser. The skeletons stand where the
 * parts will stand, at their size, so nothing below moves when the figures stream in: a 320 px
 * placeholder for a 1,000 px section was a layout shift of 0.2, Lighthouse's largest loss on
 * this page. Content heights (a card adds 34 px of padding and border).
 */
export const OVERVIEW_HEIGHTS = {
  banner: 226,
  startups: 326,
  failures: 563,
  connector: 333,
  database: 147,
  phases: 382,
  goldenPath: 418,
  errorBudget: 322,
} as const;

/**
 * The verdict banner, saying in words that the verdict is not yet known, and the four figure
 * cards, as placeholders of their real size.
 */
export function OverviewSkeleton() {
  const h = OVERVIEW_HEIGHTS;
  return (
    <div aria-busy="true">
      <VerdictPending minHeight={h.banner} />
      <div className="grid grid-quad">
        {[h.startups, h.failures, h.connector, h.database].map((height, i) => (
          <div className="card" key={i}>
            <div className="skeleton" style={{ minHeight: height }} />
          </div>
        ))}
      </div>
    </div>
  );
}
