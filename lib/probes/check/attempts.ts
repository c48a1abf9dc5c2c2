import type { BrowserProbeConfig, ProbeConfig } from "@/lib/config/core/staging-schema";
import type { ProbeKind } from "@/lib/config/core/probe-kinds";
import { ProbeFailure, type ProbeAttempt } from "./attempt";
import { dnsAttempt } from "./dns-probe";
import { httpAttempt } from "./http-probe";
import { postgresAttempt } from "./postgres-probe";
import { tcpAttempt } from "./tcp-probe";
import { websocketAttempt } from "./websocket-probe";

/** The engine hands browser probes to the rehearsal runner (lib/rehearsal); reaching this is a wiring bug. */
const browserAttempt: ProbeAttempt<BrowserProbeConfig> = {
  run: () =>
    Promise.reject(new ProbeFailure("config", "a browser probe runs through the rehearsal runner, not runProbe")),
  host: () => "browser",
};

/**
 * Each registered probe type's attempt (lib/probes/core/kinds lists the types): the compiler
 * refuses a type without one here.
 */
export const PROBE_ATTEMPTS: { [K in ProbeKind]: ProbeAttempt<Extract<ProbeConfig, { type: K }>> } = {
  http: httpAttempt,
  tcp: tcpAttempt,
  postgres: postgresAttempt,
  websocket: websocketAttempt,
  dns: dnsAttempt,
  browser: browserAttempt,
};

/** The attempt of a probe's type, or null for a type with none (a registry and this map out of step). */
export function attemptOf(cfg: ProbeConfig): ProbeAttempt | null {
  const attempts: Partial<Record<string, ProbeAttempt>> = PROBE_ATTEMPTS as unknown as Record<string, ProbeAttempt>;
  return attempts[cfg.type] ?? null;
}
