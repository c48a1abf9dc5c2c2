import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startIapKeyServer, TEST_IAP_AUDIENCE, type IapKeyServer } from "../lib/testing/iap-keys";
import { startPostgres, type TestPostgres } from "../lib/testing/postgres";
import { freePort, startEmulator, startNext } from "../scripts/lib/stack.mjs";
import { IAP_HEADER, startIapProxy, type IapProxy } from "../lib/testing/iap-proxy";

/**
 * The production profile on loopback: two standalone servers (NODE_ENV=production, the
 * layout the Docker image runs) on one PostgreSQL, the emulator for Google's APIs, and
 * the IAP stand-in proxy in front that alternates between them. Both replicas are configured
 * alike (IAP audience and key set, NEXTAUTH_URL = the proxy's URL, one NEXTAUTH_SECRET), as
 * Cloud Run's revisions are.
 */

export type ProductionReplica = Awaited<ReturnType<typeof startNext>> & { port: number; url: string };

export interface ProductionStack {
  proxy: IapProxy;
  keys: IapKeyServer;
  postgres: TestPostgres;
  replicas: ProductionReplica[];
  leaseMs: number;
  /** Headers for a request straight to one replica, as the proxy would send it for `email`. */
  as(email: string, o?: { write?: boolean }): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startProductionStack(o: {
  roles: Record<string, string>;
  /** The email whose header the proxy adds until told otherwise. */
  user: string;
  leaseMs: number;
}): Promise<ProductionStack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stagewatch-prod-"));
  const stops: (() => Promise<void>)[] = [];
  // Undo in reverse order of start; each step's failure must not keep the others running.
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const keys = await startIapKeyServer();
    stops.push(() => keys.close());
    const postgres = await startPostgres();
    stops.push(() => postgres.stop());
    const jwt = randomBytes(24).toString("base64url");
    const emulator = await startEmulator({ args: [`--jwt-secret=${jwt}`, "--scenario", "incident"], log: null });
    stops.push(() => emulator.stop());
    const proxy = await startIapProxy({ sign: (email) => keys.sign(email), email: o.user });
    stops.push(() => proxy.close());

    const config = JSON.parse(readFileSync("staging.config.json", "utf8")) as {
      auth?: Record<string, unknown>;
      probes: { type: string }[];
    };
    config.auth = { ...(config.auth ?? {}), roles: o.roles };
    // The browser rehearsal would start Chromium on the leader every few minutes: seconds of
    // CPU on a shared 2-core runner that this profile does not need to prove anything.
    config.probes = config.probes.filter((p) => p.type !== "browser");
    const configFile = path.join(dir, "staging.config.json");
    writeFileSync(configFile, JSON.stringify(config));

    const env: Record<string, string> = {
      ...emulator.vars,
      NODE_ENV: "production",
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: proxy.url,
      STAGEWATCH_CONFIG: configFile,
      STAGEWATCH_DATABASE_URL: postgres.url,
      STAGEWATCH_LEADER_LEASE_MS: String(o.leaseMs),
      STAGEWATCH_TRUSTED_PROXY_HOPS: "1",
      // Criteria and readiness are evaluated on request instead of by the leader's timers: CPU.
      STAGEWATCH_EVALUATORS: "off",
      PROBE_JWT_SECRET: jwt,
      IAP_AUDIENCE: TEST_IAP_AUDIENCE,
      IAP_JWKS_URL: keys.url,
    };
    const started = await Promise.allSettled(
      ["a", "b"].map(async (name) => {
        const port = await freePort();
        // Each instance has its own disk, as Cloud Run's do; only PostgreSQL is shared.
        const dataDir = path.join(dir, `data-${name}`);
        mkdirSync(dataDir);
        const next = await startNext({ port, log: null, env: { ...env, STAGEWATCH_DATA_DIR: dataDir } });
        return { ...next, port, url: `http://127.0.0.1:${port}` };
      }),
    );
    const replicas: ProductionReplica[] = [];
    for (const s of started) if (s.status === "fulfilled") replicas.push(s.value);
    for (const r of replicas) stops.push(() => r.stop());
    for (const s of started) if (s.status === "rejected") throw s.reason;
    proxy.setUpstreams(replicas.map((r) => r.port));
    return {
      proxy,
      keys,
      postgres,
      replicas,
      leaseMs: o.leaseMs,
      as: async (email, { write = false } = {}) => ({
        [IAP_HEADER]: await keys.sign(email),
        // The app refuses writes whose Origin is not its public URL (the proxy's).
        ...(write ? { origin: proxy.url, "content-type": "application/json" } : {}),
      }),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
