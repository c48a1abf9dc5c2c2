import { z } from "zod";
import { sessionListSchema } from "@/lib/auth/session-views";
import { errorResponse, jsonOk } from "../standard";
import type { RouteSpec } from "../types";

/**
 * Sign-in sessions (admins). The handlers declare their input schemas inside the route files
 * (app/api/sessions/**), which may export nothing but handlers; these restate them exactly and
 * the handler contract test sends the malformed cases to the real handlers.
 */

const sessionsQuery = z.strictObject({
  username: z.string().trim().min(1).max(254).optional().describe("Only this user's sessions."),
});
const sessionIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{24}$/, "must be a session id") });
const blockParams = z.object({ email: z.email("must be an email address").max(254) });

export const sessionEndedSchema = z.strictObject({ ended: z.string() });
export const unblockedSchema = z.strictObject({ unblocked: z.string() });

export const sessionRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/sessions",
    tag: "Sessions",
    summary: "Sign-in sessions of the last 12 hours, newest first, with their state, and the addresses shut out",
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
    description:
      "An Identity-Aware Proxy session ended by another user also shuts its address out until DELETE /api/sessions/blocks/{email} (decision 0020): IAP signs its users in again on every request.",
    params: sessionIdParams,
    responses: {
      ...jsonOk("The session ended.", sessionEndedSchema),
      404: errorResponse("No active session with that id (unknown or already ended)."),
    },
  },
  {
    method: "DELETE",
    path: "/api/sessions/blocks/{email}",
    tag: "Sessions",
    summary: "Let an address that was shut out come back in",
    params: blockParams,
    responses: {
      ...jsonOk("The address may come in again (with a new session).", unblockedSchema),
      404: errorResponse("That address is not shut out."),
    },
  },
];
