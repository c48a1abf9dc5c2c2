import { sentDigestSchema } from "@/lib/digest/sent";
import { digestModelSchema } from "@/lib/notifications/core/digest";
import { digestQuerySchema } from "@/lib/notifications/schemas";
import { errorResponse, jsonOk } from "../standard";
import type { RouteSpec } from "../types";

/** The weekly digest (decision 0029): its preview and "send now", for admins. */

export const digestRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/notifications/digest",
    tag: "Notifications",
    summary: "The weekly digest's model for a week (the preview), from the same models as the pages",
    description:
      "`week` is an ISO week (`2026-W49`, Monday 00:00 UTC to the next Monday); absent, the last complete week. A figure that cannot be read or is stale is null with `unknown` saying why.",
    query: [digestQuerySchema],
    responses: jsonOk("The digest model.", digestModelSchema),
  },
  {
    method: "POST",
    path: "/api/notifications/digest/send",
    tag: "Notifications",
    summary: "Send the last complete week's digest now to the digest channels that have not had it",
    description:
      "Idempotent per week and channel (the delivery ledger's key): a second call queues nothing. Audited. Delivery is retried like every notification.",
    responses: {
      ...jsonOk("Which channels were queued and which had it already.", sentDigestSchema),
      409: errorResponse("The weekly digest is off (`conflict`): no `notifications.digest` in the staging config."),
    },
  },
];
