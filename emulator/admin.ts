import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import { z } from "zod";
import { scenarioNames } from "./model";
import { listenOn } from "./standin-server";
import type { EmulatorState } from "./state";

/**
 * Admin endpoint on loopback: GET /state, POST /scenario {"scenario": "healthy"} (optionally
 * "backdateMinutes": 61 — the switch took effect that long ago), POST /time-scale
 * {"timeScale": 10}, POST /standin {"service": "backend", "mode": "down"} (a stand-in forced
 * to answer one way, "model" to follow the model again). Bad bodies get 400 naming the field.
 *
 * It can switch staging to healthy, so it is not a false-green button for any web page open
 * on the demo machine: requests whose Host or Origin is not loopback are refused (DNS
 * rebinding, cross-site forms), and every change needs `Authorization: Bearer <token>` with
 * the token printed at start (a custom header a cross-origin page cannot send without a CORS
 * preflight this server never grants).
 */

const scenarioBody = z.strictObject({
  scenario: z.enum(scenarioNames as [string, ...string[]]),
  recoverAfterMinutes: z.number().positive().max(10_000).optional(),
  backdateMinutes: z
    .number()
    .min(0)
    .max(30 * 1440)
    .optional(),
});
const timeScaleBody = z.strictObject({ timeScale: z.number().positive().max(10_000) });
const standinBody = z.strictObject({
  service: z.string().min(1).max(100),
  mode: z.enum(["model", "up", "slow", "down", "hang"]),
});

const LOOPBACK_HOST = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])(?::\d{1,5})?$/i;

/** Host must name loopback; an Origin, when sent, must be a loopback http(s) origin. */
export function isLoopbackRequest(headers: http.IncomingHttpHeaders): boolean {
  if (!LOOPBACK_HOST.test(headers.host ?? "")) return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === "http:" || u.protocol === "https:") && LOOPBACK_HOST.test(u.host);
  } catch {
    return false;
  }
}

function hasToken(headers: http.IncomingHttpHeaders, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1] ?? "";
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const MAX_BODY = 64 * 1024;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
}

function badRequest(res: http.ServerResponse, error: z.ZodError): void {
  const issues = error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
  const first = issues[0];
  send(res, 400, { error: "bad_request", message: first ? `${first.field}: ${first.message}` : "Bad request", issues });
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
}

export async function startAdmin(options: {
  state: EmulatorState;
  host: string;
  port: number;
  token: string;
  log: (line: string) => void;
  onChange?: () => void;
}) {
  const { state, log } = options;
  const server = http.createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://emulator").pathname;
      if (!isLoopbackRequest(req.headers)) {
        log(
          `[admin] refused ${req.method ?? "?"} ${path}: host ${req.headers.host ?? "-"}, origin ${req.headers.origin ?? "-"} is not loopback`,
        );
        return send(res, 403, {
          error: "forbidden",
          message: "the emulator admin answers loopback hosts and origins only",
        });
      }
      if (req.method === "GET" && path === "/state") return send(res, 200, state.snapshot());
      if (req.method !== "POST" || (path !== "/scenario" && path !== "/time-scale" && path !== "/standin"))
        return send(res, 404, { error: "not_found", path });
      if (!hasToken(req.headers, options.token)) {
        return send(res, 401, {
          error: "unauthorized",
          message: "send Authorization: Bearer <STAGEWATCH_EMULATOR_ADMIN_TOKEN printed at start>",
        });
      }
      let body: unknown;
      try {
        body = await readJson(req);
      } catch {
        return send(res, 400, { error: "bad_request", message: "(body): expected a JSON object of at most 64 KB" });
      }
      if (path === "/scenario") {
        const parsed = scenarioBody.safeParse(body);
        if (!parsed.success) return badRequest(res, parsed.error);
        if (parsed.data.recoverAfterMinutes !== undefined) state.recoverAfterMinutes = parsed.data.recoverAfterMinutes;
        state.setScenario(parsed.data.scenario as (typeof scenarioNames)[number], parsed.data.backdateMinutes ?? 0);
        log(
          `[admin] scenario → ${parsed.data.scenario}${parsed.data.backdateMinutes ? ` (backdated ${parsed.data.backdateMinutes} min)` : ""}`,
        );
      } else if (path === "/standin") {
        const parsed = standinBody.safeParse(body);
        if (!parsed.success) return badRequest(res, parsed.error);
        if (!state.world.services.some((s) => s.name === parsed.data.service)) {
          return send(res, 400, {
            error: "bad_request",
            message: `service: no stand-in named "${parsed.data.service}"`,
            issues: [{ field: "service", message: "unknown service" }],
          });
        }
        state.forceStandin(parsed.data.service, parsed.data.mode === "model" ? null : parsed.data.mode);
        log(`[admin] stand-in ${parsed.data.service} → ${parsed.data.mode}`);
      } else {
        const parsed = timeScaleBody.safeParse(body);
        if (!parsed.success) return badRequest(res, parsed.error);
        state.setTimeScale(parsed.data.timeScale);
        log(`[admin] time scale → ${parsed.data.timeScale}`);
      }
      options.onChange?.();
      return send(res, 200, state.snapshot());
    })().catch((err: unknown) => {
      log(`[admin] ${(err as Error).message}`);
      if (!res.headersSent) send(res, 500, { error: "internal" });
    });
  });
  return {
    port: await listenOn(server, options.port, options.host),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
