import { z } from "zod";
import type { SessionView } from "@/lib/auth/sessions";
import { mirrors } from "../mirror";
import { errorResponse, jsonOk } from "../standard";
import type { RouteContract } from "../types";

/**
 * Sign-in sessions (admins). The handlers declare their input schemas inside the route files
 * (app/api/sessions/**), which may export nothing but handlers; these restate them exactly and
 * the handler contract test sends the malformed cases to the real handlers.
 */

const manage = { permission: "users:manage" } as const;

const sessionsQuery = z.strictObject({
  username: z.string().trim().min(1).max(254).optional().describe("Only this user's sessions."),
});
const sessionIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{24}$/, "must be a session id") });

const sessionViewSchema = mirrors<SessionView>()(
  z.strictObject({
    id: z.string(),
    username: z.string(),
    provider: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    state: z.enum(["active", "revoked", "expired", "idle"]),
    userAgent: z.string().nullable(),
  }),
);

export const sessionListSchema = mirrors<{ sessions: SessionView[] }>()(
  z.strictObject({ sessions: z.array(sessionViewSchema) }),
);
export const sessionEndedSchema = z.strictObject({ ended: z.string() });

export const sessionRoutes: RouteContract[] = [
  {
    method: "GET",
    path: "/api/sessions",
    tag: "Sessions",
    summary: "Sign-in sessions of the last 12 hours, newest first, with their state",
    access: manage,
    query: [sessionsQuery],
    responses: jsonOk(
      "At most 500 sessions; only those started in the last 12 h can still be active.",
      sessionListSchema,
    ),
  },
  {
    method: "DELETE",
    path: "/api/sessions/{id}",
    tag: "Sessions",
    summary: "End one sign-in session, for every copy of its cookie",
    access: manage,
    params: sessionIdParams,
    responses: {
      ...jsonOk("The session ended.", sessionEndedSchema),
      404: errorResponse("No active session with that id (unknown or already ended)."),
    },
  },
];
