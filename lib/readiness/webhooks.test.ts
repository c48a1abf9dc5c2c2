import { describe, expect, it } from "vitest";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { Store } from "@/lib/store/db";
import type { DefaultSendOptions } from "@/lib/notifications/store-outbox";
import { deliverDue } from "./delivery";
import { evaluateReadiness, type ReadinessSources } from "./evaluate";
import { configWith, fileReceiver, STORES, ledgerStore } from "./testing";
import { channelTargets } from "@/lib/notifications/channels";
import type { ChangeEvent } from "./webhook-payload";

/**
 * Change notifications end to end below the HTTP API: evaluations on a real store (SQLite and
 * PostgreSQL) decide the verdict, and deliveries go to a real HTTP receiver on loopback.
 * The evidence is a value the test sets — what is under test is what happens after the verdict.
 */

const T0 = Date.parse("2025-09-17T12:00:00.000Z");
const BACKEND = 'probe_status("backend-health") == "up"';

const receiver = fileReceiver();

/**
 * A generous timeout: a receiver that records a post but whose answer arrives after the timeout
 * gets it again (delivery is at-least-once), which on a loaded machine made a 300 ms timeout
 * turn "one post per change" into two. The timeout test gives the Slack channel a short one (`slack`).
 */
function config(
  paths: { json: string; slack: string },
  extra: Record<string, unknown> = {},
  slack: Record<string, unknown> = {},
): StagingConfig {
  return configWith({
    checks: [{ id: "backend", label: "Backend is healthy", expr: BACKEND, severity: "blocker", maxAgeSeconds: 120 }],
    webhooks: [
      { url: receiver.url(paths.json), kind: "json", name: "generic", timeoutMs: 10_000, maxAttempts: 4, ...extra },
      {
        url: receiver.url(paths.slack),
        kind: "slack",
        name: "sales channel",
        timeoutMs: 10_000,
        maxAttempts: 4,
        ...extra,
        ...slack,
      },
    ],
  });
}

/** Sources whose backend status is whatever the test last set. */
function sources(store: Store, cfg: StagingConfig, status: { value: string }): ReadinessSources {
  return {
    config: () => cfg,
    evidence: async (needs, now) => ({
      snapshot: Object.fromEntries(
        needs.map((n) => [n.key, { value: status.value, measuredAt: new Date(now - 5_000).toISOString() }]),
      ),
      problems: {},
    }),
    context: async () => ({
      workInProgress: { team: "Infrastructure Team", phaseOrder: 1 },
      openActions: [],
      flappingProbesLastHour: [],
    }),
    db: async () => store.db,
    baseUrl: () => "http://127.0.0.1:3000",
  };
}

