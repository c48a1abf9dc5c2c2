import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/store/db";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/lib/testing/postgres";
import { INITIAL_FLAP_STATE } from "@/lib/probes/core/flap";
import { percentile } from "@/lib/probes/core/histogram";
import { ProbeRecorder } from "./recorder";
import {
  countsByProbe,
  countsFromBuckets,
  latencyByProbe,
  latencyFromBuckets,
  pruneProbeData,
  uptimeOf,
} from "./store-reads";
import type { AttemptStatus, ProbeResult } from "@/lib/probes/core/types";

const T0 = Date.UTC(2025, 8, 17, 10, 0, 0);

function result(probe: string, at: number, status: AttemptStatus, ms: number): ProbeResult {
  return {
    probe,
    type: "http",
    status,
    checkedAt: new Date(at).toISOString(),
    durationMs: ms,
    failedPhase: status === "up" ? null : "connect",
    errorClass: status === "up" ? null : "refused",
    errorMessage: null,
    conditions: [],
    details: {},
    phases: [
      { phase: "connect", startMs: 0, durationMs: ms / 4 },
      { phase: "total", startMs: 0, durationMs: ms },
    ],
  };
}

function suite(name: string, open: () => Promise<Store>) {
  describe(`probe store on ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(() => store?.close());

    it("rolls up batches into minute/hour/day buckets and reads uptime and percentiles over a window", async () => {
      const rec = new ProbeRecorder(store, { now: () => T0 + 3 * 3_600_000 });
      // 3 hours, one result every 30 s: every 10th is down; latency 100..199 ms.
      for (let i = 0; i < 360; i++)
        rec.record({
          result: result("a", T0 + i * 30_000, i % 10 === 0 ? "down" : "up", 100 + (i % 100)),
          state: INITIAL_FLAP_STATE,
          change: null,
        });
      rec.record({
        result: result("b", T0, "missing", 1),
        state: INITIAL_FLAP_STATE,
        change: { from: "unknown", to: "missing", reason: "first result" },
      });
      await rec.close();
      const w = { from: T0 + 15 * 60_000, to: T0 + 3 * 3_600_000, openEnded: false };
      const counts = await countsByProbe(store.db, w, null);
      // 15 min..3 h = 330 results, of which 33 are down.
      expect(counts.get("a")).toEqual({ checks: 330, up: 297, degraded: 0, down: 33, missing: 0 });
      expect(uptimeOf(counts.get("a"))).toBeCloseTo(0.9);
      expect(counts.has("b")).toBe(false);
      const all = await countsByProbe(store.db, { from: T0, to: T0 + 86_400_000, openEnded: true }, ["a", "b"]);
      expect(all.get("b")).toMatchObject({ checks: 1, missing: 1 });
      const lat = (await latencyByProbe(store.db, "total", w, ["a"])).get("a");
      expect(lat?.n).toBe(297);
      // Exact p95 of the up results' 100..199 ms latencies is 194 ms; histograms are within 5%.
      expect(Math.abs((percentile(lat?.hist ?? new Map(), 95) ?? 0) - 194) / 194).toBeLessThan(0.05);
      const merged = (await latencyFromBuckets(store.db, "total", w, ["a"])).get("a");
      expect(merged?.hist).toEqual(lat?.hist);
      const state = await store.db.selectFrom("probe_state").selectAll().where("probe", "=", "b").executeTakeFirst();
      expect(state).toMatchObject({ status: "unknown", last_status: "missing" });
      const changes = await store.db.selectFrom("probe_state_change").selectAll().execute();
      expect(changes).toEqual([expect.objectContaining({ probe: "b", from_status: "unknown", to_status: "missing" })]);
    });

    it("a restarted recorder continues the stored totals; a straggler joins the newest minute instead of rewriting history", async () => {
      const later = T0 + 3 * 3_600_000 + 10_000;
      const rec = new ProbeRecorder(store, { now: () => later + 1 });
      rec.record({ result: result("a", T0 + 10 * 60_000 + 5_000, "up", 150), state: INITIAL_FLAP_STATE, change: null });
      rec.record({ result: result("a", later, "down", 150), state: INITIAL_FLAP_STATE, change: null });
      await rec.close();
      const minute = (from: number) => countsByProbe(store.db, { from, to: from + 60_000, openEnded: false }, ["a"]);
      expect((await minute(T0 + 10 * 60_000)).get("a")?.checks).toBe(2);
      expect((await minute(T0 + 179 * 60_000)).get("a")?.checks).toBe(3);
      const all = (await countsByProbe(store.db, { from: T0, to: later, openEnded: true }, ["a"])).get("a");
      expect(all).toMatchObject({ checks: 362, up: 325, down: 37 });
      const day = await store.db
        .selectFrom("probe_rollup")
        .select("checks")
        .where("probe", "=", "a")
        .where("grain", "=", "d")
        .where("phase", "=", "total")
        .executeTakeFirst();
      expect(day?.checks).toBe(362);
    });

    it("running totals give the same counts as summing buckets, for closed and open windows", async () => {
      const windows = [
        { from: T0 + 7 * 60_000 + 13_000, to: T0 + 2 * 3_600_000 + 31 * 60_000, openEnded: false },
        { from: T0 + 10 * 60_000, to: T0 + 11 * 60_000, openEnded: false },
        { from: T0 - 86_400_000, to: T0 + 3 * 3_600_000, openEnded: true },
        { from: T0 + 2 * 3_600_000, to: T0 + 5 * 3_600_000, openEnded: false },
      ];
      for (const w of windows) {
        const cumulative = await countsByProbe(store.db, w, null);
        const summed = await countsFromBuckets(store.db, w, null);
        expect(Object.fromEntries(cumulative)).toEqual(Object.fromEntries([...summed].filter(([, c]) => c.checks > 0)));
      }
      const empty = { from: T0 + 5 * 3_600_000, to: T0 + 6 * 3_600_000, openEnded: false };
      expect((await countsByProbe(store.db, empty, ["a"])).size).toBe(0);
    });

    it("edges found in the edge minute itself and edges found by a seek give the same counts", async () => {
      // "five" is checked every 5 minutes, so most window edges fall in a minute without its row,
      // while "a" (every 30 s) has a row in every minute: both ways of finding an edge are used.
      const rec = new ProbeRecorder(store, { now: () => T0 + 3 * 3_600_000 });
      for (let i = 0; i < 36; i++)
        rec.record({
          result: result("five", T0 + i * 300_000 + 7_000, i % 4 === 0 ? "down" : "up", 120),
          state: INITIAL_FLAP_STATE,
          change: null,
        });
      await rec.close();
      for (const from of [T0 + 12 * 60_000, T0 + 15 * 60_000, T0 + 61 * 60_000 + 30_000]) {
        // Open windows with "five" only: the straggler of the test above made "a"'s newest minute differ from its buckets.
        const cases = [
          // A name the store never saw is simply not answered, and does not hide the others.
          ...[null, ["a", "five"], ["five"], ["five", "never-checked"]].map((probes) => ({
            w: { from, to: from + 97 * 60_000, openEnded: false },
            probes,
          })),
          { w: { from, to: T0 + 3 * 3_600_000, openEnded: true }, probes: ["five"] },
        ];
        for (const { w, probes } of cases) {
          const cumulative = await countsByProbe(store.db, w, probes);
          const summed = await countsFromBuckets(store.db, w, probes);
          expect(cumulative.get("five")).toBeDefined();
          expect(Object.fromEntries(cumulative)).toEqual(
            Object.fromEntries([...summed].filter(([, c]) => c.checks > 0)),
          );
        }
      }
    });

    it("prunes raw results after the raw retention and minutes after the roll-up retention", async () => {
      await pruneProbeData(store.db, T0 + 7 * 86_400_000 + 3_600_000, { raw: 7, minute: 7 });
      const raw = await store.db
        .selectFrom("probe_result")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      // 363 of "a" and "b" written, the 122 of the first hour are past 7 days; 24 of the 36 of "five" are not.
      expect(Number(raw.n)).toBe(241 + 24);
      const grains = await store.db.selectFrom("probe_rollup").select("grain").distinct().execute();
      expect(grains.map((g) => g.grain).sort()).toEqual(["d", "h", "m"]);
      await pruneProbeData(store.db, T0 + 8 * 86_400_000, { raw: 7, minute: 7 });
      const left = await store.db.selectFrom("probe_rollup").select("grain").distinct().execute();
      expect(left.map((g) => g.grain).sort()).toEqual(["d", "h"]);
    });

    it("writes a state change at once, with what was queued before it, not after the batch delay", async () => {
      const rec = new ProbeRecorder(store, { flushMs: 60_000, now: () => T0 });
      const down = { ...INITIAL_FLAP_STATE, status: "down" as const, since: T0 + 1_000, recent: ["down" as const] };
      rec.record({ result: result("urgent", T0, "up", 5), state: INITIAL_FLAP_STATE, change: null });
      rec.record({
        result: result("urgent", T0 + 1_000, "down", 5),
        state: down,
        change: { from: "up", to: "down", reason: "2 failing results in a row" },
      });
      const started = Date.now();
      let row: { status: string } | undefined;
      while (!row && Date.now() - started < 5_000) {
        row = await store.db
          .selectFrom("probe_state")
          .select("status")
          .where("probe", "=", "urgent")
          .executeTakeFirst();
        if (!row) await new Promise((r) => setTimeout(r, 20));
      }
      expect(row?.status).toBe("down");
      expect(Date.now() - started).toBeLessThan(5_000);
      const raw = await store.db.selectFrom("probe_result").select("status").where("probe", "=", "urgent").execute();
      expect(raw.map((r) => r.status).sort()).toEqual(["down", "up"]);
      await rec.close();
    });
  });
}

suite("SQLite", async () =>
  openStore({ sqlitePath: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sw-probes-")), "s.sqlite") }),
);

describe.skipIf(postgresUnavailable)("PostgreSQL", () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(() => pg?.stop());
  suite("PostgreSQL", () => openStore({ postgresUrl: pg.url }));
});
