/**
 * The freshness rules of a ranged answer's figures: one may be two alignment steps old, and once
 * a refresh failed every figure shown is marked stale (it is the last answer, not a current one).
 */
export function rangeFreshness(range: { alignmentSeconds: number }, refreshFailed: boolean) {
  return {
    maxAge: 2 * range.alignmentSeconds,
    mark: <F extends { stale: boolean }>(f: F): F => (refreshFailed ? { ...f, stale: true } : f),
  };
}
