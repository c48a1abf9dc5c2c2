import { describe, expect, it } from "vitest";
import { fileReceiver, STORES, ledgerStore, webhookTargets } from "@/lib/readiness/testing";
import { sendToAll } from "@/lib/notifications/plan";
import { alertEvent, type SloAlertEvent } from "./alert-event";
import { DEFAULT_ALERT_RULES, type AlertRule, type Condition } from "@/lib/config/core/slo/alerts";
import { deliverSloAlerts } from "./delivery";
import { recentTransitions, recordAlertStep } from "./ledger";

/**
 * Alert transitions on a real store (SQLite and PostgreSQL), delivered to a real HTTP receiver
 * on loopback: once per transition, even when evaluations and deliveries race.
 */

const T0 = Date.parse("2026-11-30T12:00:00.000Z");
const MIN = 60_000;
const FAST = DEFAULT_ALERT_RULES[0] as AlertRule;

const receiver = fileReceiver();

describe.each(STORES)("SLO alert ledger ($name)", ({ open, unavailable }) => {
  const ledger = ledgerStore({ open, unavailable }, "slo-");

  const targets = () => webhookTargets(receiver, ledger.paths, { timeoutMs: 300, maxAttempts: 3 });

  const step = (condition: Condition, now: number, holdMs = 5 * MIN) =>
    recordAlertStep(ledger.store.db, {
      slo: "startup-all",
      rule: FAST.id,
      condition,
      now,
      resolveHoldMs: holdMs,
      plan: () => sendToAll(targets()),
      payload: (t) => alertEvent(t, "all", FAST, { long: 20, short: 20 }, "http://127.0.0.1:3000"),
    });

  it.skipIf(unavailable)(
    "racing evaluations record one firing; racing deliveries send it once per webhook",
    async () => {
      const results = await Promise.all(Array.from({ length: 6 }, () => step("burning", T0)));
      expect(results.filter((r) => r.transition !== null)).toHaveLength(1);
      const runs = await Promise.all([
        deliverSloAlerts(ledger.store.db, targets()),
        deliverSloAlerts(ledger.store.db, targets()),
        deliverSloAlerts(ledger.store.db, targets()),
      ]);
      expect(runs.reduce((s, r) => s + r.delivered, 0)).toBe(2);
      expect(receiver.accepted(ledger.paths.json)).toHaveLength(1);
      expect(receiver.accepted(ledger.paths.slack)).toHaveLength(1);
      const event = JSON.parse(receiver.accepted(ledger.paths.json)[0]?.body ?? "{}") as SloAlertEvent;
      expect(event).toMatchObject({
        event: "slo.alert",
        id: "slo-alert-startup-all/fast-burn/1",
        status: "firing",
        previous: null,
        severity: "page",
      });
      expect(receiver.accepted(ledger.paths.json)[0]?.headers["x-stagewatch-event"]).toBe("slo.alert");
      expect(JSON.parse(receiver.accepted(ledger.paths.slack)[0]?.body ?? "{}")).toEqual({
        text: expect.stringContaining("fast-burn page"),
      });
      // Still burning: no new transition, nothing more to send.
      expect((await step("burning", T0 + MIN)).transition).toBeNull();
      expect((await deliverSloAlerts(ledger.store.db, targets())).delivered).toBe(0);
    },
  );

  it.skipIf(unavailable)("resolves once after the hold; a flap back resets it; history is newest first", async () => {
    await step("burning", T0);
    expect((await step("ok", T0 + MIN)).transition).toBeNull();
    expect((await step("burning", T0 + 2 * MIN)).transition).toBeNull();
    expect((await step("ok", T0 + 3 * MIN)).transition).toBeNull();
    expect((await step("ok", T0 + 7 * MIN)).transition).toBeNull();
    const resolved = await Promise.all([step("ok", T0 + 8 * MIN), step("ok", T0 + 8 * MIN)]);
    expect(resolved.filter((r) => r.transition?.to === "resolved")).toHaveLength(1);
    expect((await step("ok", T0 + 9 * MIN)).transition).toBeNull();
    const history = await recentTransitions(ledger.store.db, 10);
    expect(history.map((h) => [h.to, h.at - T0])).toEqual([
      ["resolved", 8 * MIN],
      ["firing", 0],
    ]);
    await deliverSloAlerts(ledger.store.db, targets());
    const sent = receiver.accepted(ledger.paths.json).map((r) => (JSON.parse(r.body) as SloAlertEvent).status);
    expect(sent).toEqual(["firing", "resolved"]);
  });

  it.skipIf(unavailable)("an evaluation older than the last check changes nothing", async () => {
    await step("burning", T0 + 10 * MIN);
    const late = await step("ok", T0, 0);
    expect(late.transition).toBeNull();
    expect(late.state.status).toBe("firing");
  });

  it.skipIf(unavailable)("a failing receiver is retried in order: resolved never overtakes firing", async () => {
    receiver.plan(ledger.paths.json, 500);
    await step("burning", T0);
    await step("ok", T0 + MIN, 0);
    let now = T0 + MIN;
    const first = await deliverSloAlerts(ledger.store.db, targets(), { now: () => now, backoffMs: () => 1_000 });
    expect(first.retrying).toBe(1);
    expect(receiver.accepted(ledger.paths.json)).toHaveLength(0);
    now += 1_000;
    await deliverSloAlerts(ledger.store.db, targets(), { now: () => now });
    expect(receiver.accepted(ledger.paths.json).map((r) => (JSON.parse(r.body) as SloAlertEvent).status)).toEqual([
      "firing",
      "resolved",
    ]);
  });
});
