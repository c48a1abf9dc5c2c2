import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import {
  classifyNetError,
  deadline,
  ProbeFailure,
  Timeline,
  type Measured,
  type ProbeAttempt,
  type ProbeSecrets,
} from "./attempt";
import { attemptOf } from "./attempts";
import { evaluateCondition } from "@/lib/conditions/core";
import { judgeConditions } from "@/lib/probes/core/judge";
import { conditionsOf } from "@/lib/config/core/probe-kinds";
import { recordDomainExpiry, startDomainExpiry } from "./domain-expiry";
import type { ProbeResult } from "@/lib/probes/core/types";

/** A registry entry without an attempt fails every run with a result saying so (a wiring bug). */
const NO_ATTEMPT: ProbeAttempt = {
  run: (cfg) => Promise.reject(new ProbeFailure("config", `no attempt is registered for type "${cfg.type}"`)),
  host: (cfg) => cfg.type,
};

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
  const attempt = attemptOf(cfg) ?? NO_ATTEMPT;
  const work = attempt.run(cfg, t, m, ac.signal, secrets);
  try {
    await Promise.race([work, limit.promise]);
  } catch (err) {
    const host = attempt.host(cfg);
    failure = attempt.classify?.(err, host, secrets) ?? classifyNetError(err, host);
    failedPhase = failure.phase ?? t.fail();
    if (failure.errorClass === "timeout" && attempt.timeoutClass)
      failure = new ProbeFailure(attempt.timeoutClass(failedPhase), failure.message, failure.status);
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
