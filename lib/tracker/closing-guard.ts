/**
 * A phase whose criteria fail right now would be reopened by the next evaluation, so closing
 * it by hand is refused instead of letting it flap. Only a failure that is fresh (at most
 * `maxAgeMs` old) and still about the configured expression counts: a stale result is unknown,
 * and a criterion whose expression changed since has not been judged yet.
 */
export interface FailedCriterion {
  criterion_id: string;
  expr: string;
  evaluated_at: number;
}

/** The texts of the criteria that forbid closing the phase now; empty when it may close. */
export function criteriaForbiddingClose(
  failed: readonly FailedCriterion[],
  phase: { successCriteria: readonly { id: string; text: string; expr: string }[] },
  now: number,
  maxAgeMs: number,
): string[] {
  return failed
    .filter(
      (f) =>
        now - f.evaluated_at <= maxAgeMs &&
        phase.successCriteria.some((c) => c.id === f.criterion_id && c.expr === f.expr),
    )
    .map((f) => phase.successCriteria.find((c) => c.id === f.criterion_id)?.text ?? f.criterion_id);
}
