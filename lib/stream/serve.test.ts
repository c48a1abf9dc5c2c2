import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { demoSession, stubDemoAppEnv } from "@/lib/api/contract/session-testing";
import type { Role } from "@/lib/auth/roles";
import { appendChange, feedHead } from "@/lib/store/change-feed";
import { getStore } from "@/lib/store/db";
import { changeHub } from "./hub";
import { openEventStream, type OpenedStream } from "./testing";

/**
 * GET /api/stream end to end on loopback: the real route handler (withAuth, the session in the
 * store, the process's hub on a SQLite store) behind a node:http server, read by a plain SSE
 * client. Resume, the per-role filter, the session's end and the one subscription.
 */

const SECRET = "stream-test-secret-".padEnd(40, "s");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-stream-"));
let server: http.Server;
let base = "";
const T0 = Date.parse("2026-12-07T03:00:00.000Z");

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>;

beforeAll(async () => {
  // Listening first: the app's origin (NEXTAUTH_URL) is this server's, and the env is read when the route loads.
  const route: { GET?: Handler } = {};
  server = http.createServer((req, res) => {
    const GET = route.GET;
    if (!GET) return void res.writeHead(503).end();
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const gone = new AbortController();
    res.on("close", () => gone.abort());
    void GET(new NextRequest(`${base}${req.url ?? "/"}`, { headers, signal: gone.signal }), {
      params: Promise.resolve({}),
    }).then((answer) => {
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      if (answer.body) Readable.fromWeb(answer.body as import("node:stream/web").ReadableStream).pipe(res);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stubDemoAppEnv(SECRET, base, dir);
  route.GET = ((await import("@/app/api/stream/route")) as { GET: Handler }).GET;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await changeHub().close();
  await (await getStore()).close();
  fs.rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const record = async (subject: string, to: string, reasons: string[]) =>
  (await getStore()).db.transaction().execute((trx) =>
    appendChange(trx, {
      at: T0,
      kind: subject === "overview" ? "overview" : "probe",
      subject,
      from: "up",
      to,
      detail: JSON.stringify({ reasons, likelyCause: "backend-00042 was deployed 2 min before" }),
    }),
  );

const open = async (role: Role, headers: Record<string, string> = {}) => {
  const session = await demoSession(role, SECRET);
  const stream = await openEventStream(`${base}/api/stream`, { cookie: session.cookie, ...headers });
  return { stream, session };
};

const data = (e: { data: string }) => JSON.parse(e.data) as Record<string, unknown>;
const streams: OpenedStream[] = [];
afterAll(() => streams.forEach((s) => s.close()));

describe("GET /api/stream", () => {
  it("opens with retry and a hello carrying the feed's head as its id, then follows new changes", async () => {
    const head = await feedHead((await getStore()).db);
    const { stream } = await open("viewer");
    streams.push(stream);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toContain("text/event-stream");
    const hello = await stream.waitFor((e) => e.event === "hello", 5_000);
    expect(hello.id).toBe(String(head));
    expect(data(hello)).toEqual({ head, replayed: 0, reset: false });
    expect(stream.retry).toBe(3_000);
    const pos = await record("probe:backend-health", "down", ["Probe backend-health is down: ECONNREFUSED"]);
    const change = await stream.waitFor((e) => e.event === "change", 5_000);
    expect(change.id).toBe(String(pos));
    expect(data(change)).toMatchObject({ kind: "probe", subject: "probe:backend-health", from: "up", to: "down" });
  });

  it("resumes after Last-Event-ID: replays the changes missed, in order, and nothing twice", async () => {
    const first = await record("overview", "degraded", ["one"]);
    const second = await record("overview", "down", ["two"]);
    const third = await record("probe:auth", "down", ["three"]);
    const { stream } = await open("engineer", { "Last-Event-ID": String(first) });
    streams.push(stream);
    const hello = await stream.waitFor((e) => e.event === "hello", 5_000);
    expect(data(hello)).toMatchObject({ replayed: 2, reset: false });
    await stream.waitFor((e) => e.id === String(third), 5_000);
    const fourth = await record("overview", "healthy", ["four"]);
    await stream.waitFor((e) => e.id === String(fourth), 5_000);
    expect(stream.events.filter((e) => e.event === "change").map((e) => e.id)).toEqual(
      [second, third, fourth].map(String),
    );
  });

  it("a resume from too far back, or from a position the feed never had, is a reset (refetch everything)", async () => {
    for (let i = 0; i < 105; i++) await record("probe:flappy", i % 2 ? "down" : "up", []);
    const head = await feedHead((await getStore()).db);
    for (const [from, expected] of [
      [head + 5, { reset: true, replayed: 0 }],
      [head - 101, { reset: true, replayed: 0 }],
      [head - 100, { reset: false, replayed: 100 }],
    ] as const) {
      const { stream } = await open("viewer", { "Last-Event-ID": String(from) });
      streams.push(stream);
      const hello = await stream.waitFor((e) => e.event === "hello", 5_000);
      expect(data(hello), String(from)).toEqual({ ...expected, head });
      if (expected.reset) expect(hello.id).toBe(String(head));
      else await stream.waitFor((e) => e.id === String(head), 5_000);
      stream.close();
    }
  });

  it("a viewer's stream carries no failure detail; an engineer's carries it", async () => {
    const viewer = (await open("viewer")).stream;
    const engineer = (await open("engineer")).stream;
    streams.push(viewer, engineer);
    await viewer.waitFor((e) => e.event === "hello", 5_000);
    await engineer.waitFor((e) => e.event === "hello", 5_000);
    const pos = await record("overview", "unknown", [
      "The figures could not be read: 7 PERMISSION_DENIED for x@example.com",
    ]);
    const seenByViewer = data(await viewer.waitFor((e) => e.id === String(pos), 5_000));
    const seenByEngineer = data(await engineer.waitFor((e) => e.id === String(pos), 5_000));
    expect(Object.keys(seenByViewer).sort()).toEqual(["changedAt", "from", "kind", "subject", "to"]);
    expect(JSON.stringify(seenByViewer)).not.toMatch(/PERMISSION_DENIED|example\.com|backend-00042/);
    expect(seenByEngineer).toMatchObject({
      reasons: ["The figures could not be read: 7 PERMISSION_DENIED for x@example.com"],
      likelyCause: "backend-00042 was deployed 2 min before",
    });
  });

  it("ends within 2 s of its session being ended on another replica, and a new connection is refused", async () => {
    const { stream, session } = await open("engineer");
    streams.push(stream);
    await stream.waitFor((e) => e.event === "hello", 5_000);
    // Let the process cache its look at the session first: the worst case for the recheck.
    await new Promise((r) => setTimeout(r, 300));
    const revokedAt = Date.now();
    // As another replica ends it: the row only, this process's cached look untouched.
    await (
      await getStore()
    ).db
      .updateTable("auth_session")
      .set({ revoked_at: revokedAt, revoked_by: "admin" })
      .where("id", "=", session.sid)
      .execute();
    const endedAt = await stream.ended;
    console.log(`stream ended ${endedAt - revokedAt} ms after revocation`);
    expect(endedAt - revokedAt).toBeLessThan(2_000);
    expect(stream.events.at(-1)?.event).toBe("end");
    const again = await openEventStream(`${base}/api/stream`, { cookie: session.cookie });
    expect(again.status).toBe(401);
  });

  it("sends a heartbeat comment on an idle stream", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const { stream } = await open("viewer");
      streams.push(stream);
      await stream.waitFor((e) => e.event === "hello", 5_000);
      vi.advanceTimersByTime(15_000);
      await vi.waitFor(() => expect(stream.comments).toBeGreaterThanOrEqual(1), { timeout: 2_000 });
      stream.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it("however many streams are open, the process has one subscription, and none once they close", async () => {
    const hub = changeHub();
    const starts = hub.stats.starts;
    const many = await Promise.all(Array.from({ length: 25 }, () => open("viewer")));
    await Promise.all(many.map(({ stream }) => stream.waitFor((e) => e.event === "hello", 10_000)));
    const before = hub.size;
    expect(before).toBeGreaterThanOrEqual(25);
    const pos = await record("probe:db", "down", ["x"]);
    await Promise.all(many.map(({ stream }) => stream.waitFor((e) => e.id === String(pos), 5_000)));
    expect(hub.stats.starts - starts).toBeLessThanOrEqual(1);
    for (const { stream } of many) stream.close();
    for (const s of streams) s.close();
    await vi.waitFor(() => expect(hub.size).toBe(0), { timeout: 5_000 });
  });
});
