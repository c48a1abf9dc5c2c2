import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { INITIAL_FLAP_STATE, applyAttempt } from "@/lib/probes/core/flap";
import { goldenPath } from "@/lib/probes/view/golden-path";
import { ProbeRecorder } from "@/lib/probes/store/recorder";
import { runProbe } from "@/lib/probes/check/run-probe";
import { closedPort, listen, probeConfig } from "@/lib/probes/testing";
import type { ProbeResult } from "@/lib/probes/core/types";
import { getProbeDetail, getProbeHistory, probesResponse } from "@/lib/probes/view/views";
import { saveRun } from "@/lib/rehearsal/evidence";
import { rehearsalDir } from "@/lib/rehearsal/paths";
import { createShareLink, listShareLinks, revokeShareLink } from "@/lib/readiness/share-links";
import { shareContext } from "@/lib/readiness/share-service";
import { getStore } from "@/lib/store/db";
import { parseTimeRange } from "@/lib/core/time-range";
import { expectDocumented } from "./testing";

/**
 * Response checks for the routes that read the app's own store (probes, share links): the
 * lib functions the handlers call, on the app's store opened from the environment in a
 * temporary folder, with probe results from real HTTP probes against a loopback server.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-contract-"));
vi.stubEnv("NEXTAUTH_SECRET", "contract-test-secret-".padEnd(40, "x"));
vi.stubEnv("STAGEWATCH_DATA_DIR", dir);
// The SQLite file in `dir`, whatever the machine running the tests has set.
vi.stubEnv("STAGEWATCH_DATABASE_URL", undefined);

const server = http.createServer((req, res) => {
  res.writeHead(req.url === "/down" ? 503 : 200, { "content-type": "application/json" });
  res.end('{"status":"UP"}');
});
const results: ProbeResult[] = [];

beforeAll(async () => {
  const port = await listen(server);
  const store = await getStore();
  const recorder = new ProbeRecorder(store);
  const flap = { failAfter: 1, recoverAfter: 1, window: 10, changes: 4 };
  const targets = [
    { name: "backend-health", url: `http://127.0.0.1:${port}/health` },
    { name: "auth-health", url: `http://127.0.0.1:${port}/down` },
    // Nothing listens there: refused on loopback is `missing`, with its error class and failed phase.
    { name: "analytics", url: `http://127.0.0.1:${await closedPort()}/health` },
  ];
  for (const t of targets) {
    const result = await runProbe(
      probeConfig({ name: t.name, type: "http", url: t.url, conditions: ["[STATUS] == 200"] }),
      { pgUser: "postgres" },
    );
    results.push(result);
    recorder.record({ result, ...applyAttempt(INITIAL_FLAP_STATE, result.status, Date.parse(result.checkedAt), flap) });
  }
  await recorder.close();
});
afterAll(async () => {
  server.close();
  await (await getStore()).close();
  fs.rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe("probe routes answer what the document says", () => {
  it("POST /api/probes/{name}/run: a passing, a failing and a refused attempt", () => {
    expect(results.map((r) => r.status)).toEqual(["up", "down", "missing"]);
    for (const result of results) expectDocumented("POST", "/api/probes/{name}/run", { result });
    expectDocumented("POST", "/api/probes/{name}/run", { result: null });
  });

  it("GET /api/probes and /api/overview/golden-path, with recorded and never-run probes", async () => {
    const now = Date.now();
    const body = await probesResponse(now);
    expect(body.probes.find((p) => p.name === "backend-health")?.lastAttemptStatus).toBe("up");
    expect(body.probes.find((p) => p.name === "cloudsql-socket")?.status).toBe("unknown");
    expectDocumented("GET", "/api/probes", body);
    expectDocumented("GET", "/api/overview/golden-path", await goldenPath(now));
  });

  it.each(["backend-health", "analytics", "cloudsql-socket"])(
    "GET /api/probes/{name} and its history (%s)",
    async (name) => {
      const now = Date.now();
      const detail = await getProbeDetail(name, now);
      expect(detail).not.toBeNull();
      expectDocumented("GET", "/api/probes/{name}", detail);
      const range = parseTimeRange(new URLSearchParams("range=1h"), new Date(now + 60_000));
      if (!range.ok) throw range.error;
      expectDocumented("GET", "/api/probes/{name}/history", await getProbeHistory(name, range.range));
    },
  );
});

describe("a browser probe's detail carries its rehearsal, as documented", () => {
  it("GET /api/probes/{name} for demo-rehearsal: never run, then a failed run with its screenshot", async () => {
    const before = await getProbeDetail("demo-rehearsal", Date.now());
    expect(before?.summary.type).toBe("browser");
    expect(before?.rehearsal?.latest).toBeNull();
    expectDocumented("GET", "/api/probes/{name}", before);
    await saveRun((await getStore()).db, rehearsalDir(), {
      probe: "demo-rehearsal",
      status: "failed",
      startedAt: new Date().toISOString(),
      durationMs: 3_100,
      steps: [
        {
          index: 1,
          label: "Sign in",
          action: "goto /login",
          status: "passed",
          startMs: 0,
          durationMs: 900,
          error: null,
        },
        {
          index: 2,
          label: "See live data",
          action: "expect text",
          status: "failed",
          startMs: 900,
          durationMs: 2_200,
          error: "text not found",
        },
        {
          index: 3,
          label: "Open probes",
          action: "click",
          status: "not-run",
          startMs: null,
          durationMs: null,
          error: null,
        },
      ],
      failedStep: 2,
      error: "Step 2 failed: text not found",
      screenshots: [{ kind: "failure", png: Buffer.from("89504e47", "hex") }],
    });
    const after = await getProbeDetail("demo-rehearsal", Date.now());
    expect(after?.rehearsal?.latest?.screenshots).toEqual(["failure"]);
    expect(after?.rehearsal?.history).toHaveLength(1);
    expectDocumented("GET", "/api/probes/{name}", after);
    // A field the schema does not know fails the check (strict objects).
    expect(() =>
      expectDocumented("GET", "/api/probes/{name}", { ...after, rehearsal: { ...after?.rehearsal, video: "x" } }),
    ).toThrow();
  });
});

describe("share-link routes answer what the document says", () => {
  it("POST, GET and DELETE /api/readiness/share-links", async () => {
    const { db, key } = await shareContext();
    const now = Date.now();
    const viewer = { username: "eng", canManage: false };
    const link = await createShareLink(
      db,
      key,
      { createdBy: "eng", expiresInSeconds: 3_600, note: "for sales" },
      now,
      viewer,
    );
    expectDocumented("POST", "/api/readiness/share-links", { link }, 201);
    expectDocumented("GET", "/api/readiness/share-links", { links: await listShareLinks(db, key, now, viewer) });
    const revoked = await revokeShareLink(db, key, link.id, now + 1, viewer);
    if (!revoked.ok) throw new Error(revoked.message);
    expect(revoked.link.state).toBe("revoked");
    expectDocumented("DELETE", "/api/readiness/share-links/{id}", { link: revoked.link });
  });
});

describe("public routes answer what the document says", () => {
  it("GET /api/health", async () => {
    const { GET } = await import("@/app/api/health/route");
    const res = GET();
    expect(res.status).toBe(200);
    expectDocumented("GET", "/api/health", await res.json());
  });

  it("GET /api/share/{token}: an unknown token is a documented 404, never a 500", async () => {
    const { GET } = await import("@/app/api/share/[token]/route");
    const { NextRequest } = await import("next/server");
    for (const token of ["not-a-token", "%E0%A4%A", "a".repeat(2_000)]) {
      const res = await GET(new NextRequest(`http://127.0.0.1/api/share/${encodeURIComponent(token)}`), {
        params: Promise.resolve({ token }),
      });
      expect(res.status, token).toBe(404);
      expectDocumented("GET", "/api/share/{token}", await res.json(), 404);
    }
  });
});
