import { describe, expect, it } from "vitest";
import { deliverDue } from "@/lib/readiness/delivery";
import { recordVerdict } from "@/lib/readiness/ledger";
import { configWith, fileReceiver, ledgerStore, STORES, webhookTargets } from "@/lib/readiness/testing";
import { changeEvent } from "@/lib/readiness/webhook-payload";
import type { ChannelTarget } from "./channels";
import { LEASE_EXTRA_MS } from "./outbox";
import { deliverFromStore, type StoreOutbox } from "./store-outbox";
import { sendToAll } from "./plan";
import { channelSend, type Send } from "./send";
import { notificationsView } from "./view";

/**
 * The claim is a lease and the settle a compare-and-set on it, on a real store of each dialect
 * and a real receiver on loopback. Time is an injected clock: a worker "stalls past its lease"
 * when the clock moves beyond its claim while its send is held at a gate — no sleeps.
 */

const T0 = Date.parse("2026-12-07T12:00:00.000Z");
const send = channelSend(undefined);
const receiver = fileReceiver();

/** A gate a send waits at, and a signal that the send has reached it. */
function gate() {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const arrived = new Promise<void>((r) => (reached = r));
  return { open, arrived, at: () => (reached(), opened) };
}

describe.each(STORES)("outbox claims are leases ($name)", ({ open, unavailable }) => {
  const ledger = ledgerStore({ open, unavailable }, "lease-");
  const clock = { t: T0 };
  const now = () => clock.t;
  const targets = (timeoutMs = 20_000) =>
    webhookTargets(receiver, ledger.paths, { kinds: ["json"], timeoutMs, maxAttempts: 4 });
  const posts = () => receiver.received.filter((r) => r.path === ledger.paths.json);
  const row = () => ledger.store.db.selectFrom("ledger_delivery").selectAll().executeTakeFirstOrThrow();

  const recordChange = async (to: readonly ChannelTarget[]) => {
    clock.t = T0;
    await recordVerdict(ledger.store.db, {
      verdict: "NO-GO",
      checkedAt: T0,
      plan: () => sendToAll(to),
      payload: (seq, previous) =>
        changeEvent(seq, previous, { verdict: "NO-GO", summary: "s", reasons: [], checkedAt: "" }, T0, null),
    });
  };

  it.skipIf(unavailable)(
    "a worker stalled past its lease: the second sends and settles, the first's late settle changes nothing",
    async () => {
      const to = targets();
      await recordChange(to);
      const stall = gate();
      // The stalled worker's post comes second and is refused: its outcome would put the row back to pending.
      receiver.plan(ledger.paths.json, 200, 503);
      const stalled: Send = async (...args) => (await stall.at(), send(...args));
      const first = deliverDue(ledger.store.db, to, { now, send: stalled });
      await stall.arrived;

      clock.t += 20_000 + LEASE_EXTRA_MS + 1;
      expect(await deliverDue(ledger.store.db, to, { now, send })).toMatchObject({ delivered: 1, retrying: 0 });
      stall.open();
      expect(await first).toMatchObject({ delivered: 0, retrying: 0, failed: 0 });

      expect(await row()).toMatchObject({
        status: "delivered",
        attempts: 2,
        answer: "HTTP 200 ok",
        last_error: null,
        claimed_until: null,
      });
      clock.t += 3_600_000;
      expect(await deliverDue(ledger.store.db, to, { now, send })).toMatchObject({ delivered: 0, retrying: 0 });
      // The one duplicate at-least-once allows: the stalled worker had already begun its send.
      expect(posts().map((p) => [p.status, p.headers["x-stagewatch-delivery"]])).toEqual([
        [200, "readiness-change-1"],
        [503, "readiness-change-1"],
      ]);
    },
  );

  it.skipIf(unavailable)(
    "a row left sending by a worker that died re-arms the lane when its lease runs out, with no new change",
    async () => {
      const to = targets();
      await recordChange(to);
      const leaseEnd = T0 + 20_000 + LEASE_EXTRA_MS;
      await ledger.store.db
        .updateTable("ledger_delivery")
        .set({ status: "sending", attempts: 1, claimed_until: leaseEnd })
        .execute();
      expect(await deliverDue(ledger.store.db, to, { now, send })).toMatchObject({
        delivered: 0,
        nextAttemptAt: leaseEnd,
      });
      clock.t = leaseEnd + 1;
      expect(await deliverDue(ledger.store.db, to, { now, send })).toMatchObject({ delivered: 1, nextAttemptAt: null });
      expect(posts()).toHaveLength(1);
    },
  );

  it.skipIf(unavailable)("a worker whose claim still holds is not overtaken: one post only", async () => {
    const to = targets();
    await recordChange(to);
    const stall = gate();
    const first = deliverDue(ledger.store.db, to, { now, send: async (...args) => (await stall.at(), send(...args)) });
    await stall.arrived;
    clock.t += 20_000 + LEASE_EXTRA_MS - 1;
    expect(await deliverDue(ledger.store.db, to, { now, send })).toMatchObject({ delivered: 0, retrying: 0 });
    stall.open();
    expect(await first).toMatchObject({ delivered: 1 });
    expect(posts()).toHaveLength(1);
    expect(await row()).toMatchObject({ status: "delivered", attempts: 1 });
  });

  /** Readiness rows rendered by `render` (the clock may move while it runs). */
  const renderedBy = (render: StoreOutbox["message"]): StoreOutbox => ({
    kind: "Readiness",
    ledger: "readiness",
    then: "seq",
    message: render,
    describe: (r) => r.change_id,
  });

  it.skipIf(unavailable)("rendering that eats the lease: nothing is sent, the attempt is retried later", async () => {
    const to = targets();
    await recordChange(to);
    const slow = renderedBy((payload) => {
      clock.t += LEASE_EXTRA_MS;
      return { id: "readiness-change-1", event: "readiness.changed", body: JSON.stringify(payload) };
    });
    expect(await deliverFromStore(ledger.store.db, slow, to, { now, send })).toMatchObject({
      delivered: 0,
      retrying: 1,
    });
    expect(posts()).toHaveLength(0);
    const retried = await row();
    expect(retried).toMatchObject({ status: "pending", attempts: 1, claimed_until: null });
    expect(retried.last_error).toBe("rendering took 30000 ms, too long to send within the claim");
    clock.t += 60_000;
    expect(await deliverDue(ledger.store.db, to, { now, send })).toMatchObject({ delivered: 1 });
    expect(posts()).toHaveLength(1);
  });

  it.skipIf(unavailable)(
    "a send that never answers and ignores its signal is given up at the webhook's timeout",
    async () => {
      const to = targets(200);
      await recordChange(to);
      const signals: (AbortSignal | undefined)[] = [];
      const never: Send = (_t, _b, _i, _e, signal) => (signals.push(signal), new Promise<string>(() => undefined));
      const started = Date.now();
      expect(await deliverDue(ledger.store.db, to, { now, send: never })).toMatchObject({ retrying: 1 });
      // 200 ms timeout; the margin is for a loaded machine.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(signals[0]?.aborted).toBe(true);
      expect(await row()).toMatchObject({ status: "pending", attempts: 1, last_error: "timed out" });
    },
    30_000,
  );

  it.skipIf(unavailable)(
    "a receiver that accepted but answered after the timeout gets the change again (at-least-once)",
    async () => {
      const to = targets(2_000);
      await recordChange(to);
      // The post reaches the receiver; its answer is lost to the timeout.
      const answerLost: Send = async (...args) => {
        await send(...args);
        throw Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
      };
      expect(await deliverDue(ledger.store.db, to, { now, send: answerLost })).toMatchObject({ retrying: 1 });
      clock.t += 1_000;
      expect(await deliverDue(ledger.store.db, to, { now, send })).toMatchObject({ delivered: 1 });
      expect(posts().map((p) => [p.status, p.headers["x-stagewatch-delivery"]])).toEqual([
        [200, "readiness-change-1"],
        [200, "readiness-change-1"],
      ]);
    },
  );

  it.skipIf(unavailable)("a change row that is gone: the delivery fails with the reason, once", async () => {
    const to = targets();
    await recordChange(to);
    await ledger.store.db.deleteFrom("ledger_change").execute();
    expect(await deliverDue(ledger.store.db, to, { now, send })).toMatchObject({ failed: 1, nextAttemptAt: null });
    expect(await row()).toMatchObject({
      status: "failed",
      attempts: 1,
      claimed_until: null,
      last_error: "the change is no longer in the store",
    });
    clock.t += 3_600_000;
    expect(await deliverDue(ledger.store.db, to, { now, send })).toMatchObject({ delivered: 0, failed: 0 });
    expect(posts()).toHaveLength(0);
  });

  it.skipIf(unavailable)(
    "a payload this code cannot render fails at once with the reason, is shown, and is never retried",
    async () => {
      const to = targets();
      await recordChange(to);
      await ledger.store.db.updateTable("ledger_change").set({ payload: "{not json" }).execute();
      expect(await deliverDue(ledger.store.db, to, { now, send })).toMatchObject({ failed: 1, nextAttemptAt: null });
      const failed = await row();
      expect(failed).toMatchObject({ status: "failed", attempts: 1, claimed_until: null });
      expect(failed.last_error).toMatch(/^could not be rendered: .*JSON/);
      // Past any lease and back-off: nothing more is claimed or sent.
      clock.t += 3_600_000;
      expect(await deliverDue(ledger.store.db, to, { now, send })).toMatchObject({ delivered: 0, failed: 0 });
      expect(await row()).toMatchObject({ status: "failed", attempts: 1 });
      expect(posts()).toHaveLength(0);
      const view = await notificationsView(ledger.store.db, configWith({ checks: [], webhooks: [] }), to);
      expect(view.deliveries).toEqual([
        expect.objectContaining({ change: "readiness-change-1", status: "failed", error: failed.last_error }),
      ]);
    },
  );

  it.skipIf(unavailable)("a payload whose rendering throws fails at once with the reason", async () => {
    const to = targets();
    await recordChange(to);
    const strict = renderedBy(() => {
      throw new Error('unknown verdict "MAYBE"');
    });
    expect(await deliverFromStore(ledger.store.db, strict, to, { now, send })).toMatchObject({
      failed: 1,
      retrying: 0,
    });
    expect(await row()).toMatchObject({
      status: "failed",
      attempts: 1,
      claimed_until: null,
      last_error: 'could not be rendered: unknown verdict "MAYBE"',
    });
    clock.t += 3_600_000;
    expect(await deliverFromStore(ledger.store.db, strict, to, { now, send })).toMatchObject({ failed: 0 });
    expect(posts()).toHaveLength(0);
  });
});
