import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/core/format";
import { formatSeconds } from "@/lib/core/format";
import type { CriterionView } from "@/lib/tracker/types";

function holdText(c: CriterionView): string | null {
  if (c.result !== "pass" || !c.holdFor) return null;
  const held = formatSeconds(c.heldForSeconds);
  return c.held
    ? `held ${held} (hold time ${c.holdFor})`
    : `held ${held} of ${c.holdFor}; ${formatSeconds(c.remainingSeconds ?? 0)} to go`;
}

/** Each success criterion with its live result: pass / fail / unknown, the value, the window, the times. */
export function CriterionList({ criteria }: { criteria: CriterionView[] }) {
  if (criteria.length === 0)
    return <p className="muted">No success criteria defined: nothing is checked against data for this phase.</p>;
  return (
    <ul className="criteria" aria-label="Success criteria">
      {criteria.map((c) => {
        const hold = holdText(c);
        return (
          <li key={c.id} className="criterion" data-testid={`criterion-${c.id}`} data-result={c.result}>
            <div className="criterion-head">
              <StatusBadge status={c.result} />
              <strong>{c.text}</strong>
            </div>
            <p className="criterion-figures">
              Measured <strong data-testid="measured">{c.measured}</strong>
              {c.window ? <> over {c.window}</> : null}
              {c.measuredAt ? <> · data as of {formatDateTime(c.measuredAt)}</> : null} · evaluated{" "}
              {formatDateTime(c.evaluatedAt)}
              {hold ? <> · {hold}</> : null}
            </p>
            {c.problem ? (
              <p className="error-text">{c.problem}</p>
            ) : c.reason && c.result !== "pass" ? (
              <p className="muted">{c.reason}</p>
            ) : null}
            <p className="muted">
              <code>{c.expr}</code>
              {c.chart ? (
                <>
                  {" "}
                  · <Link href={c.chart.href}>{c.chart.label}</Link>
                </>
              ) : null}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
