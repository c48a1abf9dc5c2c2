import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataNeedsOfAll, evaluate, parseCriterion, type Expr } from "@/lib/criteria/core";
import { closedPort, listen } from "@/lib/probes/testing";

/**
 * The interfaces other parts of Stagewatch call (runProbesNow, probeSnapshot, probeSummaries),
 * wired as in the server: env, staging config file, store under the data dir, the engine.
 */
let server: http.Server;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-snapshot-"));

beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(200).end('{"status":"UP"}'));
  const port = await listen(server);
  const seed = JSON.parse(fs.readFileSync(path.resolve("staging.config.json"), "utf8")) as Record<string, unknown>;
  const config = {
    ...seed,
    probes: [
      { name: "db", type: "tcp", host: "127.0.0.1", port: await closedPort(), timeoutMs: 1000 },
      {
        name: "api",
        type: "http",
        url: `http://127.0.0.1:${port}/health`,
        goldenPath: true,
        dependsOn: ["db"],
        conditions: ["[STATUS] == 200"],
      },
      { name: "web", type: "http", url: `http://127.0.0.1:${await closedPort()}/`, dependsOn: ["db"], timeoutMs: 1000 },
    ],
    readiness: { checks: [] },
  };
  fs.writeFileSync(path.join(dir, "staging.config.json"), JSON.stringify(config));
  Object.assign(process.env, {
    NEXTAUTH_SECRET: "x".repeat(40),
    STAGEWATCH_CONFIG: path.join(dir, "staging.config.json"),
    STAGEWATCH_DATA_DIR: path.join(dir, "data"),
    STAGEWATCH_PROBES: "off",
  });
});
afterAll(() => new Promise((r) => server.close(r)));

function parse(src: string): Expr {
  const r = parseCriterion(src);
  if (!r.ok) throw new Error(r.error.message);
  return r.ast;
}

describe("probe interfaces", () => {
  it("before any result, the snapshot is empty (unknown) and summaries say unknown", async () => {
    const { probeSnapshot } = await import("./snapshot");
    const { probeSummaries } = await import("./queries");
    expect(await probeSnapshot(dataNeedsOfAll([parse('probe_status("api") == "up"')]), Date.now())).toEqual({});
    const s = await probeSummaries(Date.now());
    expect(s.map((x) => [x.name, x.status, x.lastCheckedAt])).toEqual([
      ["db", "unknown", null],
      ["api", "unknown", null],
      ["web", "unknown", null],
    ]);
  });

  it("runProbesNow records results that probeSnapshot and probeSummaries then report", async () => {
    const { runProbesNow, UnknownProbeError } = await import("@/lib/probes/schedule/run-now");
    const { probeSnapshot } = await import("./snapshot");
    const { probeSummaries } = await import("./queries");
    await expect(runProbesNow(["api", "nope"])).rejects.toBeInstanceOf(UnknownProbeError);
    const results = await runProbesNow(["db", "api", "web", "api"]);
    expect(results.map((r) => [r.probe, r.status])).toEqual([
      ["db", "missing"],
      ["api", "up"],
      ["web", "missing"],
    ]);
    await runProbesNow(["api"]);

    const exprs = [
      'probe_status("api") == "up"',
      'probe_uptime("api", 1h) >= 99%',
      'p95(probe_phase("api", "connect"), 1h) < 1s',
      'probe_status("db") == "missing"',
      'probe_status("not-configured") == "up"',
      "startup_success_rate(all, 1h) > 0.95",
    ].map(parse);
    const now = Date.now();
    const snap = await probeSnapshot(dataNeedsOfAll(exprs), now);
    expect(snap["probe_status|api"]).toMatchObject({ value: "up", measuredAt: expect.any(String) });
    expect(snap["probe_uptime|api|3600"]?.value).toBe(1);
    expect(snap["p95|probe_phase|api|connect|3600"]?.value).toEqual(expect.any(Number));
    expect(Object.keys(snap).sort()).toEqual([
      "p95|probe_phase|api|connect|3600",
      "probe_status|api",
      "probe_status|db",
      "probe_uptime|api|3600",
    ]);
    expect(exprs.map((e) => evaluate(e, snap, new Date(now)).result)).toEqual([
      "pass",
      "pass",
      "pass",
      "pass",
      "unknown",
      "unknown",
    ]);

    const summaries = await probeSummaries(now);
    const byName = Object.fromEntries(summaries.map((s) => [s.name, s]));
    expect(byName.api).toMatchObject({ status: "up", uptime24h: 1, uptime7d: 1, suspectedCause: null, stale: false });
    expect(byName.api?.p95Ms24h).toEqual(expect.any(Number));
    expect(byName.web).toMatchObject({
      status: "missing",
      suspectedCause: "db",
      lastError: expect.stringContaining("nothing listens"),
    });
  });
});
