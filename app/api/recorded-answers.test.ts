import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { configWorld, FIXED_NOW } from "@/emulator/testing";
import { sessionCookie, stubDemoAppEnv } from "@/lib/api/contract/session-testing";
import type { Role } from "@/lib/auth/roles";
import { getStagingConfig } from "@/lib/config/staging-config";
import { applyAttempt, INITIAL_FLAP_STATE } from "@/lib/probes/core/flap";
import type { AttemptStatus, ProbeResult } from "@/lib/probes/core/types";
import { ProbeRecorder } from "@/lib/probes/store/recorder";
import { stopBackground } from "@/lib/server/background";
import { getStore } from "@/lib/store/db";
import { changeHub } from "@/lib/stream/hub";

/**
 * The API's answers, recorded: a fixed list of requests replayed through the real route
 * handlers (real withAuth and real sessions, the emulator's Google on loopback, a fresh store)
 * and each answer — status, the contract's headers, the body's exact text — compared with its
 * file in `__recorded__/`. A refactor that claims "no change of behaviour" proves it here: every
 * file must stay byte-identical. To re-record on purpose (a change the API means to make):
 * `npx vitest run app/api/recorded-answers.test.ts -u`, and review the diff of `__recorded__/`.
 *
 * Determinism at the source: Date is frozen (the emulator's clock, the store's timestamps and
 * every "now" read the same instant; timers still run), the emulator's world and seed are the
 * fixed defaults, and no probe or evaluator runs behind the requests.
 */

const SECRET = "recorded-answers-test-secret-".padEnd(40, "r");
// Only the requests' URL: nothing listens here, and no answer carries a port of the test's servers.
const ORIGIN = "http://127.0.0.1:3000";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-recorded-"));
const API_DIR = path.resolve("app/api");
// Headers that are part of the contract (the rest — date, vary, … — are Next's or the runtime's).
const RECORDED_HEADERS = ["content-type", "cache-control", "etag", "retry-after", "content-disposition", "location"];

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The route file serving `pathname` (a literal folder before a `[param]` one, as Next matches) and its params. */
function routeOf(pathname: string): { file: string; params: Record<string, string> } {
  let folder = API_DIR;
  const params: Record<string, string> = {};
  for (const segment of pathname.replace(/^\/api\//, "").split("/")) {
    if (fs.existsSync(path.join(folder, segment))) {
      folder = path.join(folder, segment);
      continue;
    }
    const dynamic = fs.readdirSync(folder).find((name) => /^\[[^.\]]+\]$/.test(name));
    if (!dynamic) throw new Error(`no route for ${pathname}`);
    params[dynamic.slice(1, -1)] = decodeURIComponent(segment);
    folder = path.join(folder, dynamic);
  }
  return { file: path.join(folder, "route.ts"), params };
}

type Recorded = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path and query, as the browser sends them. */
  url: string;
  /** null: no session. */
  role: Role | null;
  body?: string;
  /** An event stream that stays open: recorded up to the end of its first event, then hung up. */
  firstEvent?: boolean;
  /** Asked twice, the second time with the first answer's ETag: the second answer is recorded (304). */
  revalidate?: boolean;
  /** Replaces exactly the part of the body that no test can fix (say why where it is used). */
  mask?: (body: string) => string;
};

const cookies = new Map<Role, Promise<string>>();
const cookieOf = (role: Role): Promise<string> => {
  const hit = cookies.get(role) ?? sessionCookie(role, SECRET);
  cookies.set(role, hit);
  return hit;
};

async function answer(r: Recorded, ifNoneMatch?: string, signal?: AbortSignal): Promise<Response> {
  const { file, params } = routeOf(new URL(r.url, ORIGIN).pathname);
  const handler = ((await import(file)) as Record<string, Handler | undefined>)[r.method];
  if (!handler) throw new Error(`${file} exports no ${r.method}`);
  const headers: Record<string, string> = {};
  if (r.role) headers.cookie = await cookieOf(r.role);
  if (ifNoneMatch) headers["if-none-match"] = ifNoneMatch;
  if (r.method !== "GET") headers.origin = ORIGIN;
  if (r.body !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(r.body));
  }
  const req = new NextRequest(`${ORIGIN}${r.url}`, {
    method: r.method,
    headers,
    ...(signal ? { signal } : {}),
    ...(r.body !== undefined ? { body: r.body } : {}),
  });
  return handler(req, { params: Promise.resolve(params) });
}

