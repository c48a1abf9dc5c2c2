import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPostgres, type TestPostgres } from "./postgres";
import { startReplica, type Replica } from "./replica";

/**
 * Several replicas (./replica-main.ts) on one throw-away PostgreSQL, all probing one HTTP
 * stand-in target on loopback, with the repository's staging config otherwise: the setup the
 * replica integration tests and the fail-over bench share. The replicas start at once.
 */

export interface ReplicaSetOptions {
  count: number;
  /** URL of the one probe ("counted", HTTP, `[STATUS] == 200`) every replica schedules. */
  targetUrl: string;
  intervalSeconds: number;
  /** More fields of that probe, e.g. `goldenPath: true`. */
  probe?: Record<string, unknown>;
  /** Changes the rest of the config before it is written (readiness checks, webhooks). */
  configure?: (config: Record<string, unknown>) => void;
  /** Variables beyond the store, config and data directory (lease, evaluators, emulator hosts). */
  env?: Record<string, string>;
  maxConnections?: number;
}

export interface ReplicaSet {
  replicas: Replica[];
  postgres: TestPostgres;
  /** Kills what still runs, stops PostgreSQL and removes the data directory. */
  stop(): Promise<void>;
}

export async function startReplicaSet(o: ReplicaSetOptions): Promise<ReplicaSet> {
  const postgres = await startPostgres(o.maxConnections ? { maxConnections: o.maxConnections } : undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-replicas-"));
  const replicas: Replica[] = [];
  const stop = async () => {
    for (const r of replicas) if (r.child.exitCode === null) r.child.kill("SIGKILL");
    await postgres.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const config = JSON.parse(fs.readFileSync("staging.config.json", "utf8")) as Record<string, unknown>;
    config.probes = [
      {
        name: "counted",
        type: "http",
        url: o.targetUrl,
        intervalSeconds: o.intervalSeconds,
        timeoutMs: 2000,
        conditions: ["[STATUS] == 200"],
        ...o.probe,
      },
    ];
    o.configure?.(config);
    fs.writeFileSync(path.join(dir, "staging.config.json"), JSON.stringify(config));
    const env = {
      NEXTAUTH_SECRET: "x".repeat(40),
      STAGEWATCH_CONFIG: path.join(dir, "staging.config.json"),
      STAGEWATCH_DATA_DIR: dir,
      STAGEWATCH_DATABASE_URL: postgres.url,
      ...o.env,
    };
    replicas.push(...(await Promise.all(Array.from({ length: o.count }, () => startReplica(env)))));
  } catch (err) {
    await stop();
    throw err;
  }
  return { replicas, postgres, stop };
}

export const isRunning = (r: Replica) => r.child.exitCode === null && r.child.signalCode === null;

/** One JSON request to a replica's loopback port. */
export async function callReplica(
  r: Replica,
  method: string,
  p: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${r.port}${p}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** "leader", "follower", or "dead" for a replica that has exited. */
export async function replicaRole(r: Replica): Promise<string> {
  return isRunning(r) ? String((await callReplica(r, "GET", "/ready")).json.role) : "dead";
}

/** Polls `fn` every 100 ms until it gives a value (a throw counts as not yet); fails after `ms`. */
export async function until<T>(what: string, fn: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
