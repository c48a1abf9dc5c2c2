import { z } from "zod";
import { channelParamsSchema } from "@/lib/notifications/schemas";
import type { TestResult } from "@/lib/notifications/test-message";
import type { NotificationsView } from "@/lib/notifications/view";
import { mirrors } from "../mirror";
import { errorResponse, jsonOk } from "../standard";
import type { RouteContract } from "../types";

/** Notification channels (admins): what is configured and delivered, and "send a test" (decision 0024). */

const manage = { permission: "notifications:manage" } as const;
const kind = z.enum(["json", "slack", "googlechat", "pagerduty", "email"]);

export const notificationsViewSchema = mirrors<NotificationsView>()(
  z.strictObject({
    channels: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string().nullable(),
        kind,
        destination: z.string().nullable().describe("Mail recipients or a PagerDuty endpoint's host; never a secret."),
        timeoutMs: z.number(),
        maxAttempts: z.number(),
        duringMaintenance: z.boolean(),
        legacy: z.boolean().describe("From the deprecated readiness.webhooks: told every alert."),
      }),
    ),
    rules: z.array(
      z.strictObject({
        events: z.array(z.string()),
        severities: z.array(z.string()),
        channels: z.array(z.string()),
        sendOnResolved: z.boolean(),
        remindEveryMinutes: z.number().nullable(),
      }),
    ),
    defaultRules: z.boolean(),
    deliveries: z.array(
      z.strictObject({
        source: z.enum(["notification", "readiness", "slo"]),
        change: z.string(),
        channel: z.string(),
        status: z.string().describe("pending, sending, delivered, failed, or held (with the reason in `error`)."),
        attempts: z.number(),
        deliveredAt: z.string().nullable(),
        answer: z.string().nullable().describe("The first bytes of the receiver's answer."),
        error: z.string().nullable(),
      }),
    ),
  }),
);

export const testResultSchema = mirrors<TestResult>()(
  z.strictObject({ channel: z.string(), kind: z.string(), ok: z.boolean(), answer: z.string(), tookMs: z.number() }),
);

export const notificationRoutes: RouteContract[] = [
  {
    method: "GET",
    path: "/api/notifications",
    tag: "Notifications",
    summary:
      "Channels (without secrets), the routing rules in force, and the latest 50 deliveries with status and answer",
    access: manage,
    responses: jsonOk("The channels, rules and deliveries.", notificationsViewSchema),
  },
  {
    method: "POST",
    path: "/api/notifications/channels/{channel}/test",
    tag: "Notifications",
    summary: "Send a test message to one channel now and return the receiver's answer",
    description:
      "Outside the delivery ledger: one attempt with the channel's timeout. A PagerDuty test is a trigger and at once its resolve. A failed send is still 200, with `ok: false` and the error as `answer`.",
    access: manage,
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