const clock = (start: number) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe.each(STORES)("verdict-change webhooks ($name)", ({ open, unavailable }) => {
  const ledger = ledgerStore({ open, unavailable }, "");

  it.skipIf(unavailable)(
    "concurrent evaluations and concurrent workers: exactly one JSON and one Slack post per change",
    async () => {
      const cfg = config(ledger.paths);
      const status = { value: "down" };
      const src = sources(ledger.store, cfg, status);
      const targets = channelTargets(cfg, {});
      // After all ten evaluations: whichever of them wins records the change (and when it is due).
      const c = clock(T0 + 10);
      const opts: DefaultSendOptions = { now: c.now };

      // Ten evaluations at once see the first verdict (NO-GO); three workers deliver at once.
      const first = await Promise.all(Array.from({ length: 10 }, (_, i) => evaluateReadiness(T0 + i, src)));
      expect(first.every((e) => e.verdict.verdict === "NO-GO")).toBe(true);
      expect(first.filter((e) => e.recordedChange !== null)).toHaveLength(1);
      await Promise.all([
        deliverDue(ledger.store.db, targets, opts),
        deliverDue(ledger.store.db, targets, opts),
        deliverDue(ledger.store.db, targets, opts),
      ]);
      expect(receiver.accepted(ledger.paths.json)).toHaveLength(1);
      expect(receiver.accepted(ledger.paths.slack)).toHaveLength(1);

      // Nothing changes: more evaluations and workers send nothing more.
      await Promise.all(Array.from({ length: 5 }, (_, i) => evaluateReadiness(T0 + 1_000 + i, src)));
      await Promise.all([deliverDue(ledger.store.db, targets, opts), deliverDue(ledger.store.db, targets, opts)]);
      expect(
        receiver.received.filter((r) => r.path === ledger.paths.json || r.path === ledger.paths.slack),
      ).toHaveLength(2);

      // The backend comes up: one more post each, saying GO and what it was.
      status.value = "up";
      const second = await Promise.all(Array.from({ length: 10 }, (_, i) => evaluateReadiness(T0 + 2_000 + i, src)));
      expect(second.filter((e) => e.recordedChange !== null)).toHaveLength(1);
      c.advance(2_100);
      await Promise.all([
        deliverDue(ledger.store.db, targets, opts),
        deliverDue(ledger.store.db, targets, opts),
        deliverDue(ledger.store.db, targets, opts),
      ]);
      const json = receiver.accepted(ledger.paths.json);
      expect(json).toHaveLength(2);
      expect(receiver.accepted(ledger.paths.slack)).toHaveLength(2);

      const events = json.map((r) => JSON.parse(r.body) as ChangeEvent);
      expect(events.map((e) => [e.seq, e.previous, e.verdict])).toEqual([
        [1, null, "NO-GO"],
        [2, "NO-GO", "GO"],
      ]);
      expect(events[0]).toMatchObject({
        event: "readiness.changed",
        id: "readiness-change-1",
        summary: "Not ready for a demo: something essential is not working.",
        reasons: [
          {
            label: "Backend is healthy",
            severity: "blocker",
            status: "fail",
            text: "Backend is healthy: it is down right now; the infrastructure team is on it (phase 1).",
          },
        ],
        url: "http://127.0.0.1:3000/readiness",
      });
      expect(json[1]?.headers["x-stagewatch-delivery"]).toBe("readiness-change-2");
      expect(json[1]?.headers["content-type"]).toBe("application/json");

      const slack = receiver
        .accepted(ledger.paths.slack)
        .map((r) => JSON.parse(r.body) as { text: string; blocks: { type: string; text?: { text: string } }[] });
      expect(slack[0]?.text).toBe("Demo readiness: NO-GO. Not ready for a demo: something essential is not working.");
      expect(slack[1]?.text).toBe(
        "Demo readiness: GO (was NO-GO). Ready to demo: every essential check passed just now.",
      );
      expect(slack[0]?.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "context"]);
      expect(slack[0]?.blocks[2]?.text?.text).toBe(
        "• Backend is healthy: it is down right now; the infrastructure team is on it (phase 1).",
      );
      // No reasons block when everything passes.
      expect(slack[1]?.blocks.map((b) => b.type)).toEqual(["header", "section", "context"]);
      // The stored rows agree: delivered, one attempt each.
      const rows = await ledger.store.db.selectFrom("ledger_delivery").select(["status", "attempts"]).execute();
      expect(rows).toEqual(Array.from({ length: 4 }, () => ({ status: "delivered", attempts: 1 })));
    },
  );

  it.skipIf(unavailable)(
    "a failing receiver is retried with back-off, not before it is due, and gets the change once it accepts",
    async () => {
      const cfg = config(ledger.paths);
      const targets = channelTargets(cfg, {});
      receiver.plan(ledger.paths.json, 503, 500);
      await evaluateReadiness(T0, sources(ledger.store, cfg, { value: "down" }));
      const c = clock(T0);
      const backoffs: number[] = [];
      const opts: DefaultSendOptions = { now: c.now, backoffMs: (k) => (backoffs.push(k), 1_000 * 2 ** (k - 1)) };

      expect(await deliverDue(ledger.store.db, targets, opts)).toMatchObject({
        delivered: 1,
        retrying: 1,
        nextAttemptAt: T0 + 1_000,
      });
      c.advance(999);
      expect(await deliverDue(ledger.store.db, targets, opts)).toMatchObject({ delivered: 0, retrying: 0 });
      c.advance(1);
      expect(await deliverDue(ledger.store.db, targets, opts)).toMatchObject({
        retrying: 1,
        nextAttemptAt: T0 + 1_000 + 2_000,
      });
      c.advance(2_000);
      expect(await deliverDue(ledger.store.db, targets, opts)).toMatchObject({
        delivered: 1,
        retrying: 0,
        nextAttemptAt: null,
      });
      expect(backoffs).toEqual([1, 2]);
      expect(receiver.received.filter((r) => r.path === ledger.paths.json).map((r) => r.status)).toEqual([
        503, 500, 200,
      ]);
      expect(receiver.accepted(ledger.paths.json)).toHaveLength(1);
      expect(receiver.accepted(ledger.paths.slack)).toHaveLength(1);
      c.advance(60_000);
      await deliverDue(ledger.store.db, targets, opts);
      expect(receiver.accepted(ledger.paths.json)).toHaveLength(1);
    },
  );

  it.skipIf(unavailable)(
    "a receiver that does not answer in time is a timeout, retried; after maxAttempts the delivery fails and stops",
    async () => {
      const cfg = config(ledger.paths, { maxAttempts: 2 }, { timeoutMs: 300 });
      const targets = channelTargets(cfg, {});
      receiver.plan(ledger.paths.slack, "hang", "hang");
      await evaluateReadiness(T0, sources(ledger.store, cfg, { value: "down" }));
      const c = clock(T0);
      const opts: DefaultSendOptions = { now: c.now, backoffMs: () => 10 };
      const started = Date.now();
      expect(await deliverDue(ledger.store.db, targets, opts)).toMatchObject({ delivered: 1, retrying: 1 });
      expect(Date.now() - started).toBeLessThan(3_000);
      let row = await ledger.store.db
        .selectFrom("ledger_delivery")
        .selectAll()
        .where("status", "=", "pending")
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ attempts: 1, last_error: "timed out" });
      c.advance(10);
      expect(await deliverDue(ledger.store.db, targets, opts)).toMatchObject({ failed: 1, nextAttemptAt: null });
      row = await ledger.store.db
        .selectFrom("ledger_delivery")
        .selectAll()
        .where("status", "=", "failed")
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ attempts: 2, last_error: "timed out" });
      c.advance(60_000);
      await deliverDue(ledger.store.db, targets, opts);
      expect(receiver.received.filter((r) => r.path === ledger.paths.slack)).toHaveLength(2);
      expect(receiver.accepted(ledger.paths.slack)).toHaveLength(0);
    },
  );

  it.skipIf(unavailable)(
    "a later change waits until the earlier one is delivered, so a receiver sees changes in order",
    async () => {
      const cfg = config(ledger.paths);
      const targets = channelTargets(cfg, {});
      const status = { value: "down" };
      const src = sources(ledger.store, cfg, status);
      receiver.plan(ledger.paths.json, 503);
      await evaluateReadiness(T0, src);
      status.value = "up";
      await evaluateReadiness(T0 + 1_000, src);
      const c = clock(T0 + 1_000);
      const opts: DefaultSendOptions = { now: c.now, backoffMs: () => 5_000 };
      await deliverDue(ledger.store.db, targets, opts);
      // Slack had both; the generic receiver refused change 1, so change 2 waits behind it.
      expect(
        receiver.accepted(ledger.paths.slack).map((r) => (JSON.parse(r.body) as { text: string }).text.slice(0, 25)),
      ).toEqual(["Demo readiness: NO-GO. No", "Demo readiness: GO (was N"]);
      expect(receiver.accepted(ledger.paths.json)).toHaveLength(0);
      c.advance(5_000);
      await deliverDue(ledger.store.db, targets, opts);
      expect(receiver.accepted(ledger.paths.json).map((r) => (JSON.parse(r.body) as ChangeEvent).seq)).toEqual([1, 2]);
    },
  );

  it.skipIf(unavailable)(
    "an evaluation that does not record (the warm-up after start) changes and sends nothing",
    async () => {
      const cfg = config(ledger.paths);
      const e = await evaluateReadiness(T0, sources(ledger.store, cfg, { value: "down" }), { record: false });
      expect(e).toMatchObject({ recordedChange: null, since: null, changes: [] });
      expect(e.verdict.verdict).toBe("NO-GO");
      expect(await deliverDue(ledger.store.db, channelTargets(cfg, {}), { now: () => T0 + 60_000 })).toMatchObject({
        delivered: 0,
        nextAttemptAt: null,
      });
      expect(
        receiver.received.filter((r) => r.path === ledger.paths.json || r.path === ledger.paths.slack),
      ).toHaveLength(0);
      // Once recorded, a later unrecorded evaluation still reports since when the verdict has held.
      await evaluateReadiness(T0 + 1_000, sources(ledger.store, cfg, { value: "down" }));
      expect(
        (await evaluateReadiness(T0 + 2_000, sources(ledger.store, cfg, { value: "down" }), { record: false })).since,
      ).toBe(T0 + 1_000);
    },
  );

  it.skipIf(unavailable)(
    "a webhook removed from the config is not sent to; its deliveries are closed as failed",
    async () => {
      const cfg = config(ledger.paths);
      await evaluateReadiness(T0, sources(ledger.store, cfg, { value: "down" }));
      const onlySlack = channelTargets(cfg, {}).filter((t) => t.kind === "slack");
      expect(await deliverDue(ledger.store.db, onlySlack, { now: () => T0 })).toMatchObject({
        delivered: 1,
        failed: 1,
      });
      expect(receiver.received.filter((r) => r.path === ledger.paths.json)).toHaveLength(0);
      const failed = await ledger.store.db
        .selectFrom("ledger_delivery")
        .select("last_error")
        .where("status", "=", "failed")
        .executeTakeFirstOrThrow();
      expect(failed.last_error).toBe("the webhook is no longer in the staging config");
    },
  );
});
