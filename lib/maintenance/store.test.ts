import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STORES, suiteStore } from "@/lib/readiness/testing";
import { changesAfter, feedHead } from "@/lib/store/change-feed";
import { openStore } from "@/lib/store/db";
import { feedChangeOf } from "@/lib/stream/core/events";
import { createWindow, endWindow, MAINTENANCE_AUDIT, storedWindows } from "./store";

const T = Date.parse("2026-12-07T10:00:00Z");
const MIN = 60_000;
const engineer = { name: "engineer", role: "engineer" };

describe.each(STORES)("maintenance windows in the store ($name)", ({ open, unavailable }) => {
  const store = suiteStore({ open, unavailable });

  it.skipIf(unavailable)("creates, lists by overlap, ends early once, and audits each change", async () => {
    const w = await createWindow(
      store().db,
      { scope: "probe:backend-health", reason: "Connector migration", startsAt: T, durationMs: 60 * MIN },
      engineer,
      T,
    );
    expect(w).toMatchObject({ scope: "probe:backend-health", startsAt: T, endsAt: T + 60 * MIN, source: "api" });
    expect((await storedWindows(store().db, T + 30 * MIN, T + 30 * MIN + 1)).map((x) => x.id)).toEqual([w.id]);
    expect(await storedWindows(store().db, T + 60 * MIN, T + 90 * MIN)).toEqual([]);

    // Two engineers press "End" at once: one ends it, the other is told it had ended.
    const results = await Promise.all([
      endWindow(store().db, w.id, engineer, T + 10 * MIN),
      endWindow(store().db, w.id, { name: "admin", role: "admin" }, T + 10 * MIN),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ status: 409 });
    expect(await storedWindows(store().db, T + 10 * MIN, T + 11 * MIN)).toEqual([]);
    expect((await endWindow(store().db, "00000000-0000-4000-8000-000000000000", engineer, T)).ok).toBe(false);

    const audit = await store()
      .db.selectFrom("tracker_audit")
      .select(["entity", "entity_id", "change", "actor", "reason"])
      .where("incident_id", "=", MAINTENANCE_AUDIT)
      .orderBy("at")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => [a.entity, a.entity_id, a.change, a.reason])).toEqual([
      ["maintenance", w.id, "created", "Connector migration"],
      ["maintenance", w.id, "ended", "Connector migration"],
    ]);
  });

  it.skipIf(unavailable)("a planned window ended before it begins never runs", async () => {
    const w = await createWindow(
      store().db,
      { scope: "everything", reason: "Later", startsAt: T + 120 * MIN, durationMs: 30 * MIN },
      engineer,
      T,
    );
    const r = await endWindow(store().db, w.id, engineer, T);
    expect(r.ok && r.window.endsAt).toBe(T + 120 * MIN);
    expect(await storedWindows(store().db, T + 100 * MIN, T + 400 * MIN)).toEqual([]);
  });

  it.skipIf(unavailable)("each start and end reaches the change feed once, with the write", async () => {
    const head = await feedHead(store().db);
    const w = await createWindow(
      store().db,
      { scope: "service:backend", reason: "Connector migration", startsAt: T, durationMs: 60 * MIN },
      engineer,
      T,
    );
    const later = await createWindow(
      store().db,
      { scope: "everything", reason: "Upgrade", startsAt: T + 300 * MIN, durationMs: MIN },
      engineer,
      T,
    );
    // Two ends at once: one wins, and only the winner's end is in the feed.
    await Promise.all([endWindow(store().db, w.id, engineer, T + MIN), endWindow(store().db, w.id, engineer, T + MIN)]);
    await endWindow(store().db, later.id, engineer, T + 2 * MIN);
    const feed = await changesAfter(store().db, head, 100);
    expect(feed.map((c) => [c.kind, c.subject, c.from_state, c.to_state, c.at])).toEqual([
      ["maintenance", "maintenance:service:backend", null, "running", T],
      ["maintenance", "maintenance:everything", null, "planned", T],
      ["maintenance", "maintenance:service:backend", "running", "ended", T + MIN],
      ["maintenance", "maintenance:everything", "planned", "ended", T + 2 * MIN],
    ]);
    // The stream reads these rows as changes (an unknown kind would be skipped).
    expect(feed.map((c) => feedChangeOf(c)?.detail.reasons)).toEqual([
      ["Connector migration (until 2026-12-07T11:00:00.000Z)"],
      ["Upgrade (until 2026-12-07T15:01:00.000Z)"],
      ["Connector migration (until 2026-12-07T10:01:00.000Z)"],
      ["Upgrade (until 2026-12-07T15:00:00.000Z)"],
    ]);
  });

  it.skipIf(unavailable)("a refused end adds nothing to the feed", async () => {
    const head = await feedHead(store().db);
    expect((await endWindow(store().db, "00000000-0000-4000-8000-000000000001", engineer, T)).ok).toBe(false);
    expect(await feedHead(store().db)).toBe(head);
  });

  it.skipIf(unavailable)("concurrent writers each keep their window", async () => {
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createWindow(
          store().db,
          { scope: "everything", reason: `w${i}`, startsAt: T + 500 * MIN, durationMs: MIN },
          engineer,
          T,
        ),
      ),
    );
    const listed = await storedWindows(store().db, T + 500 * MIN, T + 501 * MIN);
    expect(listed.map((w) => w.id).sort()).toEqual(made.map((w) => w.id).sort());
  });
});

describe("an acknowledged window survives a restart (SQLite)", () => {
  it("is there after the store is closed and opened again", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-maint-"));
    const file = path.join(dir, "s.sqlite");
    try {
      const first = await openStore({ sqlitePath: file });
      const w = await createWindow(
        first.db,
        { scope: "service:backend", reason: "r", startsAt: T, durationMs: MIN },
        engineer,
        T,
      );
      await first.close();
      const second = await openStore({ sqlitePath: file });
      expect((await storedWindows(second.db, T, T + 1)).map((x) => x.id)).toEqual([w.id]);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
