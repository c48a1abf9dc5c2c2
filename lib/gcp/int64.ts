/**
 * int64 values arrive from google-gax as decimal strings (it decodes with `longs: String`).
 * Charts and arithmetic want numbers, but a double holds integers exactly only up to 2^53.
 *
 * Decision: every value becomes a number (the nearest double), and when that number is not
 * exactly the int64 — |value| > 2^53 and not representable — the original decimal string
 * is kept beside it (`exact`), so nothing loses precision silently: the parsed series says
 * `precisionLoss: true` and the exact figure travels with the point to whoever needs it.
 */
export type Int64 = { value: number; exact?: string };

const INT64_RE = /^-?\d{1,20}$/;

export function parseInt64(raw: string | number | null | undefined): Int64 | null {
  if (raw === null || raw === undefined || raw === "") return null;
  if (typeof raw === "number") return Number.isFinite(raw) ? { value: raw } : null;
  if (!INT64_RE.test(raw)) return null;
  const big = BigInt(raw);
  const value = Number(big);
  // Round-trip through BigInt: equal only when the double is the integer itself.
  if (BigInt(value) === big) return { value };
  return { value, exact: big.toString() };
}
