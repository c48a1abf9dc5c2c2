export { astOf, parseCriterion, comparisons } from "./parser";
export { dataNeeds, dataNeedsOfAll } from "./data-needs";
export { evaluate, combine, DEFAULT_MAX_AGE_SECONDS, type EvaluateOptions } from "./evaluate";
export { evaluateWithProblems } from "./with-problems";
export { measurementKey } from "./keys";
export { PROBE_PHASES, PROBE_STATUSES, type ProbeStatus } from "./functions";
export { formatExpr, formatMeasured, formatMeasurement, parseDurationText } from "./format";
export type * from "./types";
