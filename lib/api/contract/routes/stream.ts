import { z } from "zod";
import { streamChangeSchema, streamHelloSchema } from "@/lib/stream/core/events";
import { streamQuerySchema } from "@/lib/stream/core/sse";
import { errorResponse } from "../standard";
import { MEDIA, type RouteSpec } from "../types";

/** The push channel to open pages (decision 0027). */

/** One event's `data`, by event name: `hello` first, then `change`s, and `end` when the session ends. */
export const streamEventDataSchema = z.union([
  streamHelloSchema.describe("event: hello — where the feed stands; `reset` means refetch everything."),
  streamChangeSchema.describe("event: change (id: its feed position) — what changed and when."),
  z.strictObject({ reason: z.string() }).describe("event: end — the session ended; the stream closes."),
]);

export const streamRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/stream",
    tag: "Live updates",
    summary: "Server-sent events: Overview verdict, golden-path probe and demo-readiness changes",
    description:
      "A text/event-stream that stays open: `retry:`, an `event: hello`, then `event: change` with `id:` (the feed position) for every recorded change, and a comment line every 15 s. Reconnecting with `Last-Event-ID` (or `?lastEventId=`) replays up to 100 missed changes; further behind, `hello.reset` is true. `reasons` and `likelyCause` are sent only to roles with probes:run. The stream ends within 2 s of the session ending (sign-out, revocation, block, role change).",
    query: [streamQuerySchema],
    responses: {
      200: { description: "The event stream.", content: { [MEDIA.eventStream]: streamEventDataSchema } },
      400: errorResponse("A malformed `Last-Event-ID` header or `lastEventId` query parameter (named in `issues`)."),
    },
  },
];
