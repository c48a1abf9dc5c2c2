import { PROBE_TYPE_LIST } from "./list";

/**
 * Every phase's label, whichever type times it (a journey's `step-<n>` are labelled by their
 * number). Read from the types' files alone, not the built registry, so the browser bundle that
 * shows them carries no condition parser.
 */
export const PHASE_LABELS: Readonly<Record<string, string>> = Object.assign(
  {},
  ...PROBE_TYPE_LIST.map((t) => t.phases),
  { total: "Total" },
);
