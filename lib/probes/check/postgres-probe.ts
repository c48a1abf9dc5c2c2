import fs from "node:fs";
import net from "node:net";
import pg from "pg";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import { classifyNetError, ProbeFailure, type Measured, type ProbeAttempt, type Timeline } from "./attempt";

export type PostgresProbeConfig = Extract<ProbeConfig, { type: "postgres" }>;
export type PgCredentials = { user: string; password: string | undefined };

function sqlState(err: unknown): string {
  return err && typeof err === "object" && "code" in err && typeof err.code === "string" ? err.code : "";
}

/** PostgreSQL's own error codes first (28P01, 53300, 57014), then the socket's. */
export function classifyPgError(err: unknown, host: string, user: string): ProbeFailure {
  if (err instanceof ProbeFailure) return err;
  const code = sqlState(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === "28P01" || code === "28000" || /password|SASL|authentication/i.test(message)) {
    return new ProbeFailure(
      "auth-failed",
      `Authentication failed for user "${user}" (${code || "no password accepted"}); check PROBE_PG_USER / PROBE_PG_PASSWORD`,
    );
  }
  if (code === "53300" || /too many (clients|connections)|connection slots are reserved/i.test(message)) {
    return new ProbeFailure(
      "too-many-connections",
      `Too many connections: the server refused a new session (${message})`,
    );
  }
  if (code === "57014")
    return new ProbeFailure("query-timeout", `Query cancelled by the server's statement timeout (${message})`);
  if (/Connection terminated/i.test(message))
    return new ProbeFailure("reset", `The server closed the connection (${message})`);
  return classifyNetError(err, host);
}

export function sslModeOf(cfg: Pick<PostgresProbeConfig, "ssl" | "sslMode">): "disable" | "require" | "verify-full" {
  return cfg.sslMode ?? (cfg.ssl ? "require" : "disable");
}

/**
 * "require" encrypts but accepts any certificate (reachability and latency of a private
 * instance); "verify-full" rejects a certificate that does not chain to the CA or name the host.
 */
function tlsOptions(cfg: PostgresProbeConfig): pg.ClientConfig["ssl"] {
  const mode = sslModeOf(cfg);
  if (mode === "disable") return false;
  if (mode === "require") return { rejectUnauthorized: false };
  return {
    rejectUnauthorized: true,
    ...(cfg.sslRootCert ? { ca: fs.readFileSync(cfg.sslRootCert, "utf8") } : {}),
    ...(net.isIP(cfg.host) ? {} : { servername: cfg.host }),
  };
}

/**
 * PostgreSQL with the `pg` driver: connect, TLS when asked, auth and the first query, each
 * timed from the driver's connection events. The password never appears in a result.
 */
export async function runPostgres(
  cfg: PostgresProbeConfig,
  t: Timeline,
  m: Measured,
  signal: AbortSignal,
  creds: PgCredentials,
): Promise<void> {
  const client = new pg.Client({
    host: cfg.host,
    port: cfg.port,
    database: cfg.database,
    user: creds.user,
    password: creds.password,
    ssl: tlsOptions(cfg),
    // The server cancels a query that outlives the probe, rather than keep it running after we gave up.
    statement_timeout: cfg.timeoutMs,
    application_name: "stagewatch-probe",
  });
  // pg reports errors on the client after connect() settled, too; the probe has its answer by then.
  client.on("error", () => {});
  const conn = client.connection;
  const abort = () => {
    conn.stream.destroy();
    void client.end().catch(() => {});
  };
  signal.addEventListener("abort", abort, { once: true });
  t.begin(net.isIP(cfg.host) ? "connect" : "dns");
  conn.stream.once("lookup", () => t.begin("connect"));
  conn.once("connect", () => {
    m.ctx.connected = true;
    if (conn.stream instanceof net.Socket) m.ctx.ip = conn.stream.remoteAddress;
    t.begin(sslModeOf(cfg) !== "disable" ? "tls" : "auth");
  });
  conn.once("sslconnect", () => conn.stream.once("secureConnect", () => t.begin("auth")));
  try {
    await client.connect();
    t.begin("first-query");
    const res = await client.query(cfg.query);
    t.end();
    m.details.rows = res.rowCount ?? 0;
  } catch (err) {
    throw classifyPgError(err, cfg.host, creds.user);
  } finally {
    signal.removeEventListener("abort", abort);
    void client.end().catch(() => {});
  }
}

export const postgresAttempt: ProbeAttempt<PostgresProbeConfig> = {
  run: (cfg, t, m, signal, secrets) =>
    runPostgres(cfg, t, m, signal, { user: secrets.pgUser, password: secrets.pgPassword }),
  host: (cfg) => cfg.host,
  classify: (err, host, secrets) => classifyPgError(err, host, secrets.pgUser),
  // The deadline names the silent layer: the socket until the session is up, then the query.
  timeoutClass: (phase) => (phase === "first-query" ? "query-timeout" : "socket-timeout"),
};
