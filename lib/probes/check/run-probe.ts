import type { ProbeConfig } from "@/lib/health/config/staging-schema";
import { classifyNetError, deadline, ProbeFailure, Timeline, type Measured } from "./attempt";
import { evaluateCondition, judgeConditions, parseCondition, type Condition } from "@/lib/health/conditions";
import { runDns } from "./dns-probe";
import { recordDomainExpiry, startDomainExpiry } from "./domain-expiry";
import { runHttp } from "./http-probe";
import { classifyPgError, runPostgres } from "./postgres-probe";
import { runTcp } from "./tcp-probe";
import type { ErrorClass, ProbeResult, ProbeType } from "@/lib/health/probes/types";
import { runWebSocket } from "./websocket-probe";

/** Secrets the probes need, read from the environment by the caller and never put in a result. */
export interface ProbeSecrets {
  jwtSecret?: string;
  pgUser: string;
  pgPassword?: string;
}

/** Default conditions are constants, parsed once like the config's own: a bad one is a bug. */
function defaults(type: ProbeType, ...texts: string[]): Condition[] {
  return texts.map((text) => {
    const parsed = parseCondition(text, type);
    if (!parsed.ok) throw new Error(`default condition ${parsed.error}`);
    return parsed.condition;
  });
}

/** What a target must show when its config lists no conditions: that it answered at all. */
const DEFAULT_CONDITIONS: Record<ProbeType, Condition[]> = {
  http: defaults("http", "[STATUS] < 400"),
  tcp: defaults("tcp", "[CONNECTED] == true"),
  postgres: defaults("postgres", "[CONNECTED] == true"),
  websocket: defaults("websocket", "[CONNECTED] == true"),
  dns: defaults("dns", "[DNS_RCODE] == NOERROR"),
  // Judged by its steps (lib/rehearsal), which all must pass.
  browser: [],
};

/** The conditions an attempt is judged by, as parsed when the config was loaded. */
export function conditionsOf(cfg: ProbeConfig): Condition[] {
  return cfg.conditions.length ? cfg.conditions : DEFAULT_CONDITIONS[cfg.type];
}

function hostOf(cfg: ProbeConfig): string {
  if (cfg.type === "browser") return "browser";
  return cfg.type === "http" || cfg.type === "websocket" ? new URL(cfg.url).hostname : cfg.host;
}

function dispatch(cfg: ProbeConfig, t: Timeline, m: Measured, signal: AbortSignal, s: ProbeSecrets): Promise<void> {
  switch (cfg.type) {
    case "http":
      return runHttp(cfg, t, m, signal);
    case "tcp":
      return runTcp(cfg, t, m, signal);
    case "postgres":
      return runPostgres(cfg, t, m, signal, { user: s.pgUser, password: s.pgPassword });
    case "websocket":
      return runWebSocket(cfg, t, m, signal, s.jwtSecret);
    case "dns":
      return runDns(cfg, t, m, signal);
    case "browser":
      // The engine hands browser probes to the rehearsal runner; reaching here is a wiring bug.
      return Promise.reject(
        new ProbeFailure("config", "a browser probe runs through the rehearsal runner, not runProbe"),
      );
  }
}

/** The hard deadline names the layer that was silent: for PostgreSQL the socket or the query. */
function timeoutClass(type: ProbeType, phase: string | null): ErrorClass {
  if (type === "postgres") return phase === "first-query" ? "query-timeout" : "socket-timeout";
  if (type === "websocket" && phase === "first-message") return "no-first-message";
  return "timeout";
}

/**
 * One attempt against one target, bounded by its timeout. Never throws: every failure, even
 * a bug, becomes a result, so one target can never stop the scheduler.
 */
export async function runProbe(cfg: ProbeConfig, secrets: ProbeSecrets): Promise<ProbeResult> {
  const checkedAt = new Date().toISOString();
  const t = new Timeline();
  const m: Measured = { ctx: { connected: false }, details: {} };
  const ac = new AbortController();
  const limit = deadline(cfg.timeoutMs, t, () => ac.abort());
  let failure: ProbeFailure | null = null;
  let failedPhase: string | null = null;
  const expiry = startDomainExpiry(cfg, conditionsOf(cfg));
  const work = dispatch(cfg, t, m, ac.signal, secrets);
  try {
    await Promise.race([work, limit.promise]);
  } catch (err) {
    failure =
      cfg.type === "postgres" ? classifyPgError(err, hostOf(cfg), secrets.pgUser) : classifyNetError(err, hostOf(cfg));
    failedPhase = failure.phase ?? t.fail();
    if (failure.errorClass === "timeout")
      failure = new ProbeFailure(timeoutClass(cfg.type, failedPhase), failure.message, failure.status);
    ac.abort();
  } finally {
    limit.clear();
  }
  work.catch(() => {});
  const durationMs = t.total();
  if (!failure) m.ctx.responseTimeMs = durationMs;
  if (!failure && expiry) recordDomainExpiry(await expiry, m);
  const conditions = conditionsOf(cfg).map((c) => evaluateCondition(c, m.ctx));
  const verdict = failure
    ? { status: failure.status, errorClass: failure.errorClass, message: failure.message }
    : judgeConditions(conditions);
  return {
    probe: cfg.name,
    type: cfg.type,
    status: verdict.status,
    checkedAt,
    durationMs,
    phases: t.phases,
    failedPhase,
    errorClass: verdict.errorClass,
    errorMessage: verdict.message,
    conditions,
    details: m.details,
  };
}
