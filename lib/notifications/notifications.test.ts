import { describe, expect, it } from "vitest";
import { fileReceiver, STORES, ledgerStore, webhookTargets } from "@/lib/readiness/testing";
import { sendToAll } from "./plan";
import { channelSend } from "./send";
import { deliverNotifications } from "./delivery";
import { OVERVIEW_SUBJECT, overviewEvent, type NotificationEvent } from "./events";
import { recordState } from "./ledger";
import { verify } from "./signing";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr";
const T0 = Date.UTC(2026, 0, 5, 12);
const verdict = (status: "healthy" | "down") => ({
  status,
  reason: status === "down" ? "Probe backend-health is down: HTTP 503." : "All good.",
  reasons: [status === "down" ? "Probe backend-health is down: HTTP 503." : "All good."],
  likelyCause: status === "down" ? "probe cloudsql-socket is down" : null,
  measuredAt: null,
  staleAfter: null,
  maintenance: null,
});

const receiver = fileReceiver();

describe.each(STORES)("overview and golden-path notifications ($name)", ({ open, unavailable }) => {
  const ledger = ledgerStore({ open, unavailable }, "n-");

  const targets = () => webhookTargets(receiver, ledger.paths);
  const record = (status: "healthy" | "down", at: number) =>
    recordState(ledger.store.db, {
      subject: OVERVIEW_SUBJECT,
      state: status,
      checkedAt: at,
      plan: () => sendToAll(targets()),
      payload: (id, from) => overviewEvent(id, from, verdict(status), at, "https://stagewatch.example"),
    });

  it.skipIf(unavailable)(
    "each change is recorded once, even by concurrent evaluators, and delivered once, signed",
    async () => {
      const ids = await Promise.all(Array.from({ length: 5 }, () => record("healthy", T0)));
      expect(ids.filter((x) => x !== null)).toEqual(["overview#1"]);
      expect(await record("healthy", T0 + 10_000)).toBeNull(); // no change, nothing to send
      const down = await Promise.all(Array.from({ length: 5 }, () => record("down", T0 + 20_000)));
      expect(down.filter((x) => x !== null)).toEqual(["overview#2"]);
      expect(await record("healthy", T0 + 5_000)).toBeNull(); // an older observation never flips it back

      const send = channelSend(SECRET);
      const runs = await Promise.all([
        deliverNotifications(ledger.store.db, targets(), { send }),
        deliverNotifications(ledger.store.db, targets(), { send }),
      ]);
      expect(runs.reduce((a, r) => a + r.delivered, 0)).toBe(4);
      await deliverNotifications(ledger.store.db, targets(), { send });

      const json = receiver.accepted(ledger.paths.json);
      expect(json.map((r) => (JSON.parse(r.body) as NotificationEvent).id)).toEqual(["overview#1", "overview#2"]);
      const second = JSON.parse(json[1]?.body ?? "{}") as NotificationEvent;
      expect(second).toMatchObject({
        event: "overview.changed",
        from: "healthy",
        to: "down",
        likelyCause: "probe cloudsql-socket is down",
        url: "https://stagewatch.example/",
      });
      for (const r of [...json, ...receiver.accepted(ledger.paths.slack)]) {
        const h = {
          "webhook-id": String(r.headers["webhook-id"]),
          "webhook-timestamp": String(r.headers["webhook-timestamp"]),
          "webhook-signature": String(r.headers["webhook-signature"]),
        };
        expect(verify(SECRET, h, r.body, Date.now())).toBe(true);
        expect(verify(SECRET, h, `${r.body} `, Date.now())).toBe(false);
      }
      expect(String(receiver.accepted(ledger.paths.slack)[1]?.body)).toContain("Staging: down");
    },
  );

  it.skipIf(unavailable)("a failing receiver is retried with the same webhook-id, in change order", async () => {
    receiver.plan(ledger.paths.json, 503);
    await record("healthy", T0);
    await record("down", T0 + 20_000);
    let t = T0 + 30_000;
    const opts = { send: channelSend(SECRET), now: () => t, backoffMs: () => 1_000 };
    const first = await deliverNotifications(ledger.store.db, targets(), opts);
    expect(first.retrying).toBe(1);
    t += 1_000;
    await deliverNotifications(ledger.store.db, targets(), opts);
    const all = receiver.received.filter((r) => r.path === ledger.paths.json);
    expect(all.map((r) => [r.headers["webhook-id"], r.status])).toEqual([
      ["overview#1", 503],
      ["overview#1", 200],
      ["overview#2", 200],
    ]);
  });
});