/** The stream's text up to the blank line that ends its first event (`data:` lines included). */
async function firstEventOf(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  while (!/(^|\n)data: .*\n\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

/** The answer as one text: request line, role, status, the contract's headers, a blank line, the body's exact text. */
async function transcript(r: Recorded, res: Response): Promise<string> {
  const lines = [`${r.method} ${r.url}`, `role: ${r.role ?? "(no session)"}`];
  if (r.revalidate) lines.push("if-none-match: (the ETag of the same request's answer)");
  if (r.body !== undefined) lines.push(`request body: ${r.body}`);
  lines.push(`status: ${res.status}`);
  for (const name of RECORDED_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) lines.push(`${name}: ${value}`);
  }
  const body = r.firstEvent ? await firstEventOf(res) : await res.text();
  return `${lines.join("\n")}\n\n${r.mask ? r.mask(body) : body}`;
}

/** The request's words in a file name; a body's hash tells two writes to one URL apart. */
function fileNameOf(r: Recorded): string {
  const body = r.body === undefined ? "" : `-body-${createHash("sha256").update(r.body).digest("hex").slice(0, 8)}`;
  const name = `${r.method}${r.url}${r.revalidate ? "-revalidated" : ""}${body}-${r.role ?? "anonymous"}`;
  return `${name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 150)}.txt`;
}

const titleOf = (r: Recorded): string =>
  `${r.method} ${r.url} as ${r.role ?? "no session"}${r.revalidate ? ", revalidated" : ""}`;

const get = (url: string, role: Role | null): Recorded => ({ method: "GET", url, role });
const post = (url: string, role: Role | null, body: string): Recorded => ({ method: "POST", url, role, body });
const asReaders = (url: string): Recorded[] => [get(url, "viewer"), get(url, "admin")];

const WHAT_IF = JSON.stringify({
  services: [{ name: "backend", instances: 4, poolSize: 5, dbTimeoutSeconds: 8 }],
  connector: { machineType: "e2-micro", minInstances: 2, maxInstances: 3 },
  database: { maxConnections: 100 },
  seeds: 5,
});

const REQUESTS: Recorded[] = [
  // Reads, as a viewer and as an admin (answers differ by role where the role shows more).
  ...asReaders("/api/overview?range=1h"),
  ...asReaders("/api/overview?range=24h"),
  { ...get("/api/overview?range=1h", "viewer"), revalidate: true },
  ...asReaders("/api/overview/golden-path"),
  get("/api/overview/phases", "viewer"),
  ...asReaders("/api/metrics/startups?range=1h"),
  get("/api/metrics/startups?range=24h&service=backend", "viewer"),
  ...asReaders("/api/metrics/connector?range=1h"),
  get("/api/metrics/database?range=1h", "viewer"),
  get("/api/events?range=1h&page=1&pageSize=5", "viewer"),
  ...asReaders("/api/changes?range=24h"),
  ...asReaders("/api/probes"),
  ...asReaders("/api/probes/backend-health"),
  get("/api/probes/cloudsql-socket", "viewer"),
  get("/api/probes/cloudsql-socket/history?range=1h", "viewer"),
  ...asReaders("/api/slo"),
  get("/api/slo?service=backend", "viewer"),
  get("/api/slo/export", "viewer"),
  get("/api/slo/openslo", "viewer"),
  ...asReaders("/api/readiness"),
  get("/api/readiness?demoAt=14:00", "viewer"),
  ...asReaders("/api/tracker"),
  get("/api/tracker/conflicts", "viewer"),
  get("/api/tracker/history", "viewer"),
  get("/api/tracker/report?since=2025-09-10", "viewer"),
  get("/api/tracker/report?format=json&since=2025-09-10", "viewer"),
  ...asReaders("/api/maintenance"),
  get("/api/what-if/defaults?range=1h", "viewer"),
  {
    ...post("/api/what-if", "viewer", WHAT_IF),
    // The worker's own wall time (performance.now in a worker thread, which no test clock reaches).
    mask: (body) => body.replace(/"computeMs":\d+/, '"computeMs":"(measured)"'),
  },
  get("/api/openapi.json", "viewer"),
  get("/api/health", null),
  { ...get("/api/stream", "viewer"), firstEvent: true },
  // Admin reads (the notifications, digest and sessions pages); a viewer is refused (403).
  ...asReaders("/api/notifications"),
  ...asReaders("/api/notifications/digest?week=2025-W37"),
  get("/api/readiness/share-links", "admin"),
  get("/api/readiness/share-links", "viewer"),
  {
    ...get("/api/sessions?username=leader", "admin"),
    // A session id is 18 random bytes by design (it is the cookie's key): the one field masked.
    mask: (body) => body.replace(/"id":"[A-Za-z0-9_-]{24}"/g, '"id":"(random session id)"'),
  },
  get("/api/sessions", "viewer"),
  get("/api/internal/stats", "viewer"),
  // Without a session (401); a viewer's write its role may not make (403).
  get("/api/overview?range=1h", null),
  post("/api/maintenance", null, "{}"),
  post("/api/maintenance", "viewer", '{"scope":"overview","duration":"30m","reason":"x"}'),
  post("/api/slo/export", "viewer", "{}"),
  // Malformed input: a 4xx naming the field.
  get("/api/overview?range=5y", "viewer"),
  get("/api/metrics/connector?range=custom&from=2025-09-17T10:00:00Z", "viewer"),
  get("/api/events?page=0", "viewer"),
  get("/api/changes?kind=reboot", "viewer"),
  get("/api/tracker/history?limit=abc", "viewer"),
  get("/api/tracker/report?format=pdf", "viewer"),
  get("/api/readiness?demoAt=tomorrow", "viewer"),
  get("/api/slo?service=no-such-service", "viewer"),
  get("/api/notifications/digest?week=2025-W99", "admin"),
  get("/api/probes/Not%20A%20Probe", "viewer"),
  get("/api/probes/no-such-probe", "viewer"),
  get("/api/rehearsals/00000000-0000-4000-8000-000000000000/screenshots/end", "viewer"),
  get("/api/rehearsals/not-a-run/screenshots/end", "viewer"),
  post("/api/what-if", "viewer", "{not json"),
  post("/api/maintenance", "admin", "[1,2,3]"),
  post("/api/tracker/phases/infrastructure/actions", "admin", '{"zzUnknownField": true}'),
  post("/api/maintenance/not-a-window/end", "admin", "{}"),
  get("/api/share/not-a-share-token", null),
  // Last: the upstream calls this process made for every answer above (so it is only itself
  // when the whole list runs, in order: a run filtered with -t differs here, and only here).
  get("/api/internal/stats", "admin"),
];

/**
 * Fixed probe attempts, oldest first, 15 s apart and ending at the frozen instant: the probe
 * answers then carry states, a change, uptime and latency rather than only "unknown" (no probe
 * runs: its timings would differ every run).
 */
const ATTEMPTS: Record<string, AttemptStatus[]> = {
  "backend-health": ["up", "up", "up", "up"],
  "auth-health": ["up", "degraded", "up", "up"],
  "cloudsql-socket": ["up", "down", "down", "down"],
  "backend-websocket": ["up", "up", "up", "missing"],
};

function attempt(probe: string, type: ProbeResult["type"], status: AttemptStatus, at: number, i: number): ProbeResult {
  const ms = 40 + 25 * i + (status === "up" ? 0 : 900);
  return {
    probe,
    type,
    status,
    checkedAt: new Date(at).toISOString(),
    durationMs: ms,
    phases: [
      { phase: "connect", startMs: 0, durationMs: Math.round(ms / 4) },
      { phase: "total", startMs: 0, durationMs: ms },
    ],
    failedPhase: status === "up" ? null : "connect",
    errorClass: status === "up" || status === "degraded" ? null : status === "missing" ? "refused" : "timeout",
    errorMessage: status === "up" ? null : `recorded ${status} attempt`,
    conditions: [],
    details: {},
  };
}

async function seedProbeAttempts(): Promise<void> {
  const recorder = new ProbeRecorder(await getStore());
  for (const probe of getStagingConfig().probes) {
    let state = INITIAL_FLAP_STATE;
    (ATTEMPTS[probe.name] ?? []).forEach((status, i, all) => {
      const at = FIXED_NOW - (all.length - 1 - i) * 15_000;
      const next = applyAttempt(state, status, at, probe.flap);
      state = next.state;
      recorder.record({ result: attempt(probe.name, probe.type, status, at, i), state, change: next.change });
    });
  }
  await recorder.close();
}

let emulator: RunningEmulator;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: FIXED_NOW });
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", historyDays: 1 });
  // Google's two hosts only. The probe targets keep the config's defaults even if the shell
  // sets them: no probe runs, and the emulator's stand-ins listen on ports that differ per run,
  // which the probe answers show.
  for (const [name, value] of emulator.env)
    vi.stubEnv(name, name === "MONITORING_EMULATOR_HOST" || name === "LOGGING_EMULATOR_HOST" ? value : undefined);
  stubDemoAppEnv(SECRET, ORIGIN, dir);
  await seedProbeAttempts();
}, 60_000);
afterAll(async () => {
  await changeHub().close();
  await stopBackground().catch(() => undefined);
  await (await getStore()).close().catch(() => undefined);
  await emulator.close();
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe("the API answers byte for byte as recorded", () => {
  it("names each recorded answer once", () => {
    const names = REQUESTS.map(fileNameOf);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it.each(REQUESTS.map((r) => [titleOf(r), r] as const))("%s", async (_name, r) => {
    const hangUp = new AbortController();
    const first = await answer(r, undefined, hangUp.signal);
    if (r.revalidate) await first.body?.cancel();
    const res = r.revalidate ? await answer(r, first.headers.get("etag") ?? "(none)") : first;
    const text = await transcript(r, res);
    hangUp.abort();
    await expect(text).toMatchFileSnapshot(`__recorded__/${fileNameOf(r)}`);
  });
});
