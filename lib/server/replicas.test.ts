import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/lib/testing/postgres";
import { startReplica, type Replica } from "@/lib/testing/replica";

/**
 * Three replicas (lib/testing/replica-main.ts: the app's background and tracker code without
 * Next) on one PostgreSQL, probing one counting stand-in target on loopback.
 */

const INTERVAL_MS = 5_000;
const LEASE_MS = 2_000;

async function call(
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

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(postgresUnavailable)("three replicas on one PostgreSQL", () => {
  let postgres: TestPostgres;
  let target: http.Server;
  const hits: number[] = [];
  const replicas: Replica[] = [];
  let dir: string;

  beforeAll(async () => {
    postgres = await startPostgres({ maxConnections: 60 });
    target = http.createServer((_req, res) => {
      hits.push(Date.now());
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"status":"UP"}');
    });
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
    const port = (target.address() as { port: number }).port;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-replicas-"));
    const config = JSON.parse(fs.readFileSync("staging.config.json", "utf8")) as Record<string, unknown>;
    config.probes = [
      {
        name: "counted",
        type: "http",
        url: `http://127.0.0.1:${port}/health`,
        intervalSeconds: INTERVAL_MS / 1000,
        timeoutMs: 2000,
        conditions: ["[STATUS] == 200"],
      },
    ];
    fs.writeFileSync(path.join(dir, "staging.config.json"), JSON.stringify(config));
    const env = {
      NEXTAUTH_SECRET: "x".repeat(40),
      STAGEWATCH_CONFIG: path.join(dir, "staging.config.json"),
      STAGEWATCH_DATA_DIR: dir,
      STAGEWATCH_DATABASE_URL: postgres.url,
      STAGEWATCH_LEADER_LEASE_MS: String(LEASE_MS),
      // Evaluators read Google's APIs; this test is about probes, leadership and edits.
      STAGEWATCH_EVALUATORS: "off",
    };
    replicas.push(...(await Promise.all([startReplica(env), startReplica(env), startReplica(env)])));
  }, 90_000);

  afterAll(async () => {
    for (const r of replicas) if (r.child.exitCode === null) r.child.kill("SIGKILL");
    await new Promise((r) => target?.close(r));
    await postgres?.stop();
  });

  const roles = () =>
    Promise.all(
      replicas.map(async (r) =>
        r.child.exitCode === null && r.child.signalCode === null
          ? String((await call(r, "GET", "/ready")).json.role)
          : "dead",
      ),
    );

  it("elects exactly one leader, and every replica is ready", async () => {
    const settled = await until(
      "one leader and two followers",
      async () => {
        const rs = await roles();
        return rs.filter((x) => x === "leader").length === 1 && rs.filter((x) => x === "follower").length === 2
          ? rs
          : undefined;
      },
      20_000,
    );
    expect(settled.sort()).toEqual(["follower", "follower", "leader"]);
    for (const r of replicas) expect((await call(r, "GET", "/ready")).status).toBe(200);
  });

  it("loses no acknowledged tracker edit sent to different replicas at once (409 for the losers)", async () => {
    const created = await Promise.all(
      replicas.map((r, i) => call(r, "POST", "/action/infrastructure", { title: `from replica ${i}`, owner: "ops" })),
    );
    expect(created.map((c) => c.status)).toEqual([200, 200, 200]);
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const titles = await db.query<{ title: string }>(
        "select title from tracker_action where title like 'from replica %' and deleted_at is null",
      );
      expect(titles.rows.map((r) => r.title).sort()).toEqual(["from replica 0", "from replica 1", "from replica 2"]);

      const phase = async () =>
        (
          await db.query<{ status: string; version: number }>(
            "select status, version from tracker_phase where phase_id = 'validation'",
          )
        ).rows[0];
      for (let round = 0; round < 5; round++) {
        const before = await phase();
        if (!before) throw new Error("phase not synced");
        const statuses = ["not-started", "active", "held", "blocked"].filter((s) => s !== before.status);
        const answers = await Promise.all(
          replicas.map((r, i) =>
            call(r, "PATCH", "/phase/validation", { version: before.version, status: statuses[i] }),
          ),
        );
        const won = answers.filter((a) => a.status === 200);
        expect(won).toHaveLength(1);
        expect(answers.filter((a) => a.status === 409)).toHaveLength(2);
        const after = await phase();
        expect(after).toEqual({ status: won[0]?.json.status, version: before.version + 1 });
        for (const lost of answers.filter((a) => a.status === 409))
          expect(lost.json.current).toMatchObject({ version: before.version + 1, status: after?.status });
      }
      const audit = await db.query<{ n: string }>(
        "select count(*) as n from tracker_audit where entity = 'phase' and phase_id = 'validation'",
      );
      expect(Number(audit.rows[0]?.n)).toBe(5);
    } finally {
      await db.end();
    }
  });

  it("probes the target once per interval, not once per replica", async () => {
    const first = hits.length;
    await until("the leader's first probe", async () => (hits.length > first ? true : undefined), 2 * INTERVAL_MS);
    const from = Date.now();
    await new Promise((r) => setTimeout(r, 4 * INTERVAL_MS));
    const window = hits.filter((t) => t >= from);
    // Four intervals: four attempts (±1 for where the window falls), not twelve.
    expect(window.length).toBeGreaterThanOrEqual(3);
    expect(window.length).toBeLessThanOrEqual(5);
    const gaps = hits.slice(1).map((t, i) => t - (hits[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThan(INTERVAL_MS * 0.8);
  }, 40_000);

  it("fails over within two intervals when the leader is killed with SIGKILL, and still probes once", async () => {
    const rs = await roles();
    const leader = replicas[rs.indexOf("leader")];
    if (!leader) throw new Error("no leader");
    const killedAt = Date.now();
    leader.child.kill("SIGKILL");
    const next = await until("a probe by the new leader", async () => hits.find((t) => t > killedAt), 3 * INTERVAL_MS);
    expect(next - killedAt).toBeLessThanOrEqual(2 * INTERVAL_MS);
    const after = await roles();
    expect(after.filter((x) => x === "leader")).toHaveLength(1);
    expect(after.filter((x) => x === "dead")).toHaveLength(1);
    // And the survivors do not both probe.
    const from = Date.now();
    await new Promise((r) => setTimeout(r, 3 * INTERVAL_MS));
    expect(hits.filter((t) => t >= from).length).toBeLessThanOrEqual(4);
    const gaps = hits
      .slice(1)
      .map((t, i) => t - (hits[i] ?? 0))
      .slice(-3);
    expect(Math.min(...gaps)).toBeGreaterThan(INTERVAL_MS * 0.8);
  }, 60_000);

  it("hands the lease over at once on SIGTERM, and exits within 8 s", async () => {
    const rs = await roles();
    const leader = replicas[rs.indexOf("leader")];
    if (!leader) throw new Error("no leader");
    const exited = new Promise<number | null>((r) => leader.child.once("exit", (code) => r(code)));
    const t0 = Date.now();
    leader.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(8_000);
    const survivor = replicas.find((r) => r !== leader && r.child.exitCode === null && r.child.signalCode === null);
    if (!survivor) throw new Error("no survivor");
    // Released, not expired: the survivor takes over within one renewal period (a third of the lease).
    const tookOver = await until(
      "the survivor to lead",
      async () => ((await call(survivor, "GET", "/ready")).json.role === "leader" ? Date.now() : undefined),
      3 * LEASE_MS,
    );
    expect(tookOver - t0).toBeLessThan(LEASE_MS + 1_000);
  }, 30_000);
});
