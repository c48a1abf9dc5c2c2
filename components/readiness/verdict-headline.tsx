import { toneOf } from "@/components/ui/status-badge";
import { formatClock } from "@/lib/core/format";
import type { Verdict } from "@/lib/readiness/core";

const WORD: Readonly<Record<Verdict, string>> = { GO: "GO", CAUTION: "CAUTION", "NO-GO": "NO-GO" };

/**
 * The big answer. When the verdict could not be refreshed it turns grey and says so: an old
 * GO is not a GO.
 */
export function VerdictHeadline({
  verdict,
  summary,
  checkedAt,
  stale,
  children,
}: {
  verdict: Verdict;
  summary: string;
  checkedAt: string;
  stale: boolean;
  children?: React.ReactNode;
}) {
  const tone = stale ? "unknown" : toneOf(verdict);
  return (
    <section
      className={`banner readiness-banner status-${tone}`}
      aria-labelledby="readiness-verdict-word"
      data-testid="readiness-verdict"
      data-verdict={verdict}
      data-stale={stale}
    >
      <p className="sr-only">Demo readiness verdict:</p>
      <p id="readiness-verdict-word" className="verdict-word">
        {WORD[verdict]}
        {stale ? <span className="verdict-stale"> (not current)</span> : null}
      </p>
      <p className="verdict-summary" data-testid="readiness-summary">
        {summary}
      </p>
      <p className="as-of" data-testid="readiness-checked-at">
        Checked at {formatClock(checkedAt)}
        {stale ? " — could not check again since; treat this as unknown." : ""}
      </p>
      {children}
    </section>
  );
}
