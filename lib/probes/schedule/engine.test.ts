import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/store/db";
import { probeDetail } from "@/lib/probes/view/detail";
import { ProbeEngine } from "./engine";
import { probeHistory } from "@/lib/probes/store/history";
import { stateRows } from "@/lib/probes/store/queries";
import { closedPort, listen, probeConfig } from "@/lib/probes/testing";
import type { ProbeSummary } from "@/lib/probes/core/types";

describe("probe engine on a real store and real loopback targets", () => {
  let store: Store;
  let server: http.Server;
  let healthy = true;
  let base = "";
  let gone = 0;
  const opts = { secrets: { pgUser: "postgres" }, concurrency: 4, retentionDays: { raw: 7, minute: 90 }, flushMs: 10 };

  beforeAll(async () => {
    store = await openStore({
      sqlitePath: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sw-engine-")), "s.sqlite"),
    });
    server = http.createServer((_req, res) =>
      res.writeHead(healthy ? 200 : 503).end(JSON.stringify({ status: healthy ? "UP" : "DOWN" })),
    );
    base = `http://127.0.0.1:${await listen(server)}`;
    gone = await closedPort();
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await store?.close();
  });

  const targets = () => [
    probeConfig({
      name: "api",
      type: "http",
      url: `${base}/health`,
      conditions: ["[STATUS] == 200", '[BODY].status == "UP"'],
      dependsOn: ["db"],
    }),
    probeConfig({ name: "db", type: "tcp", host: "127.0.0.1", port: gone, timeoutMs: 1000 }),
  ];

  it("records run-now attempts with flap control, state changes, detail and history", async () => {
    const engine = await ProbeEngine.create(store, opts);
    engine.setTargets(targets());
    const first = await engine.runNow(["api", "db", "not-configured"]);
    expect(first.map((r) => [r.probe, r.status])).toEqual([
      ["api", "up"],
      ["db", "missing"],
    ]);
    healthy = false;
    await engine.runNow(["api"]);
    await engine.runNow(["api"]);
    let states = await stateRows(store.db, ["api", "db"]);
    expect(states.get("api")).toMatchObject({ status: "up", lastStatus: "down" });
    expect(states.get("db")).toMatchObject({ status: "missing" });
    await engine.runNow(["api"]);
    states = await stateRows(store.db, ["api"]);
    expect(states.get("api")?.status).toBe("down");
    await engine.stop();

    const summary = { name: "api" } as ProbeSummary;
    const detail = await probeDetail(store.db, targets()[0] ?? probeConfig({}), summary, Date.now());
    expect(detail.target).toBe(`GET ${base}/health`);
    expect(detail.lastResult).toMatchObject({ status: "down", errorClass: "http-status", failedPhase: null });
    expect(detail.lastResult?.conditions.map((c) => c.value)).toEqual(["503", '"DOWN"']);
    expect(detail.changes.map((c) => `${c.from}->${c.to}`)).toEqual(["up->down", "unknown->up"]);
    expect(detail.uptime["1h"]).toBeCloseTo(0.25);
    expect(detail.phases24h.map((p) => p.phase)).toEqual(["connect", "first-byte", "body", "total"]);
    const history = await probeHistory(store.db, "api", Date.now() - 3_600_000, Date.now());
    expect(history.stepSeconds).toBe(60);
    expect(history.points.reduce((s, p) => s + p.checks, 0)).toBe(4);
  });

  it("a restarted engine resumes flap state instead of starting from unknown", async () => {
    healthy = true;
    const engine = await ProbeEngine.create(store, opts);
    engine.setTargets(targets());
    await engine.runNow(["api"]);
    expect((await stateRows(store.db, ["api"])).get("api")).toMatchObject({ status: "down", lastStatus: "up" });
    await engine.runNow(["api"]);
    expect((await stateRows(store.db, ["api"])).get("api")?.status).toBe("up");
    await engine.stop();
  });
});
