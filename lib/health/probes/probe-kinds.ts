/**
 * The probe types' names, as the registry (`lib/health/probes/kinds`) lists them.
 * `probe-kinds.test.ts` keeps this list equal to the schema's union.
 */
export { PROBE_KINDS, type ProbeKind } from "./kinds";
