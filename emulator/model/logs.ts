import { between, hashInts, randomRound, streamFor } from "@/lib/what-if/core/model/prng";
import { ROLLOUT_TEXT, type ModelRolloutLine } from "./changes";
import type { MinuteModel } from "./minute";
import { serviceTimeoutSeconds } from "./scenarios";
import { cloudSqlSocketPath } from "./world";

/**
 * Log lines of one minute, as Cloud Run would write them for the model's start-up attempts:
 * the failure signatures of the seed incident (socket timeouts on the Cloud SQL socket, the app's
 * DB initialisation timeout, exit(3), the failed startup probe) and the WebSocket handshakes the
 * backend rejects while auth and backend sign and verify JWTs with different secrets.
 */

export type LogSeverity = "DEBUG" | "INFO" | "WARNING" | "ERROR";
export type LogId = "run.googleapis.com/stdout" | "run.googleapis.com/stderr" | "run.googleapis.com/varlog/system";

export interface ModelLogEntry {
  timestampMs: number;
  service: string;
  revision: string;
  severity: LogSeverity;
  logId: LogId;
  text: string;
  instanceId: string;
  insertId: string;
}

const S_JWT = 22;

function hex(...coordinates: number[]): string {
  return hashInts(...coordinates)
    .toString(16)
    .padStart(8, "0");
}

/** All entries of `minute`, oldest first (ties broken by insertId, as Cloud Logging does). */
export function logEntriesForMinute(model: MinuteModel, minute: number): ModelLogEntry[] {
  const { world, seed } = model;
  const socket = cloudSqlSocketPath(world);
  const entries: ModelLogEntry[] = [];
  const base = minute * 60_000;

  world.services.forEach((svc, i) => {
    if (!svc.deployed) return;
    const revision = model.revision(minute, svc.name);
    const timeout = serviceTimeoutSeconds(model.state(minute), svc);
    model.startupAttempts(minute, i).forEach((attempt, k) => {
      const instanceId = `00${hex(seed, minute, i, k, 1)}${hex(seed, minute, i, k, 2)}${hex(seed, minute, i, k, 3)}`;
      let line = 0;
      const add = (atMs: number, severity: LogSeverity, logId: LogId, text: string) => {
        entries.push({
          timestampMs: base + Math.min(59_999, attempt.offsetMs + atMs),
          service: svc.name,
          revision,
          severity,
          logId,
          text,
          instanceId,
          insertId: `${hex(seed, minute, i, k, 100 + line)}${hex(minute, i, k, line)}`.slice(0, 16),
        });
        line++;
      };
      add(
        0,
        "INFO",
        "run.googleapis.com/stdout",
        `Starting ${svc.name} (revision ${revision}); opening ${svc.poolSize} database connections`,
      );
      if (attempt.ok) {
        add(attempt.latencyMs, "INFO", "run.googleapis.com/stdout", "Application startup complete.");
        return;
      }
      const end = attempt.latencyMs;
      add(
        end - 40,
        "ERROR",
        "run.googleapis.com/stderr",
        `sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server on socket "${socket}" failed: Connection timed out`,
      );
      add(end - 20, "ERROR", "run.googleapis.com/stderr", `Database initialization timeout after ${timeout} s`);
      add(end, "ERROR", "run.googleapis.com/varlog/system", "Container called exit(3).");
      add(
        end + 5,
        "ERROR",
        "run.googleapis.com/varlog/system",
        `Default STARTUP TCP probe failed 1 time consecutively for container "${svc.name}-1" on port 8080. The instance was not started.`,
      );
    });
  });

  // WebSocket clients reach the backend only through instances that are up.
  const backendIndex = world.services.findIndex((s) => s.name === "backend" && s.deployed);
  const backend = backendIndex >= 0 ? model.service(minute, backendIndex) : null;
  if (backend && model.endpoints(minute).jwtMismatch && backend.instancesActive + backend.instancesIdle > 0) {
    const r = streamFor(seed, S_JWT, minute);
    const count = randomRound(between(r(), 0.5, 3), r());
    for (let k = 0; k < count; k++) {
      entries.push({
        timestampMs: base + Math.floor(r() * 60_000),
        service: "backend",
        revision: backend.revision,
        severity: "ERROR",
        logId: "run.googleapis.com/stderr",
        text: "WebSocket handshake rejected (401): JWT signature verification failed; the token was signed by the auth service with JWT_SECRET_STAGING but the backend verifies with JWT_SECRET_KEY",
        instanceId: `00${hex(seed, minute, 999, 1)}${hex(seed, minute, 999, 2)}`,
        insertId: `${hex(seed, S_JWT, minute, k)}${hex(minute, k, 7)}`.slice(0, 16),
      });
    }
  }

  return entries.sort(
    (a, b) => a.timestampMs - b.timestampMs || (a.insertId < b.insertId ? -1 : a.insertId > b.insertId ? 1 : 0),
  );
}

/** Cloud Run's system line for the first instance of a rollout: the moment traffic moved. */
export function rolloutLogEntry(seed: number, r: ModelRolloutLine): ModelLogEntry {
  return {
    timestampMs: r.timestampMs,
    service: r.service,
    revision: r.revision,
    severity: "INFO",
    logId: "run.googleapis.com/varlog/system",
    text: ROLLOUT_TEXT,
    instanceId: `00${hex(seed, r.timestampMs % 1e9, 31)}${hex(seed, r.timestampMs % 1e9, 32)}`,
    insertId: r.insertId,
  };
}
