import type { Measurement, Percentile, SeriesRef, ServiceScope, ValueType } from "./types";

/** Probe statuses a `probe_status(...)` comparison may name; the probe layer reports these. */
export const PROBE_STATUSES = ["up", "down", "degraded", "missing"] as const;
export type ProbeStatus = (typeof PROBE_STATUSES)[number];

/**
 * Timed phases of a probe (HTTP, PostgreSQL and WebSocket phases, plus the whole attempt). Every
 * phase a probe type times is here (lib/config/core/probe-kinds/registry.test.ts holds the two
 * lists together), so `probe_phase(p, "body")` reads what the HTTP probe records.
 */
export const PROBE_PHASES = [
  "dns",
  "connect",
  "tls",
  "first-byte",
  "body",
  "auth",
  "first-query",
  "upgrade",
  "first-message",
  "total",
] as const;

export type ParamKind = "scope" | "probe" | "signature" | "phase" | "window" | "series" | "slo-window" | "burn-window";

export type ArgValue =
  | { kind: "scope"; scope: ServiceScope }
  | { kind: "text"; value: string }
  | { kind: "window"; seconds: number; text: string }
  | { kind: "series"; series: SeriesRef };

interface Spec<R> {
  params: readonly ParamKind[];
  /** Parameter names for "takes 2 arguments (service, window)". */
  names: readonly string[];
  build: (args: readonly ArgValue[]) => R;
}

export interface MeasureSpec extends Spec<Measurement> {
  returns: ValueType;
}

/** Thrown only if the parser hands build() arguments its own params did not produce. */
function mismatch(): never {
  throw new Error("criteria: argument kinds do not match the function signature");
}

function scopeArg(a: ArgValue | undefined): ServiceScope {
  return a?.kind === "scope" ? a.scope : mismatch();
}
function textArg(a: ArgValue | undefined): string {
  return a?.kind === "text" ? a.value : mismatch();
}
function windowArg(a: ArgValue | undefined): number {
  return a?.kind === "window" ? a.seconds : mismatch();
}
function seriesArg(a: ArgValue | undefined): SeriesRef {
  return a?.kind === "series" ? a.series : mismatch();
}

function percentile(p: Percentile): MeasureSpec {
  return {
    params: ["series", "window"],
    names: ["series", "window"],
    returns: "duration",
    build: (a) => ({ kind: "percentile", percentile: p, series: seriesArg(a[0]), windowSeconds: windowArg(a[1]) }),
  };
}

/** Functions whose value can be compared. */
export const MEASURES: Readonly<Record<string, MeasureSpec>> = {
  startup_success_rate: {
    params: ["scope", "window"],
    names: ["service", "window"],
    returns: "ratio",
    build: (a) => ({ kind: "startup_success_rate", service: scopeArg(a[0]), windowSeconds: windowArg(a[1]) }),
  },
  startup_failures: {
    params: ["scope", "window"],
    names: ["service", "window"],
    returns: "number",
    build: (a) => ({ kind: "startup_failures", service: scopeArg(a[0]), windowSeconds: windowArg(a[1]) }),
  },
  probe_uptime: {
    params: ["probe", "window"],
    names: ["probe", "window"],
    returns: "ratio",
    build: (a) => ({ kind: "probe_uptime", probe: textArg(a[0]), windowSeconds: windowArg(a[1]) }),
  },
  probe_status: {
    params: ["probe"],
    names: ["probe"],
    returns: "string",
    build: (a) => ({ kind: "probe_status", probe: textArg(a[0]) }),
  },
  failures: {
    params: ["signature", "window"],
    names: ["signature", "window"],
    returns: "number",
    build: (a) => ({ kind: "failures", signature: textArg(a[0]), windowSeconds: windowArg(a[1]) }),
  },
  p50: percentile(50),
  p95: percentile(95),
  p99: percentile(99),
  blocking_phases: { params: [], names: [], returns: "number", build: () => ({ kind: "blocking_phases" }) },
  error_budget_remaining: {
    params: ["scope", "slo-window"],
    names: ["service", "window"],
    returns: "share",
    build: (a) => ({ kind: "error_budget_remaining", service: scopeArg(a[0]), windowSeconds: windowArg(a[1]) }),
  },
  burn_rate: {
    params: ["scope", "burn-window"],
    names: ["service", "window"],
    returns: "multiple",
    build: (a) => ({ kind: "burn_rate", service: scopeArg(a[0]), windowSeconds: windowArg(a[1]) }),
  },
  connector_headroom: {
    params: ["window"],
    names: ["window"],
    returns: "ratio",
    build: (a) => ({ kind: "connector_headroom", windowSeconds: windowArg(a[0]) }),
  },
};

/** Functions that produce a series of timings, usable only inside p50 / p95 / p99. */
export const SERIES: Readonly<Record<string, Spec<SeriesRef>>> = {
  probe_phase: {
    params: ["probe", "phase"],
    names: ["probe", "phase"],
    build: (a) => ({ kind: "probe_phase", probe: textArg(a[0]), phase: textArg(a[1]) }),
  },
  startup_latency: {
    params: ["scope"],
    names: ["service"],
    build: (a) => ({ kind: "startup_latency", service: scopeArg(a[0]) }),
  },
};

export function signatureOf(name: string, spec: { names: readonly string[] }): string {
  return `${name}(${spec.names.join(", ")})`;
}

/** What an argument of each kind should look like, for "expected …" in errors. */
export const EXPECTED_ARG: Readonly<Record<ParamKind, string>> = {
  scope: 'all or a service name in quotes such as "backend"',
  probe: 'a probe name in quotes such as "backend-health"',
  signature: 'a failure signature in quotes such as "db-socket-timeout"',
  phase: `a probe phase: ${PROBE_PHASES.map((p) => JSON.stringify(p)).join(", ")}`,
  window: "a duration such as 1h",
  series: 'a series such as probe_phase("cloudsql", "connect") or startup_latency(all)',
  "slo-window": "an SLO window of whole days from 3d to 30d, such as 28d",
  "burn-window": "a burn-rate window: 5m, 30m, 1h, 6h, 24h or 3d",
};

export const EXPECTED_THRESHOLD: Readonly<Record<ValueType, string>> = {
  ratio: "a ratio such as 0.95 or 95%",
  number: "a whole number such as 0",
  duration: "a duration such as 200ms",
  share: "a share such as 0.25 or 25%",
  multiple: "a burn rate such as 1 or 14.4",
  string: `one of ${PROBE_STATUSES.map((s) => JSON.stringify(s)).join(", ")}`,
};
