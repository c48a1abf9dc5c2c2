/**
 * One Stagewatch replica without Next, for the several-replicas integration test
 * (lib/server/replicas.test.ts): the same background code the app starts from instrumentation
 * (leader election, probes, fencing, SIGTERM) and the same tracker edit functions its route
 * handlers call, behind a plain HTTP server on loopback. Run with
 * `node --conditions=react-server --import tsx lib/testing/replica-main.ts` (react-server makes
 * `server-only` importable), configured by the same environment variables as the app.
 */
import http from "node:http";
import { sql } from "kysely";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { getStagingConfig } from "@/lib/config/staging-config";
import { backgroundRole, startBackground, stopBackground } from "@/lib/server/background";
import { checkReady } from "@/lib/server/ready-check";
import { exitGracefullyOnSigterm } from "@/lib/server/shutdown";
import { getStore } from "@/lib/store/db";
import { createAction, updatePhase } from "@/lib/tracker/edits";
import { answeringRefusal } from "@/lib/tracker/http";
import { actionCreateSchema, phasePatchSchema } from "@/lib/tracker/schemas";
import { defaultTrackerContext } from "@/lib/tracker/state";

const actor = { name: "replica-test", role: "engineer" };

async function body(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
}

async function handle(req: http.IncomingMessage): Promise<[number, unknown]> {
  const url = new URL(req.url ?? "/", "http://replica");
  const [, kind, id] = url.pathname.split("/");
  if (req.method === "GET" && kind === "ready") {
    const report = await checkReady(
      {
        pingStore: async () => void (await sql`select 1`.execute((await getStore()).db)),
        checkConfig: () => void getStagingConfig(),
        role: backgroundRole,
        // The replica tests are about the store and the lease; Google is not read here.
        googleAccess: async () => ({ state: "emulator" }),
      },
      Date.now(),
    );
    return [report.ready ? 200 : 503, report];
  }
  if (req.method === "PATCH" && kind === "phase" && id) {
    return [
      200,
      await answeringRefusal(
        updatePhase(
          await defaultTrackerContext(),
          id,
          parseOrThrow(phasePatchSchema, await body(req)),
          actor,
          Date.now(),
        ),
      ),
    ];
  }
  if (req.method === "POST" && kind === "action" && id) {
    return [
      200,
      await answeringRefusal(
        createAction(
          await defaultTrackerContext(),
          id,
          parseOrThrow(actionCreateSchema, await body(req)),
          actor,
          Date.now(),
        ),
      ),
    ];
  }
  return [404, { error: "not_found" }];
}

const server = http.createServer((req, res) => {
  handle(req)
    .catch((err: unknown): [number, unknown] =>
      err instanceof ApiError
        ? [err.status, { error: err.code, message: err.message, ...err.extra }]
        : [500, { error: String(err) }],
    )
    .then(([status, json]) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`replica listening ${typeof address === "object" && address ? address.port : 0}`);
});
void startBackground().catch((err: unknown) => console.error("background:", err));
exitGracefullyOnSigterm(async () => {
  server.close();
  await stopBackground();
});
