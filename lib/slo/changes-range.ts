/**
 * The changes read for the SLO burndowns: their window is days long, longer than any preset,
 * so the SLO view asks for a custom range of the longest span the API takes (30 days, more than
 * the SLO window), ending at the next full hour after the newest burndown point. Whole hours keep
 * the URL, and so the cached read behind it, the same for an hour whoever looks.
 */
const HOUR_MS = 3_600_000;
const SPAN_MS = 30 * 86_400_000;

export function sloChangesSearch(newestPointMs: number): string {
  const to = Math.ceil(newestPointMs / HOUR_MS) * HOUR_MS;
  const from = to - SPAN_MS;
  return `range=custom&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
}
