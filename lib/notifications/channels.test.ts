import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProbeEvidence } from "@/lib/probes/core/evidence";
import { probeEvidence } from "@/lib/metrics/core/testing";
import { STORES, startReceiver, type Receiver, emptyLedger } from "@/lib/readiness/testing";
import type { Store } from "@/lib/store/db";
import { channelTargets, type ChannelTarget } from "./channels";
import { deliverNotifications } from "./delivery";
import { deliveryKicker } from "./outbox";
import { channelSend } from "./send";
import { sendTest } from "./test-message";
import { verify } from "./signing";
import {
  recordProbe,
  configWithChannels,
  headerLines,
  leadsMailChannel,
  startMailReceiver,
  type MailReceiver,
} from "./testing";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr";
const T0 = Date.UTC(2026, 0, 5, 12);
const send = channelSend(SECRET);

let receiver: Receiver;
let smtp: MailReceiver;
let store: Store;
let cleanup: () => Promise<void>;
let n = 0;
let paths: Record<"json" | "slack" | "chat" | "pd", string>;

beforeAll(async () => {
  [receiver, smtp] = await Promise.all([startReceiver(), startMailReceiver()]);
  const sqlite = STORES[0];
  if (!sqlite) throw new Error("no SQLite store");
  ({ store, cleanup } = await sqlite.open());
});
afterAll(async () => {
  await Promise.all([receiver.close(), smtp.close(), cleanup()]);
});
beforeEach(async () => {
  n++;
  paths = { json: `/c${n}-json`, slack: `/c${n}-slack`, chat: `/c${n}-chat`, pd: `/c${n}-pd` };
  smtp.mails.length = 0;
  await emptyLedger(store.db);
});

function setUp(rules?: unknown) {
  const config = configWithChannels({
    channels: [
      { id: "hooks", kind: "json", urlEnv: "NOTIFY_JSON" },
      { id: "team", kind: "slack", urlEnv: "NOTIFY_SLACK" },
      { id: "chat", kind: "googlechat", urlEnv: "NOTIFY_CHAT" },
      { id: "on-call", kind: "pagerduty", routingKeyEnv: "NOTIFY_PD", eventsUrl: receiver.url(paths.pd) },
      leadsMailChannel(smtp),
    ],
    ...(rules ? { rules } : {}),
  });
  const secrets = {
    NOTIFY_JSON: receiver.url(paths.json),
    NOTIFY_SLACK: receiver.url(paths.slack),
    NOTIFY_CHAT: receiver.url(paths.chat),
    NOTIFY_PD: "R0UT1NGKEY",
  };
  return { config, targets: channelTargets(config, secrets) };
}

const probe = (status: "up" | "down", lastError: string | null = null): ProbeEvidence =>
  probeEvidence("backend-health", status, { lastError });

const record = (env: ReturnType<typeof setUp>, p: ProbeEvidence, at: number) =>
  recordProbe(store.db, env, p, at, "https://stagewatch.example");

