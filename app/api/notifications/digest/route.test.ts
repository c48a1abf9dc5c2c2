import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { configWorld } from "@/emulator/testing";
import { sessionCookie, stubDemoAppEnv } from "@/lib/api/contract/session-testing";
import type { Role } from "@/lib/auth/roles";
import { lastCompleteWeek } from "@/lib/notifications/core/digest-week";
import { startReceiver, type Receiver } from "@/lib/readiness/testing";
import { getStore } from "@/lib/store/db";

/**
 * The digest routes as Next calls them, with the app's wiring on the emulator, a store in a
 * temporary folder and a staging config whose digest goes to a loopback Chat receiver: who may
 * do what, malformed weeks answered with a 400 naming `week` (never a 5xx), and "send now"
 * idempotent per week and channel, and audited.
 */

const SECRET = "digest-route-test-secret-".padEnd(40, "d");
const ORIGIN = "http://127.0.0.1:3000";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-digest-routes-"));
let emulator: RunningEmulator;
let chat: Receiver;

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", historyDays: 1 });
  chat = await startReceiver();
  const raw = JSON.parse(fs.readFileSync("staging.config.json", "utf8")) as Record<string, unknown>;
  const configFile = path.join(dir, "staging.config.json");
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      ...raw,
      notifications: {
        channels: [{ id: "chat", kind: "googlechat", urlEnv: "NOTIFY_DIGEST_CHAT" }],
        digest: { channels: ["chat"] },
      },
    }),
  );
  for (const [name, value] of emulator.env) vi.stubEnv(name, value);
  vi.stubEnv("STAGEWATCH_CONFIG", configFile);
  vi.stubEnv("NOTIFY_DIGEST_CHAT", chat.url("/digest"));
  stubDemoAppEnv(SECRET, ORIGIN, dir);
}, 60_000);
afterAll(async () => {
  await (await getStore()).close().catch(() => undefined);
  await emulator?.close();
  await chat?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

async function request(method: "GET" | "POST", url: string, role: Role | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (role) headers.cookie = await sessionCookie(role, SECRET);
  if (method !== "GET") headers.origin = ORIGIN;
  return new NextRequest(`${ORIGIN}${url}`, { method, headers });
}

const preview = async (role: Role | null, query = "") =>
  (await import("./route")).GET(await request("GET", `/api/notifications/digest${query}`, role), {
    params: Promise.resolve({}),
  });
const sendNow = async (role: Role | null, query = "") =>
  (await import("./send/route")).POST(await request("POST", `/api/notifications/digest/send${query}`, role), {
    params: Promise.resolve({}),
  });

describe("weekly digest routes", () => {
  it.each([
    ["?week=2026-W99", "week: 2026 has weeks 01 to 53"],
    ["?week=garbage", "week: must be an ISO week like 2026-W49"],
    ["?week=%FF%FE", "week: must be an ISO week like 2026-W49"],
    ["?week=2026-W49%0D%0ABcc:x", "week: must be an ISO week like 2026-W49"],
    ["?week=%00", "week: must be an ISO week like 2026-W49"],
    ["?week=", "week: must be an ISO week like 2026-W49"],
    ["?week=2999-W52", "week: 2999-W52 has not ended yet; a digest is of a complete week"],
  ])("GET %s is a 400 naming week", async (query, message) => {
    const res = await preview("admin", query);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe(message);
  });

  it("an unknown parameter is a 400 naming it", async () => {
    const res = await preview("admin", "?weak=2026-W01");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/weak/);
  });

  it("only admins: a viewer and an engineer get 403, nobody signed in 401", async () => {
    expect((await preview(null)).status).toBe(401);
    expect((await preview("viewer")).status).toBe(403);
    expect((await preview("engineer")).status).toBe(403);
    expect((await sendNow("engineer")).status).toBe(403);
    expect(chat.received).toHaveLength(0);
  });

  it("the preview of a week with no history says unknown, with the reason, never a healthy figure", async () => {
    const res = await preview("admin", "?week=2025-W01");
    expect(res.status).toBe(200);
    const m = (await res.json()) as {
      week: { id: string };
      startupSuccess: { week: { value: number | null; unknown: string | null } };
      overview: { redMs: number | null; ms: Record<string, number> | null };
    };
    expect(m.week.id).toBe("2025-W01");
    expect(m.startupSuccess.week.value).toBeNull();
    expect(m.startupSuccess.week.unknown).not.toBeNull();
    // Nothing recorded for that week: all of it unknown.
    expect(m.overview.ms).toEqual({ unknown: 7 * 86_400_000 });
  });

  it("send now: queued once per week and channel, audited, a second call queues nothing", async () => {
    expect((await sendNow("admin", "?week=2026-W01")).status).toBe(400);
    const first = await sendNow("admin");
    expect(first.status).toBe(200);
    const body = (await first.json()) as { week: string; queued: string[]; already: string[] };
    expect(body).toMatchObject({ week: lastCompleteWeek(Date.now()).id, queued: ["chat"], already: [] });
    const second = (await (await sendNow("admin")).json()) as { queued: string[]; already: string[] };
    expect(second).toMatchObject({ queued: [], already: ["chat"] });
    const db = (await getStore()).db;
    const audit = await db.selectFrom("tracker_audit").selectAll().where("incident_id", "=", "notifications").execute();
    expect(audit.map((a) => [a.actor, a.entity, a.change])).toEqual([
      ["admin", "notification", "digest sent"],
      ["admin", "notification", "digest sent"],
    ]);
    const rows = await db.selectFrom("ledger_delivery").selectAll().where("change_id", "like", "digest:%").execute();
    expect(rows.map((r) => r.webhook)).toEqual(["channel:chat"]);
    // The kick sends it: one card, whatever the number of calls.
    const delivered = async () =>
      (await db.selectFrom("ledger_delivery").select("status").where("change_id", "like", "digest:%").execute())
        .map((r) => r.status)
        .join();
    // Until the row is settled, so no delivery runs on after the store is closed.
    for (let i = 0; i < 100 && (await delivered()) !== "delivered"; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await delivered()).toBe("delivered");
    expect(chat.accepted("/digest")).toHaveLength(1);
    expect(chat.accepted("/digest")[0]?.headers["x-stagewatch-event"]).toBe("digest.weekly");
  });
});
