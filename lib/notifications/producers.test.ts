import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Change } from "@/lib/changes/core/types";
import { maintenanceHold, NO_MAINTENANCE, type MaintenanceHold } from "@/lib/maintenance/core/held";
import { subjectScopes } from "@/lib/config/core/maintenance/scope";
import type { ProbeEvidence } from "@/lib/probes/core/evidence";
import { probeEvidence } from "@/lib/metrics/core/testing";
import type { RehearsalBrief } from "@/lib/rehearsal/core/brief";
import { startReceiver, STORES, type OpenedStore, type Receiver, emptyLedger } from "@/lib/readiness/testing";
import { channelTargets } from "./channels";
import { deliverNotifications } from "./delivery";
import type { NotificationEvent } from "./events";
import { recordChanges, recordRehearsals, type ProducerContext } from "./producers";
import { recordReminders } from "./reminders";
import { channelSend } from "./send";
import { configWithChannels } from "./testing";

/**
 * The rehearsal and change producers through the one ledger, on loopback receivers, on both
 * stores: once per change id across processes, info never pages, held in a window, retried with
 * the same id in order, and a rehearsal that stops running is unknown (never still passing).
 */

const run = promisify(execFile);
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr";
const T0 = Date.UTC(2026, 0, 5, 12);
const MIN = 60_000;
const send = channelSend(SECRET);

const change = (id: string, over: Partial<Change> = {}): Change => ({
  id,
  kind: "deploy",
  resource: { type: "service", name: "backend" },
  method: "google.cloud.run.v2.Services.UpdateService",
  startedAt: new Date(T0 - 5 * MIN).toISOString(),
  endedAt: new Date(T0 - 4 * MIN).toISOString(),
  durationMs: MIN,
  outcome: "succeeded",
  error: null,
  actor: "dana@example.com",
  summary: `backend-000${id.length}-abc deployed (sha256:1f2e…)`,
  details: {},
  insertIds: [`i-${id}`],
  ...over,
});

const rehearsal = (status: ProbeEvidence["status"], stale = false): ProbeEvidence =>
  probeEvidence("demo-rehearsal", status, {
    stale,
    lastError: status === "down" ? "step 3 timed out" : null,
    service: "backend",
  });

const brief = (status: RehearsalBrief["status"]): RehearsalBrief => ({
  status,
  startedAt: new Date(T0).toISOString(),
  durationMs: 4_100,
  totalSteps: 6,
  passedSteps: status === "passed" ? 6 : 2,
  failedStep: status === "failed" ? 3 : null,
  failedStepName: status === "failed" ? "Enter the password" : null,
});

