import { StatusBadge } from "@/components/ui/status-badge";
import { formatAge, formatClock } from "@/lib/core/format";
import type { CheckStatus, ReadinessReason } from "@/lib/readiness/core";
import type { CheckEvidence } from "@/lib/readiness/core";

type ReasonItem = Pick<ReadinessReason, "label" | "severity" | "status" | "text"> &
  Partial<Pick<ReadinessReason, "checkId" | "evidenceAge">>;

const STATUS_WORD: Readonly<Record<CheckStatus, string>> = {
  pass: "OK",
  fail: "failing",
  unknown: "unknown",
  stale: "not confirmed",
};
const STATUS_TONE: Readonly<Record<CheckStatus, string>> = {
  pass: "pass",
  fail: "fail",
  unknown: "unknown",
  stale: "unknown",
};

/**
 * Every check in plain language, most serious first. Engineers get the evidence under each
 * one (expression, measured value, its time); the public share view passes none.
 */
export function ReasonList({
  reasons,
  evidence,
}: {
  reasons: readonly ReasonItem[];
  evidence?: readonly CheckEvidence[];
}) {
  if (reasons.length === 0) return <p className="muted">No readiness checks are configured.</p>;
  return (
    <ul className="reasons" aria-label="Reasons">
      {reasons.map((r, i) => {
        const ev = evidence?.find((e) => e.checkId === r.checkId);
        return (
          <li
            key={r.checkId ?? i}
            className={`reason reason-${r.status}`}
            data-testid="readiness-reason"
            data-status={r.status}
            data-severity={r.severity}
          >
            <div className="reason-head">
              <StatusBadge status={STATUS_TONE[r.status]} label={STATUS_WORD[r.status]} />
              <span className="muted reason-severity">{r.severity === "blocker" ? "must pass" : "warning"}</span>
            </div>
            <p className="reason-text">{r.text}</p>
            {ev ? (
              <details className="reason-evidence">
                <summary>Evidence</summary>
                <dl>
                  <dt>Check</dt>
                  <dd>
                    <code>{ev.expr}</code>
                  </dd>
                  <dt>Measured</dt>
                  <dd>
                    {ev.measured}
                    {ev.measuredAt ? ` at ${formatClock(ev.measuredAt)}` : ""}
                    {r.evidenceAge !== undefined && r.evidenceAge !== null
                      ? ` (${formatAge(r.evidenceAge)} old when checked)`
                      : ""}
                  </dd>
                  {ev.detail ? (
                    <>
                      <dt>Detail</dt>
                      <dd>{ev.detail}</dd>
                    </>
                  ) : null}
                </dl>
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
