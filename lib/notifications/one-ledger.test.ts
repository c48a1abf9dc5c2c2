import { describe, expect, it } from "vitest";
import { DEFAULT_ALERT_RULES, type AlertRule } from "@/lib/config/core/slo/alerts";
import { deliverDue } from "@/lib/readiness/delivery";
import { recordVerdict } from "@/lib/readiness/ledger";
import { changeEvent } from "@/lib/readiness/webhook-payload";
import { alertEvent } from "@/lib/slo/alert-event";
import { ledgerStore, fileReceiver, STORES, webhookTargets } from "@/lib/readiness/testing";
import { deliverSloAlerts } from "@/lib/slo/delivery";
import { recordAlertStep } from "@/lib/slo/ledger";
import { deliverNotifications } from "./delivery";
import { recordState } from "./ledger";
import { sendToAll } from "./plan";
import { channelSend } from "./send";

/**
 * Readiness, SLO alerts and Overview changes in the one ledger's tables (migration 0015), on a
 * real store of each dialect and a real receiver on loopback: writers of every kind racing on
 * the same tables each record their change once, and each kind's delivery loop sends, retries
 * and schedules only its own rows — a receiver failing one kind's message holds up no other kind.
 */

const T0 = Date.parse("2026-12-07T09:00:00.000Z");
const FAST = DEFAULT_ALERT_RULES[0] as AlertRule;
const send = channelSend(undefined);

const receiver = fileReceiver();

describe.each(STORES)("the one ledger shared by every kind ($name)", ({ open, unavailable }) => {
  const ledger = ledgerStore({ open, unavailable }, "one-");
  const targets = () => webhookTargets(receiver, ledger.paths, { kinds: ["json"], timeoutMs: 2_000, maxAttempts: 3 });

  const recordAll = (at: number) =>
    Promise.all([
      recordVerdict(ledger.store.db, {
        verdict: "NO-GO",
        checkedAt: at,
        plan: () => sendToAll(targets()),
        payload: (seq, previous) =>
          changeEvent(seq, previous, { verdict: "NO-GO", summary: "s", reasons: [], checkedAt: "" }, at, null),
      }),
      recordAlertStep(ledger.store.db, {
        slo: "startup-all",
        rule: FAST.id,
        condition: "burning",
        now: at,
        resolveHoldMs: 0,
        plan: () => sendToAll(targets()),
        payload: (t) => alertEvent(t, "all", FAST, { long: 20, short: 20 }, null),
      }),
      recordState(ledger.store.db, {
        subject: "overview",
        state: "down",
        checkedAt: at,
        plan: () => sendToAll(targets()),
        payload: (id, from) => ({
          event: "overview.changed",
          id,
          subject: "overview",
          from,
          to: "down",
          changedAt: new Date(at).toISOString(),
          reasons: ["Overview is down."],
          likelyCause: null,
          url: null,
        }),
      }),
    ]);

  it.skipIf(unavailable)("writers of every kind racing on the same tables each record their change once", async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => recordAll(T0 + i)));
    expect(runs.filter(([r]) => r.change !== null)).toHaveLength(1);
    expect(runs.filter(([, s]) => s.transition !== null)).toHaveLength(1);
    expect(runs.filter(([, , n]) => n !== null)).toHaveLength(1);
    const kinds = await ledger.store.db
      .selectFrom("ledger_delivery")
      .select(["kind", "change_id"])
      .orderBy("kind")
      .execute();
    expect(kinds).toEqual([
      { kind: "notification", change_id: "overview#1" },
      { kind: "readiness", change_id: "readiness#1" },
      { kind: "slo", change_id: `startup-all/${FAST.id}/1` },
    ]);
  });

  it.skipIf(unavailable)("a receiver failing one kind's message holds up and schedules no other kind", async () => {
    await recordAll(T0);
    receiver.plan(ledger.paths.json, 503);
    const now = () => T0 + 1_000;
    const readiness = await deliverDue(ledger.store.db, targets(), { now, send, backoffMs: () => 60_000 });
    expect(readiness).toMatchObject({ delivered: 0, retrying: 1, nextAttemptAt: T0 + 61_000 });
    expect(await deliverSloAlerts(ledger.store.db, targets(), { now, send })).toMatchObject({
      delivered: 1,
      nextAttemptAt: null,
    });
    expect(await deliverNotifications(ledger.store.db, targets(), { now, send })).toMatchObject({
      delivered: 1,
      nextAttemptAt: null,
    });
    expect(await deliverDue(ledger.store.db, targets(), { now: () => T0 + 61_000, send })).toMatchObject({
      delivered: 1,
    });
    expect(receiver.accepted(ledger.paths.json).map((r) => r.headers["x-stagewatch-delivery"])).toEqual([
      `slo-alert-startup-all/${FAST.id}/1`,
      "overview#1",
      "readiness-change-1",
    ]);
  });
});