describe.each(STORES)("rehearsal and change alerts ($name)", ({ open, unavailable, separateProcesses }) => {
  let opened: OpenedStore;
  let receiver: Receiver;
  let n = 0;
  let paths: { hook: string; chat: string; pd: string };
  beforeAll(async () => {
    receiver = await startReceiver();
    if (!unavailable) opened = await open();
  });
  afterAll(async () => {
    await Promise.all([receiver.close(), opened?.cleanup()]);
  });
  beforeEach(async () => {
    n++;
    paths = { hook: `/p${n}-hook`, chat: `/p${n}-chat`, pd: `/p${n}-pd` };
    if (unavailable) return;
    await emptyLedger(opened.store.db);
  });

  /** A JSON webhook, a Chat channel and PagerDuty, with the default rules unless given. */
  function setUp(rules?: unknown[]) {
    const notifications = {
      channels: [
        { id: "hook", kind: "json", urlEnv: "NOTIFY_HOOK" },
        { id: "chat", kind: "googlechat", urlEnv: "NOTIFY_CHAT" },
        { id: "pd", kind: "pagerduty", routingKeyEnv: "NOTIFY_PD", eventsUrl: receiver.url(paths.pd) },
      ],
      ...(rules ? { rules } : {}),
    };
    const secrets = { NOTIFY_HOOK: receiver.url(paths.hook), NOTIFY_CHAT: receiver.url(paths.chat), NOTIFY_PD: "key" };
    const config = configWithChannels(notifications);
    return { notifications, secrets, config, targets: channelTargets(config, secrets) };
  }
  const ctxOf = (
    env: ReturnType<typeof setUp>,
    now: number,
    hold: MaintenanceHold = NO_MAINTENANCE,
  ): ProducerContext => ({
    db: opened.store.db,
    config: env.config,
    channels: env.targets,
    hold,
    baseUrl: "https://stagewatch.example",
    now,
  });
  const hookEvents = () => receiver.accepted(paths.hook).map((r) => JSON.parse(r.body) as NotificationEvent);

  it.skipIf(unavailable)(
    "two replicas (processes on PostgreSQL) record the same change: one change, one delivery per channel, never to PagerDuty",
    async () => {
      const env = setUp();
      const seen = [change("operations/deploy-1")];
      if (separateProcesses) {
        const input = JSON.stringify({
          target: opened.target,
          notifications: env.notifications,
          secrets: env.secrets,
          changes: seen,
          now: T0,
          baseUrl: "https://stagewatch.example",
        });
        const args = ["--conditions=react-server", "--import", "tsx", "lib/testing/record-changes-main.ts", input];
        const outs = await Promise.all([1, 2].map(() => run(process.execPath, args, { timeout: 60_000 })));
        expect(outs.map((o) => o.stdout.trim()).sort()).toEqual(["recorded 0", "recorded 1"]);
      } else {
        // SQLite belongs to one process (its lock refuses a second): two recorders in it at once.
        const counts = await Promise.all([1, 2].map(() => recordChanges(ctxOf(env, T0), seen)));
        expect(counts.sort()).toEqual([0, 1]);
      }

      // Two deliverers at once, as two replicas' kickers would: each channel hears it once.
      await Promise.all([
        deliverNotifications(opened.store.db, env.targets, { send }),
        deliverNotifications(opened.store.db, env.targets, { send }),
      ]);
      expect(hookEvents()).toEqual([
        {
          event: "change.recorded",
          id: "change:service:backend:operations/deploy-1#1",
          subject: "change:service:backend:operations/deploy-1",
          from: null,
          to: "succeeded",
          changedAt: new Date(T0 - 4 * MIN).toISOString(),
          reasons: ["backend-00019-abc deployed (sha256:1f2e…)"],
          likelyCause: null,
          url: "https://stagewatch.example/changes",
        },
      ]);
      // Who made it is not in any message.
      expect(receiver.received.some((r) => r.body.includes("dana@example.com"))).toBe(false);
      const chat = receiver.accepted(paths.chat);
      expect(chat).toHaveLength(1);
      expect(JSON.parse(chat[0]?.body ?? "{}")).toMatchObject({
        text: "Change to service backend: succeeded",
        cardsV2: [{ card: { header: { subtitle: "info · change" } } }],
      });
      // Info never pages: PagerDuty has no delivery row at all.
      expect(receiver.received.filter((r) => r.path === paths.pd)).toEqual([]);

      // Seen again on later looks: nothing more.
      expect(await recordChanges(ctxOf(env, T0 + MIN), [change("operations/deploy-1")])).toBe(0);
    },
    90_000,
  );

  it.skipIf(unavailable)(
    "a running change waits for its end; changes go out oldest first, a failing receiver retried with the same id",
    async () => {
      const env = setUp();
      const running = change("op-b", {
        outcome: "running",
        endedAt: null,
        startedAt: new Date(T0 - MIN).toISOString(),
      });
      const earlier = change("op-a", { startedAt: new Date(T0 - 9 * MIN).toISOString() });
      expect(await recordChanges(ctxOf(env, T0), [running, earlier])).toBe(1);
      const failed = { ...running, outcome: "failed" as const, endedAt: new Date(T0).toISOString(), error: "quota" };
      expect(await recordChanges(ctxOf(env, T0 + 10_000), [failed, earlier])).toBe(1);

      receiver.plan(paths.hook, 503);
      let t = T0 + 20_000;
      const opts = { send, now: () => t, backoffMs: () => 1_000 };
      expect((await deliverNotifications(opened.store.db, env.targets, opts)).retrying).toBe(1);
      t += 1_000;
      await deliverNotifications(opened.store.db, env.targets, opts);
      expect(
        receiver.received.filter((r) => r.path === paths.hook).map((r) => [r.headers["webhook-id"], r.status]),
      ).toEqual([
        ["change:service:backend:op-a#1", 503],
        ["change:service:backend:op-a#1", 200],
        ["change:service:backend:op-b#1", 200],
      ]);
      expect(hookEvents()[1]).toMatchObject({ to: "failed", reasons: [expect.any(String), "Error: quota"] });
      // A change is never reminded, whatever a rule asks.
      expect(await recordReminders(opened.store.db, T0 + 24 * 60 * MIN)).toBe(0);
    },
  );

  it.skipIf(unavailable)(
    "in the service's maintenance window a change to it is held, and not sent after the window",
    async () => {
      const env = setUp();
      const window = {
        id: "w1",
        scope: "service:backend" as const,
        reason: "Connector migration",
        startsAt: T0 - 30 * MIN,
        endsAt: T0 + 30 * MIN,
        createdBy: "test",
        source: "api" as const,
        recurrence: null,
        endedEarly: null,
      };
      const hold = maintenanceHold([window], (s) => subjectScopes(s, env.config.probes), T0);
      const toAuth = change("op-auth", { resource: { type: "service", name: "auth" } });
      expect(await recordChanges(ctxOf(env, T0, hold), [change("op-1"), toAuth])).toBe(2);
      const rows = await opened.store.db
        .selectFrom("ledger_delivery")
        .select(["change_id", "webhook", "status"])
        .orderBy("change_id")
        .orderBy("webhook")
        .execute();
      expect(rows.map((r) => [r.change_id, r.webhook, r.status])).toEqual([
        ["change:service:auth:op-auth#1", "channel:chat", "pending"],
        ["change:service:auth:op-auth#1", "channel:hook", "pending"],
        ["change:service:backend:op-1#1", "channel:chat", "held"],
        ["change:service:backend:op-1#1", "channel:hook", "held"],
      ]);
      // After the window: no catch-up for a change (news of its moment), nothing recorded again.
      expect(await recordChanges(ctxOf(env, T0 + 60 * MIN), [change("op-1"), toAuth])).toBe(0);
      await deliverNotifications(opened.store.db, env.targets, { send });
      expect(hookEvents().map((e) => e.subject)).toEqual(["change:service:auth:op-auth"]);
    },
  );

  it.skipIf(unavailable)(
    "a rehearsal failing and passing again reaches chat as a ticket, in its own words; a stale one is unknown",
    async () => {
      const env = setUp([
        { severities: ["page"], channels: ["pd"] },
        { events: ["rehearsal"], channels: ["chat", "hook"], remindEveryMinutes: 30 },
      ]);
      const look = (p: ProbeEvidence, b: RehearsalBrief | null, at: number) =>
        recordRehearsals(ctxOf(env, at), [p], new Map(b ? [["demo-rehearsal", b]] : []));
      expect(await look(rehearsal("up"), brief("passed"), T0)).toBe(1);
      expect(await look(rehearsal("up"), brief("passed"), T0 + MIN)).toBe(0);
      expect(await look(rehearsal("down"), brief("failed"), T0 + 2 * MIN)).toBe(1);
      // Still failing 30 minutes on: reminded, saying for how long.
      expect(await recordReminders(opened.store.db, T0 + 32 * MIN)).toBe(2);
      // The last run passed long ago but the probe has no current result: unknown, never passed.
      expect(await look(rehearsal("up", true), brief("passed"), T0 + 40 * MIN)).toBe(1);
      // No state at all (never run since start): unknown too, no change.
      expect(await look(rehearsal("unknown", true), null, T0 + 41 * MIN)).toBe(0);
      expect(await look(rehearsal("up"), brief("passed"), T0 + 50 * MIN)).toBe(1);
      await deliverNotifications(opened.store.db, env.targets, { send });

      expect(hookEvents().map((e) => [e.event, e.from, e.to, e.redFor ?? null])).toEqual([
        ["rehearsal.changed", null, "passed", null],
        ["rehearsal.changed", "passed", "failed", null],
        ["rehearsal.changed", "passed", "failed", "30 minutes"],
        ["rehearsal.changed", "failed", "unknown", null],
        ["rehearsal.changed", "unknown", "passed", null],
      ]);
      expect(hookEvents()[1]?.reasons).toEqual([
        "Demo rehearsal demo-rehearsal: failed at step 3 of 6 (“Enter the password”) at 12:00 UTC; 2 of 6 steps passed.",
      ]);
      expect(hookEvents()[3]?.reasons).toEqual(["Demo rehearsal demo-rehearsal has no current result."]);
      const cards = receiver.accepted(paths.chat).map((r) => (JSON.parse(r.body) as { text: string }).text);
      expect(cards).toEqual([
        "Demo rehearsal demo-rehearsal: passed",
        "Demo rehearsal demo-rehearsal: failed (was passed)",
        "Reminder: Demo rehearsal demo-rehearsal: failed (was passed)",
        "Demo rehearsal demo-rehearsal: unknown (was failed)",
        "Demo rehearsal demo-rehearsal: passed (was unknown)",
      ]);
      // A ticket never pages; the rehearsal is not on the change feed's live kinds.
      expect(receiver.received.filter((r) => r.path === paths.pd)).toEqual([]);
      const feed = await opened.store.db.selectFrom("change_feed").select("subject").execute();
      expect(feed.filter((f) => f.subject.startsWith("rehearsal:"))).toEqual([]);
    },
  );
});
