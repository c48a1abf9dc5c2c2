import http from "node:http";
import { z } from "zod";
import { scenarioNames } from "@/lib/model";
import type { EmulatorState } from "./state";

/**
 * Admin endpoint on loopback: GET /state, POST /scenario {"scenario": "healthy"} (optionally
 * "backdateMinutes": 61 — the switch took effect that long ago), POST /time-scale
 * {"timeScale": 10}. Bad bodies get 400 naming the field.
 */

const scenarioBody = z.strictObject({
  scenario: z.enum(scenarioNames as [string, ...string[]]),
  recoverAfterMinutes: z.number().positive().max(10_000).optional(),
  backdateMinutes: z.number().min(0).max(30 * 1440).optional(),
});
const timeScaleBody = z.strictObject({ timeScale: z.number().positive().max(10_000) });

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

export async function startAdmin(options: { state: EmulatorState; host: string; port: number; log: (line: string) => void; onChange?: () => void }) {
  const { state, log } = options;
  const server = http.createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://emulator").pathname;
      if (req.method === "GET" && path === "/state") return send(res, 200, state.snapshot());
      if (req.method !== "POST" || (path !== "/scenario" && path !== "/time-scale")) return send(res, 404, { error: "not_found", path });
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
        log(`[admin] scenario → ${parsed.data.scenario}${parsed.data.backdateMinutes ? ` (backdated ${parsed.data.backdateMinutes} min)` : ""}`);
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
  server.listen({ port: options.port, host: options.host });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