const bodies = (p: string) => receiver.accepted(p).map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe("every channel kind against a loopback receiver", () => {
  it("a golden-path probe goes down and recovers: one message per routed channel; PagerDuty resolves with the trigger's dedup_key", async () => {
    const env = setUp();
    await record(env, probe("up"), T0);
    await record(env, probe("down", "HTTP 503"), T0 + 10_000);
    await record(env, probe("up"), T0 + 20_000);
    const run = await deliverNotifications(store.db, env.targets, { send });
    // json, slack, chat, email: 3 changes each; PagerDuty: the down and its recovery (the first "up" is info).
    expect(run).toMatchObject({ delivered: 14, retrying: 0, failed: 0 });

    const pd = bodies(paths.pd);
    expect(pd).toEqual([
      expect.objectContaining({
        routing_key: "R0UT1NGKEY",
        event_action: "trigger",
        dedup_key: "stagewatch:probe:backend-health",
        payload: expect.objectContaining({
          summary: "Golden-path probe backend-health: down (was up)",
          source: "stagewatch",
          severity: "critical",
        }),
      }),
      { routing_key: "R0UT1NGKEY", event_action: "resolve", dedup_key: "stagewatch:probe:backend-health" },
    ]);

    const chat = bodies(paths.chat);
    expect(chat).toHaveLength(3);
    const card = (chat[1]?.cardsV2 as { card: Record<string, unknown> }[])[0]?.card;
    expect(card?.header).toEqual({
      title: "Golden-path probe backend-health: down (was up)",
      subtitle: "page · probe",
    });
    expect(JSON.stringify(card?.sections)).toContain("Probe backend-health is down: HTTP 503.");
    expect(JSON.stringify(card?.sections)).toContain(
      '"openLink":{"url":"https://stagewatch.example/probes/backend-health"}',
    );

    expect(bodies(paths.json).map((b) => [b.id, b.to])).toEqual([
      ["probe:backend-health#1", "up"],
      ["probe:backend-health#2", "down"],
      ["probe:backend-health#3", "up"],
    ]);
    for (const r of [...receiver.accepted(paths.json), ...receiver.accepted(paths.slack)]) {
      const h = Object.fromEntries(
        ["webhook-id", "webhook-timestamp", "webhook-signature"].map((k) => [k, String(r.headers[k])]),
      );
      expect(verify(SECRET, h, r.body, Date.now())).toBe(true);
    }
    // Chat and PagerDuty are not signed (their secret is in the URL or the body).
    expect(receiver.accepted(paths.chat)[0]?.headers["webhook-signature"]).toBeUndefined();
    expect(String(receiver.accepted(paths.slack)[1]?.body)).toContain("Golden-path probe backend-health: down*");

    expect(smtp.mails.map((m) => [m.from, m.to])).toEqual(
      Array.from({ length: 3 }, () => ["stagewatch@example.com", ["leads@example.com"]]),
    );
    const down = smtp.mails[1]?.raw ?? "";
    expect(headerLines(down)).toContain("Subject: [Stagewatch] Golden-path probe backend-health: down (was up)");
    expect(down).toMatch(/Content-Type: text\/plain/);
    expect(down).toMatch(/Content-Type: text\/html/);
    expect(down).toContain("<li>Probe backend-health is down: HTTP 503.</li>");

    // The answers are kept per delivery.
    const answers = await store.db.selectFrom("ledger_delivery").select(["webhook", "answer"]).execute();
    expect(answers.find((a) => a.webhook === "channel:leads")?.answer).toMatch(/^SMTP 250/);
    expect(answers.find((a) => a.webhook === "channel:on-call")?.answer).toMatch(/^HTTP 200 ok/);

    // Nothing is owed any more: a second run sends nothing.
    expect(await deliverNotifications(store.db, env.targets, { send })).toMatchObject({ delivered: 0 });
  });

  it("rules route: a page goes to PagerDuty only, a ticket to Chat only", async () => {
    const env = setUp([
      { severities: ["page"], channels: ["on-call"] },
      { severities: ["ticket"], channels: ["chat"] },
    ]);
    await record(env, probe("up"), T0);
    await record(env, probe("down"), T0 + 10_000);
    await deliverNotifications(store.db, env.targets, { send });
    expect(bodies(paths.pd).map((b) => b.event_action)).toEqual(["trigger"]);
    expect(receiver.accepted(paths.chat)).toEqual([]);
    expect(receiver.accepted(paths.json)).toEqual([]);
    expect(smtp.mails).toEqual([]);
  });

  it("SMTP header injection through a reason is neutralised: one recipient, one subject, no added header", async () => {
    const env = setUp([{ channels: ["leads"] }]);
    const evil = "boom\r\nBcc: victim@evil.example\r\nSubject: pwned\r\n\r\n<script>alert(1)</script>";
    await record(env, { ...probe("down", evil), name: "api\r\nBcc: victim2@evil.example" }, T0);
    await deliverNotifications(store.db, env.targets, { send });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail?.to).toEqual(["leads@example.com"]);
    const headers = headerLines(mail?.raw ?? "");
    expect(headers.filter((h) => /^bcc:/i.test(h))).toEqual([]);
    expect(headers.filter((h) => /^subject:/i.test(h))).toHaveLength(1);
    expect(headers.find((h) => /^subject:/i.test(h))).not.toContain("pwned");
    // The HTML part shows the reason as text, never as markup.
    const htmlPart = (mail?.raw ?? "").split("Content-Type: text/html")[1] ?? "";
    expect(htmlPart).toContain("&lt;script&gt;");
    expect(htmlPart).not.toContain("<script>");
  });

  it("a subject with a line break is refused by the sender itself", async () => {
    const [target] = setUp().targets.filter((t) => t.kind === "email");
    if (!target) throw new Error("no email channel");
    const body = JSON.stringify({ subject: "a\r\nBcc: x@evil.example", text: "t", html: "<p>t</p>" });
    await expect(send(target, body, "x#1", "probe.changed")).rejects.toThrow(/line break/);
    expect(smtp.mails).toEqual([]);
  });
});

