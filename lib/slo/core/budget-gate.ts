/** An SLO marked `gatesDemos`, with its budget as readiness reads it (lib/readiness/core/budget-gate.ts words it). */
export interface BudgetGate {
  sloId: string;
  /** Plain name, e.g. "start-ups of all services", "demo rehearsal". */
  label: string;
  windowDays: number;
  /** Share of the budget left (≤ 1, negative when overspent); null when unknown. */
  remaining: number | null;
  stale: boolean;
  /** When the figure's data ends (epoch ms); null when there is none. */
  measuredAt: number | null;
}
