import { z } from "zod";
import type { SentDigest } from "@/lib/digest/service";
import type { DigestModel } from "@/lib/health/notifications/digest";
import { digestQuerySchema } from "@/lib/notifications/schemas";
import { mirrors } from "../mirror";
import { errorResponse, jsonOk } from "../standard";
import type { RouteContract } from "../types";

/** The weekly digest (decision 0029): its preview and "send now", for admins. */

const manage = { permission: "notifications:manage" } as const;

const figure = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    value: value.nullable(),
    measuredAt: z.string().nullable(),
    unknown: z.string().nullable().describe("Why the figure is unknown (stale, missing, unreadable); null when known."),
  });
const pair = z.strictObject({ week: figure(z.number()), previous: figure(z.number()) });
const span = z.strictObject({ id: z.string(), start: z.string(), end: z.string() });
const timeShare = {
  ms: z.record(z.string(), z.number()).nullable().describe("Milliseconds per state, `unknown` included."),
  share: z.record(z.string(), z.number()).nullable(),
  measuredAt: z.string().nullable(),
  unknown: z.string().nullable(),
};

export const digestModelSchema = mirrors<DigestModel>()(
  z.strictObject({
    kind: z.literal("stagewatch.weekly-digest"),
    week: span,
    previousWeek: span,
    generatedAt: z.string(),
    url: z.string().nullable(),
    startupSuccess: pair.describe("The Start-ups page's overall success rate over each week."),
    slos: z.strictObject({
      items: z.array(
        z.strictObject({
          id: z.string(),
          service: z.string(),
          objective: z.number(),
          windowDays: z.number(),
          budgetRemaining: pair.describe("The SLO page's budget left at the end of each week."),
          attainment: pair,
        }),
      ),
      unknown: z.string().nullable(),
    }),
    overview: z.strictObject({
      ...timeShare,
      redMs: z
        .number()
        .nullable()
        .describe(
          "Time the Overview was recorded down (a lower bound when part of the week is unknown); null when no minute of the week is known.",
        ),
    }),
    readiness: z.strictObject(timeShare),
    incident: figure(
      z.strictObject({
        incidentId: z.string(),
        title: z.string(),
        severity: z.string(),
        incidentStatus: z.string(),
        progressText: z.string(),
        phases: z.array(z.strictObject({ name: z.string(), order: z.number(), status: z.string() })),
        evaluatedAt: z.string().nullable(),
      }),
    ),
    changes: figure(z.strictObject({ count: z.number(), truncated: z.boolean() })),
  }),
);

const sentSchema = mirrors<SentDigest>()(
  z.strictObject({
    week: z.string(),
    model: digestModelSchema,
    queued: z.array(z.string()).describe("Channels owed the digest by this call."),
    already: z.array(z.string()).describe("Channels that had it already (sent or on their way)."),
  }),
);

export const digestRoutes: RouteContract[] = [
  {
    method: "GET",
    path: "/api/notifications/digest",
    tag: "Notifications",
    summary: "The weekly digest's model for a week (the preview), from the same models as the pages",
    description:
      "`week` is an ISO week (`2026-W49`, Monday 00:00 UTC to the next Monday); absent, the last complete week. A figure that cannot be read or is stale is null with `unknown` saying why.",
    access: manage,
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
    access: manage,
    responses: {
      ...jsonOk("Which channels were queued and which had it already.", sentSchema),
      409: errorResponse("The weekly digest is off (`conflict`): no `notifications.digest` in the staging config."),
    },
  },
];
