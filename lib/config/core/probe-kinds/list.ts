import { browserProbeType } from "./browser";
import { dnsProbeType } from "./dns";
import { httpProbeType } from "./http";
import { postgresProbeType } from "./postgres";
import { tcpProbeType } from "./tcp";
import { websocketProbeType } from "./websocket";

/**
 * The probe types, one line each: a new type is its file here, its attempt in
 * lib/probes/check (listed in `attempts.ts`, which the compiler holds to this list) and its tests.
 */
export const PROBE_TYPE_LIST = [
  httpProbeType,
  tcpProbeType,
  postgresProbeType,
  websocketProbeType,
  dnsProbeType,
  browserProbeType,
] as const;
