import { channelParamsSchema } from "@/lib/notifications/schemas";
import { notificationsViewSchema, testResultSchema } from "@/lib/notifications/view-shapes";
import { errorResponse, jsonOk } from "../standard";
import type { RouteSpec } from "../types";

/** Notification channels (admins): what is configured and delivered, and "send a test" (decision 0024). */

export const notificationRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/notifications",
    tag: "Notifications",
    summary:
      "Channels (without secrets), the routing rules in force, and the latest 50 deliveries with status and answer",
    responses: jsonOk("The channels, rules and deliveries.", notificationsViewSchema),
  },
  {
    method: "POST",
    path: "/api/notifications/channels/{channel}/test",
    tag: "Notifications",
    summary: "Send a test message to one channel now and return the receiver's answer",
    description:
      "Outside the delivery ledger: one attempt with the channel's timeout. A PagerDuty test is a trigger and at once its resolve. A failed send is still 200, with `ok: false` and the error as `answer`.",
    params: channelParamsSchema,
    responses: {
      ...jsonOk("What the receiver answered.", testResultSchema),
      404: errorResponse("No channel with that id in the staging config."),
      429: errorResponse("The admin's test limit is spent (`rate_limited`, 10 a minute across replicas).", {
        "Retry-After": "Seconds until another test may be sent.",
      }),
    },
  },
];
