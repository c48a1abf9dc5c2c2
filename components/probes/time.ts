/** "14:03:27 UTC": probes run every few seconds, so the minute alone is not enough. */
export function clockSeconds(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "—" : `${d.toISOString().slice(11, 19)} UTC`;
}
