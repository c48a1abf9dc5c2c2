import net from "node:net";
import { performance } from "node:perf_hooks";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import type { ConditionContext } from "@/lib/conditions/core";
import type { AttemptStatus, ErrorClass, PhaseTiming } from "@/lib/probes/core/types";

/**
 * What every probe type shares: a timeline of phases measured against one start, and the
 * translation of socket errors into an error class and a status.
 */

export class Timeline {
  readonly start = performance.now();
  readonly phases: PhaseTiming[] = [];
  private openPhase: { phase: string; at: number } | null = null;

  now(): number {
    return performance.now() - this.start;
  }

  /** Starts `phase` now, closing the phase before it. */
  begin(phase: string): void {
    this.end();
    this.openPhase = { phase, at: this.now() };
  }

  /** Closes the running phase; it counts as completed. */
  end(): void {
    if (!this.openPhase) return;
    const { phase, at } = this.openPhase;
    this.phases.push({ phase, startMs: round(at), durationMs: round(this.now() - at) });
    this.openPhase = null;
  }

  /** The phase that was running when the attempt failed, closed with its duration so far. */
  fail(): string | null {
    const phase = this.openPhase?.phase ?? null;
    this.end();
    return phase;
  }

  /** Adds the whole attempt as the `total` phase. */
  total(): number {
    this.end();
    const ms = round(this.now());
    this.phases.push({ phase: "total", startMs: 0, durationMs: ms });
    return ms;
  }
}

/** Filled in by a probe as it gets further, so a failed attempt still reports what it measured. */
export interface Measured {
  ctx: ConditionContext;
  details: Record<string, string | number | boolean>;
}

/** Secrets the probes need, read from the environment by the caller and never put in a result. */
export interface ProbeSecrets {
  jwtSecret?: string;
  pgUser: string;
  pgPassword?: string;
}

/**
 * A probe type's attempt: the transport call and how its failures are named. The pure rest of
 * the type (config schema, placeholders, view hints) is its entry in lib/probes/core/kinds.
 */
export interface ProbeAttempt<C extends { type: string } = ProbeConfig> {
  /** Runs the attempt, filling `m` as it gets further; throws a failure. The runner holds the deadline. */
  run(cfg: C, t: Timeline, m: Measured, signal: AbortSignal, secrets: ProbeSecrets): Promise<void>;
  /** The host named in socket errors ("nothing listens on …"). */
  host(cfg: C): string;
  /** Its own failures first (PostgreSQL's SQLSTATE); socket errors otherwise. */
  classify?(err: unknown, host: string, secrets: ProbeSecrets): ProbeFailure;
  /** The layer that was silent when the deadline hit, by the phase that was running. */
  timeoutClass?(phase: string | null): ErrorClass;
}

export function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** A failure with its class; thrown inside a probe, turned into a result by the runner. */
export class ProbeFailure extends Error {
  /** The phase it failed in, when known where it was thrown (the deadline knows; a socket error does not). */
  phase: string | null = null;
  constructor(
    readonly errorClass: ErrorClass,
    message: string,
    readonly status: AttemptStatus = "down",
  ) {
    super(message);
    this.name = "ProbeFailure";
  }
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || (net.isIPv4(h) && h.startsWith("127."));
}

function errnoOf(err: unknown): string {
  if (err && typeof err === "object" && "code" in err && typeof err.code === "string") return err.code;
  return "";
}

/**
 * Socket errors, told apart: refused on loopback or an unknown name means nothing is there
 * (`missing`); refused elsewhere, unreachable, reset and DNS trouble mean it is there but down.
 */
export function classifyNetError(err: unknown, host: string): ProbeFailure {
  if (err instanceof ProbeFailure) return err;
  const code = errnoOf(err);
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case "ECONNREFUSED":
      return isLoopback(host)
        ? new ProbeFailure("refused", `Connection refused: nothing listens on ${host} (${message})`, "missing")
        : new ProbeFailure("refused", `Connection refused by ${host} (${message})`);
    case "ENOTFOUND":
      return new ProbeFailure("nxdomain", `No such host: ${host} does not resolve (NXDOMAIN)`, "missing");
    case "EAI_AGAIN":
      return new ProbeFailure("dns", `DNS lookup for ${host} failed temporarily (${message})`);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EADDRNOTAVAIL":
      return new ProbeFailure("unreachable", `${host} is unreachable (${code})`);
    case "ECONNRESET":
    case "EPIPE":
      return new ProbeFailure("reset", `Connection reset by ${host} (${code})`);
    case "ETIMEDOUT":
      return new ProbeFailure("timeout", `Connect to ${host} timed out (${code})`);
  }
  if (/certificate|self[- ]signed|SSL|TLS/i.test(message) || code.startsWith("ERR_TLS") || code.includes("CERT")) {
    return new ProbeFailure("tls", `TLS handshake failed: ${message}`);
  }
  return new ProbeFailure("internal", message || "unknown error");
}

/** A promise that rejects with a timeout failure after `ms`, naming the phase that was running. */
export function deadline(
  ms: number,
  timeline: Timeline,
  onExpire: () => void,
): { promise: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const phase = timeline.fail();
      const failure = new ProbeFailure(
        "timeout",
        `No answer within ${ms} ms (timed out during ${phase ?? "the attempt"})`,
      );
      failure.phase = phase;
      onExpire();
      reject(failure);
    }, ms);
  });
  // The deadline usually loses the race; its rejection must not surface as unhandled.
  promise.catch(() => {});
  return { promise, clear: () => clearTimeout(timer) };
}