describe("send a test (admins)", () => {
  it("each kind gets a test message and the receiver's answer comes back; PagerDuty's test resolves itself", async () => {
    const { targets } = setUp();
    const results = await Promise.all(targets.map((t) => sendTest(t, send, "alice", "https://stagewatch.example")));
    expect(results.map((r) => [r.channel, r.ok])).toEqual([
      ["hooks", true],
      ["team", true],
      ["chat", true],
      ["on-call", true],
      ["leads", true],
    ]);
    expect(results.find((r) => r.channel === "on-call")?.answer).toBe("HTTP 200 ok · HTTP 200 ok");
    expect(results.find((r) => r.channel === "leads")?.answer).toMatch(/^SMTP 250/);
    const pd = bodies(paths.pd);
    expect(pd.map((b) => b.event_action)).toEqual(["trigger", "resolve"]);
    expect(pd[0]?.dedup_key).toBe(pd[1]?.dedup_key);
    expect(headerLines(smtp.mails[0]?.raw ?? "")).toContain("Subject: [Stagewatch] Stagewatch test message from alice");
    // Nothing was recorded: a test is not a change.
    expect(await store.db.selectFrom("ledger_delivery").selectAll().execute()).toEqual([]);
  });

  it("a failing receiver: not ok, and its answer says why", async () => {
    const [chat] = setUp().targets.filter((t) => t.kind === "googlechat");
    if (!chat) throw new Error("no chat channel");
    receiver.plan(paths.chat, 503);
    expect(await sendTest(chat, send, "alice", null)).toMatchObject({ ok: false, answer: "HTTP 503 no" });
  });
});

describe("one lane per channel", () => {
  let slow: http.Server;
  let slowUrl: string;
  beforeAll(async () => {
    slow = http.createServer((req, res) => {
      req.resume();
      if (req.url === "/hang") return; // never answers
      // Ten megabytes of answer: read no further than the first bytes.
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = Buffer.alloc(64 * 1024, "x");
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  });

  it("a never-answering and a 10 MB-answering receiver do not hold up the others", async () => {
    const config = configWithChannels({
      channels: [
        { id: "hung", kind: "json", urlEnv: "NOTIFY_HUNG", timeoutMs: 8_000 },
        { id: "huge", kind: "googlechat", urlEnv: "NOTIFY_HUGE" },
        { id: "chat", kind: "googlechat", urlEnv: "NOTIFY_CHAT" },
      ],
    });
    const targets: ChannelTarget[] = channelTargets(config, {
      NOTIFY_HUNG: `${slowUrl}/hang`,
      NOTIFY_HUGE: `${slowUrl}/huge`,
      NOTIFY_CHAT: receiver.url(paths.chat),
    });
    const env = { config, targets };
    await record(env, probe("down"), T0);
    const kicker = deliveryKicker(
      "test",
      () => targets.map((t) => t.key),
      (lane) => deliverNotifications(store.db, targets, { send, lane }),
    );
    const started = Date.now();
    kicker.kick();
    await expect.poll(() => receiver.accepted(paths.chat).length, { timeout: 5_000, interval: 50 }).toBe(1);
    // The next change, while the hung channel's first send is still waiting for its answer: with
    // one run for all channels it would wait for that run (8 s); in its own lane it goes at once.
    await record(env, probe("up"), T0 + 10_000);
    kicker.kick();
    await expect.poll(() => receiver.accepted(paths.chat).length, { timeout: 5_000, interval: 50 }).toBe(2);
    // Well inside the hung channel's 8 s timeout: it held nobody up.
    expect(Date.now() - started).toBeLessThan(5_000);
    const row = (key: string) =>
      store.db.selectFrom("ledger_delivery").selectAll().where("webhook", "=", key).executeTakeFirstOrThrow();
    await expect.poll(async () => (await row("channel:huge")).status, { timeout: 5_000 }).toBe("delivered");
    expect((await row("channel:huge")).answer?.length).toBeLessThanOrEqual(2_100);
    expect((await row("channel:hung")).status).toBe("sending");
    // Let the hung send end (its connection dropped) before the store closes under it.
    slow.closeAllConnections();
    await expect.poll(async () => (await row("channel:hung")).status, { timeout: 5_000 }).toBe("pending");
    kicker.stop();
  }, 20_000);
});
