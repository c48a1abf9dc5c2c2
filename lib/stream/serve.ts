import "server-only";
import type { NextRequest } from "next/server";
import { parseOrThrow } from "@/lib/base/api-error";
import { sessionRecheck, type SessionUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { streamHeadersSchema, streamQuerySchema } from "@/lib/stream/core/sse";
import { getStore } from "@/lib/store/db";
import { changeStream } from "./change-stream";
import { changeHub } from "./hub";

const EVENT_STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: a proxy must not compress (and so buffer) the stream.
  "Cache-Control": "private, no-store, no-transform",
  // nginx-style proxies (and some load balancers) buffer unless told not to.
  "X-Accel-Buffering": "no",
};

/** GET /api/stream for `user`: 400 naming a malformed Last-Event-ID, else the stream. */
export async function serveChangeStream(req: NextRequest, user: SessionUser): Promise<Response> {
  const query = parseOrThrow(streamQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  const header = req.headers.get("last-event-id");
  const headers = parseOrThrow(streamHeadersSchema, header === null ? {} : { "Last-Event-ID": header });
  const showDetail = can(user.role, "probes:run");
  const recheck = await sessionRecheck(req);
  const stream = changeStream({
    hub: changeHub(),
    db: (await getStore()).db,
    showDetail,
    lastEventId: headers["Last-Event-ID"] ?? query.lastEventId ?? null,
    signal: req.signal,
    // The same look every API request takes (cookie session or IAP header); a changed role
    // ends the stream too, so the reconnect is filtered for the new one.
    stillAllowed: async () => {
      const now = await recheck();
      return now !== null && can(now.role, "read") && can(now.role, "probes:run") === showDetail;
    },
  });
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
}
