import { dataNeeds, DEFAULT_MAX_AGE_SECONDS, type Expr } from "@/lib/criteria/core";
import { alignmentPeriodSeconds } from "@/lib/gcp/alignment";
import { maxPointAgeSeconds } from "@/lib/core/figure";

// Outside the core because the limit follows Google's alignment of the window (lib/gcp/alignment.ts).
function windowOf(m: ReturnType<typeof dataNeeds>[number]["measurement"]): number | null {
  return "windowSeconds" in m ? m.windowSeconds : null;
}

/**
 * How old a criterion's data may be: 10 minutes, or more for long windows whose aligned
 * end trails "now" by up to two alignment periods plus ingestion (a 7-day window is read in
 * hour-long periods, so its newest data is often over an hour old while still current).
 */
export function maxAgeFor(ast: Expr): number {
  const ages = dataNeeds(ast)
    .map((n) => windowOf(n.measurement))
    .filter((w): w is number => w !== null)
    .map((w) => maxPointAgeSeconds(alignmentPeriodSeconds(w * 1_000)));
  return Math.max(DEFAULT_MAX_AGE_SECONDS, ...ages);
}
