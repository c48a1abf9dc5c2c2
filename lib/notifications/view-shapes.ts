import { z } from "zod";

/**
 * What the Notifications page and the notification routes answer admins, as zod schemas whose
 * output is the type (./view.ts and ./test-message.ts build them; the API contract documents
 * them). Plain data, so the contract loads it without the store or the senders.
 */

export const channelViewSchema = z.strictObject({
  id: z.string(),
  name: z.string().nullable(),
  /** A ChannelTarget's kind (./channels.ts): the view is built from one, so a new kind fails the build here. */
  kind: z.enum(["json", "slack", "googlechat", "pagerduty", "email"]),
  destination: z.string().nullable().describe("Mail recipients or a PagerDuty endpoint's host; never a secret."),
  timeoutMs: z.number(),
  maxAttempts: z.number(),
  duringMaintenance: z.boolean(),
  legacy: z.boolean().describe("From the deprecated readiness.webhooks: told every alert."),
});
export type ChannelView = z.infer<typeof channelViewSchema>;

export const ruleViewSchema = z.strictObject({
  events: z.array(z.string()),
  severities: z.array(z.string()),
  channels: z.array(z.string()),
  sendOnResolved: z.boolean(),
  remindEveryMinutes: z.number().nullable(),
});
export type RuleView = z.infer<typeof ruleViewSchema>;

export const deliveryViewSchema = z.strictObject({
  source: z.enum(["notification", "readiness", "slo"]),
  change: z.string(),
  channel: z.string(),
  status: z.string().describe("pending, sending, delivered, failed, or held (with the reason in `error`)."),
  attempts: z.number(),
  deliveredAt: z.string().nullable(),
  answer: z.string().nullable().describe("The first bytes of the receiver's answer."),
  error: z.string().nullable(),
});
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export const notificationsViewSchema = z.strictObject({
  channels: z.array(channelViewSchema),
  rules: z.array(ruleViewSchema),
  defaultRules: z.boolean(),
  deliveries: z.array(deliveryViewSchema),
});
export type NotificationsView = z.infer<typeof notificationsViewSchema>;

/** "Send a test": the receiver's answer or the error, and how long it took. */
export const testResultSchema = z.strictObject({
  channel: z.string(),
  kind: z.string(),
  ok: z.boolean(),
  answer: z.string(),
  tookMs: z.number(),
});
export type TestResult = z.infer<typeof testResultSchema>;
