import http from "node:http";
import net from "node:net";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresUnavailable } from "@/lib/testing/postgres";
import type { Replica } from "@/lib/testing/replica";
import { headerLines, leadsMailChannel, startMailReceiver, type MailReceiver } from "@/lib/notifications/testing";
import {
  callReplica as call,
  isRunning,
  replicaRole,
  startReplicaSet,
  until,
  type ReplicaSet,
} from "@/lib/testing/replica-set";

/**
 * Three replicas (lib/testing/replica-main.ts: the app's background and tracker code without
 * Next) on one PostgreSQL, probing one counting stand-in target on loopback
 * (lib/testing/replica-set.ts).
 */

const INTERVAL_MS = 5_000;
const LEASE_MS = 2_000;

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as net.AddressInfo).port;
}

describe.skipIf(postgresUnavailable)("three replicas on one PostgreSQL", () => {
  let set: ReplicaSet;
  let target: http.Server;
  const hits: number[] = [];
  const replicas: Replica[] = [];

  beforeAll(async () => {
    target = http.createServer((_req, res) => {
      hits.push(Date.now());
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"status":"UP"}');
    });
    set = await startReplicaSet({
      count: 3,
      maxConnections: 60,
      targetUrl: `http://127.0.0.1:${await listen(target)}/health`,
      intervalSeconds: INTERVAL_MS / 1000,
      env: {
        STAGEWATCH_LEADER_LEASE_MS: String(LEASE_MS),
        // Evaluators read Google's APIs; this test is about probes, leadership and edits.
        STAGEWATCH_EVALUATORS: "off",
      },
    });
    replicas.push(...set.replicas);
  }, 90_000);

  afterAll(async () => {
    await set?.stop();
    await new Promise((r) => target?.close(r));
  });

  const roles = () => Promise.all(replicas.map(replicaRole));

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
    const db = new pg.Client({ connectionString: set.postgres.url });
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
    // Spacing among the new leader's probes only: the handover gap (the old leader's last probe to
    // the new one's first) depends on when in its interval the old leader died, and is bounded above.
    const survivors = hits.filter((t) => t >= next);
    expect(survivors.length).toBeGreaterThanOrEqual(3);
    const gaps = survivors.slice(1).map((t, i) => t - (survivors[i] ?? 0));
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
    const survivor = replicas.find((r) => r !== leader && isRunning(r));
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Changes are announced by whichever replica leads, through one outbox in the shared store: a
 * loopback webhook receiver counts what it gets by `webhook-id`, while the stand-in target of a
 * golden-path probe (also the one readiness check) goes down and, after the leader is killed,
 * comes back. Google's APIs point at a closed loopback port, so the Overview verdict reads as
 * unknown — itself a change to announce once.
 */
describe.skipIf(postgresUnavailable)("three replicas announce each change once", () => {
  let set: ReplicaSet;
  let target: http.Server;
  let receiver: http.Server;
  let failing = false;
  let smtp: MailReceiver;
  const received: { path: string; id: string; event: string; body: Record<string, unknown> }[] = [];
  const replicas: Replica[] = [];

  let downAt = -1;
  /** How often one channel (its receiver path) got one delivery. */
  const deliveries = (id: string, path = "/hook") => received.filter((r) => r.id === id && r.path === path).length;
  const probeChange = (to: string) =>
    received.find(
      (r) =>
        r.path === "/hook" && r.event === "probe.changed" && r.body.subject === "probe:counted" && r.body.to === to,
    );
  /** Mails by their delivery id (X-Stagewatch-Delivery), with their subject. */
  const mails = (id: string) =>
    smtp.mails
      .map((m) => headerLines(m.raw))
      .filter((h) => h.includes(`X-Stagewatch-Delivery: ${id}`))
      .map((h) => h.find((l) => l.startsWith("Subject: ")));
  const pagerDuty = (action: string) =>
    received.filter(
      (r) => r.path === "/pd" && r.body.event_action === action && r.body.dedup_key === "stagewatch:probe:counted",
    );

  beforeAll(async () => {
    target = http.createServer((_req, res) => {
      res.writeHead(failing ? 503 : 200, { "content-type": "application/json" });
      res.end(failing ? '{"status":"DOWN"}' : '{"status":"UP"}');
    });
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({
          path: req.url ?? "",
          id: String(req.headers["x-stagewatch-delivery"] ?? ""),
          event: String(req.headers["x-stagewatch-event"] ?? ""),
          body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
        });
        res.writeHead(204).end();
      });
    });
    const hook = await listen(receiver);
    smtp = await startMailReceiver();
    const google = `127.0.0.1:${await freePort()}`;
    set = await startReplicaSet({
      count: 3,
      maxConnections: 60,
      targetUrl: `http://127.0.0.1:${await listen(target)}/health`,
      intervalSeconds: INTERVAL_MS / 1000,
      probe: { goldenPath: true },
      configure: (config) => {
        config.readiness = {
          ...(config.readiness as Record<string, unknown>),
          checks: [
            {
              id: "counted",
              label: "The counted target is up",
              expr: 'probe_status("counted") == "up"',
              severity: "blocker",
              maxAgeSeconds: 60,
            },
          ],
          webhooks: [{ url: `http://127.0.0.1:${hook}/hook`, kind: "json", timeoutMs: 2000 }],
        };
        // Channels beside the old webhook: Chat gets everything, PagerDuty the page (the probe down).
        config.notifications = {
          channels: [
            { id: "chat", kind: "googlechat", urlEnv: "NOTIFY_CHAT_URL", timeoutMs: 2000 },
            { id: "team", kind: "slack", urlEnv: "NOTIFY_SLACK_URL", timeoutMs: 2000 },
            leadsMailChannel(smtp, { timeoutMs: 2000 }),
            {
              id: "on-call",
              kind: "pagerduty",
              routingKeyEnv: "NOTIFY_PD_KEY",
              eventsUrl: `http://127.0.0.1:${hook}/pd`,
              timeoutMs: 2000,
            },
          ],
        };
      },
      env: {
        STAGEWATCH_LEADER_LEASE_MS: String(LEASE_MS),
        STAGEWATCH_EVALUATORS: "on",
        // Signed, so every delivery carries its webhook-id.
        STAGEWATCH_WEBHOOK_SECRET: `whsec_${randomBytes(32).toString("base64")}`,
        NOTIFY_CHAT_URL: `http://127.0.0.1:${hook}/chat`,
        NOTIFY_SLACK_URL: `http://127.0.0.1:${hook}/slack`,
        NOTIFY_PD_KEY: "replica-test-routing-key",
        MONITORING_EMULATOR_HOST: google,
        LOGGING_EMULATOR_HOST: google,
      },
    });
    replicas.push(...set.replicas);
  }, 90_000);

  afterAll(async () => {
    await set?.stop();
    await new Promise((r) => target?.close(r));
    await new Promise((r) => receiver?.close(r));
    await smtp?.close();
  });

  const leader = async () => {
    for (const r of replicas) if ((await replicaRole(r)) === "leader") return r;
    return undefined;
  };

  it("delivers the golden-path probe going down once, not once per replica", async () => {
    // The watcher waits 30 s after start-up before it records anything.
    await until("the probe's first state announced", async () => (probeChange("up") ? true : undefined), 150_000);
    failing = true;
    // Two failed attempts 5 s apart, then the next 10-s tick: about 20 s. The look at the Overview
    // verdict, whose reads of the unreachable Monitoring API take about a minute to give up, must
    // not hold the probe's change back (it did: then this took over a minute).
    const down = await until("the probe going down announced", async () => probeChange("down"), 45_000);
    downAt = received.indexOf(down);
    // Time for a second or third replica to send it too, were it going to.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(deliveries(down.id)).toBe(1);
    expect(deliveries(down.id, "/chat")).toBe(1);
    expect(deliveries(down.id, "/slack")).toBe(1);
    await until("the mail", async () => (mails(down.id).length ? true : undefined), 10_000);
    expect(mails(down.id)).toEqual(["Subject: [Stagewatch] Golden-path probe counted: down (was up)"]);
    expect(pagerDuty("trigger").map((r) => r.id)).toEqual([down.id]);
    expect(new Set(received.map((r) => r.event))).toContain("probe.changed");
    for (const r of received) expect(deliveries(r.id, r.path), `${r.path} ${r.event} ${r.id}`).toBe(1);
  }, 320_000);

  it("after the leader is killed, the next leader announces the recovery once and repeats nothing", async () => {
    const old = await until("a leader", leader, 10_000);
    old.child.kill("SIGKILL");
    failing = false;
    const up = await until(
      "the recovery announced by the new leader",
      async () => received.slice(downAt + 1).find((r) => r.event === "probe.changed" && r.body.to === "up"),
      150_000,
    );
    await new Promise((r) => setTimeout(r, 3_000));
    expect(deliveries(up.id)).toBe(1);
    expect(deliveries(up.id, "/chat")).toBe(1);
    expect(deliveries(up.id, "/slack")).toBe(1);
    await until("the mail", async () => (mails(up.id).length ? true : undefined), 10_000);
    expect(mails(up.id)).toEqual(["Subject: [Stagewatch] Golden-path probe counted: up (was down)"]);
    // PagerDuty resolves the incident its trigger opened: same dedup_key, once.
    await until("PagerDuty resolved", async () => (pagerDuty("resolve").length ? true : undefined), 10_000);
    expect(pagerDuty("resolve").map((r) => [r.id, r.body.routing_key])).toEqual([[up.id, "replica-test-routing-key"]]);
    for (const r of received) expect(deliveries(r.id, r.path), `${r.path} ${r.event} ${r.id}`).toBe(1);
    // Every change in the ledger reached the receiver: none lost in the hand-over either.
    const db = new pg.Client({ connectionString: set.postgres.url });
    await db.connect();
    try {
      // The notification kind: readiness and SLO rows go to their webhooks under their own message ids.
      const changes = await db.query<{ id: string }>("select id from ledger_change where kind = 'notification'");
      expect(changes.rows.length).toBeGreaterThanOrEqual(3);
      for (const c of changes.rows) {
        expect(deliveries(c.id), c.id).toBe(1);
        expect(deliveries(c.id, "/chat"), c.id).toBe(1);
      }
    } finally {
      await db.end();
    }
  }, 200_000);
});
