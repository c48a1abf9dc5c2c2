/**
 * The probe types, as a leaf module: the condition language (which the config schema uses to
 * check conditions) needs them without importing the schema back, which was an import cycle.
 * `probe-kinds.test.ts` keeps this list equal to the schema's union.
 */
export const PROBE_KINDS = ["http", "tcp", "postgres", "websocket", "dns", "browser"] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];
