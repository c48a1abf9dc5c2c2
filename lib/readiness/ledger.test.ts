import { sendToAll } from "@/lib/notifications/plan";
import { describe, expect, it } from "vitest";
import type { Verdict } from "@/lib/readiness/core";
import { recentChanges, recordVerdict, type RecordInput } from "./ledger";
import { STORES, suiteStore } from "./testing";

const T0 = Date.parse("2025-09-17T12:00:00.000Z");
const input = (verdict: Verdict, checkedAt: number, webhooks: string[] = ["hook-a", "hook-b"]): RecordInput => ({
  verdict,
  checkedAt,
  plan: () => sendToAll(webhooks.map((key) => ({ key }))),
  payload: (seq, previous) => ({ seq, previous, verdict }),
});

describe.each(STORES)("the verdict ledger ($name)", ({ open, unavailable }) => {
  const store = suiteStore({ open, unavailable });

  it.skipIf(unavailable)(
    "records the first verdict and every change once, and nothing while it stays the same",
    async () => {
      expect(await recordVerdict(store().db, input("NO-GO", T0))).toEqual({ change: 1, verdict: "NO-GO", since: T0 });
      expect(await recordVerdict(store().db, input("NO-GO", T0 + 30_000))).toEqual({
        change: null,
        verdict: "NO-GO",
        since: T0,
      });
      expect(await recordVerdict(store().db, input("CAUTION", T0 + 60_000))).toEqual({
        change: 2,
        verdict: "CAUTION",
        since: T0 + 60_000,
      });
      // An evaluation that started before the last recorded one cannot flip the verdict back.
      expect(await recordVerdict(store().db, input("NO-GO", T0 + 45_000))).toEqual({
        change: null,
        verdict: "CAUTION",
        since: T0 + 60_000,
      });
      expect(await recentChanges(store().db, 10)).toEqual([
        { seq: 2, from: "NO-GO", to: "CAUTION", at: new Date(T0 + 60_000).toISOString() },
        { seq: 1, from: null, to: "NO-GO", at: new Date(T0).toISOString() },
      ]);
      const deliveries = await store()
        .db.selectFrom("ledger_delivery")
        .select(["seq as change_seq", "webhook", "status"])
        .where("kind", "=", "readiness")
        .orderBy("seq")
        .orderBy("webhook")
        .execute();
      expect(deliveries).toEqual([
        { change_seq: 1, webhook: "hook-a", status: "pending" },
        { change_seq: 1, webhook: "hook-b", status: "pending" },
        { change_seq: 2, webhook: "hook-a", status: "pending" },
        { change_seq: 2, webhook: "hook-b", status: "pending" },
      ]);
      const payload = await store()
        .db.selectFrom("ledger_change")
        .select("payload")
        .where("id", "=", "readiness#2")
        .executeTakeFirstOrThrow();
      expect(JSON.parse(payload.payload)).toEqual({ seq: 2, previous: "NO-GO", verdict: "CAUTION" });
    },
  );

  it.skipIf(unavailable)("thirty concurrent evaluations that see the same change record it exactly once", async () => {
    const before = (await recentChanges(store().db, 1))[0]?.seq ?? 0;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => recordVerdict(store().db, input("GO", T0 + 120_000 + i))),
    );
    expect(results.filter((r) => r.change !== null)).toHaveLength(1);
    expect(results.every((r) => r.verdict === "GO")).toBe(true);
    const changes = await recentChanges(store().db, 100);
    expect(changes.filter((c) => c.seq > before)).toHaveLength(1);
    const rows = await store()
      .db.selectFrom("ledger_delivery")
      .select("webhook")
      .where("change_id", "=", `readiness#${before + 1}`)
      .execute();
    expect(rows.map((r) => r.webhook).sort()).toEqual(["hook-a", "hook-b"]);
  });

  it.skipIf(unavailable)(
    "under a storm of concurrent, differing evaluations the ledger never repeats a verdict and ends on the newest",
    async () => {
      const verdicts: Verdict[] = ["GO", "CAUTION", "NO-GO"];
      const start = T0 + 1_000_000;
      const batches = Array.from({ length: 6 }, (_, b) =>
        Array.from({ length: 8 }, (_, i) => ({
          verdict: verdicts[(b * 7 + i * 3) % 3] ?? "GO",
          at: start + b * 1_000 + i,
        })),
      );
      for (const batch of batches)
        await Promise.all(batch.map((e) => recordVerdict(store().db, input(e.verdict, e.at, []))));
      const changes = (await recentChanges(store().db, 1_000)).reverse();
      for (let i = 1; i < changes.length; i++) {
        expect(changes[i]?.from).toBe(changes[i - 1]?.to);
        expect(changes[i]?.to).not.toBe(changes[i]?.from);
        expect(changes[i]?.seq).toBe((changes[i - 1]?.seq ?? 0) + 1);
      }
      const state = await store()
        .db.selectFrom("ledger_state")
        .selectAll()
        .where("subject", "=", "readiness")
        .executeTakeFirstOrThrow();
      expect(state.state).toBe(changes.at(-1)?.to);
      expect(state.seq).toBe(changes.at(-1)?.seq);
    },
  );
});
