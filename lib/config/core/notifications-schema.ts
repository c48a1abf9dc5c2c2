import { z } from "zod";
import { cronProblem } from "@/lib/config/core/maintenance/recurring";
import { forbiddenHost, forbiddenUrl } from "./forbidden-hosts";

/**
 * `notifications`: where alerts go (channels) and which alert goes where (rules). Secrets —
 * webhook URLs, PagerDuty routing keys, the SMTP password — are never in the file: a channel
 * names a NOTIFY_* environment variable that holds it (checked when the config is loaded).
 */

export const NOTIFY_ENV = /^NOTIFY_[A-Z0-9_]{1,60}$/;
const envName = z.string().regex(NOTIFY_ENV, "must name a NOTIFY_* environment variable, e.g. NOTIFY_SLACK_URL");
const channelId = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "must be lower-case letters, digits and dashes");

/** A URL written in the file (not a secret), refused when it points at metadata or link-local. */
export const safeUrl = z.url({ protocol: /^https?$/ }).superRefine((u, ctx) => {
  const why = forbiddenUrl(u);
  if (why) ctx.addIssue({ code: "custom", message: `refused: ${why}` });
});

const common = {
  id: channelId,
  /** For people and logs; a URL may hold a secret and is never shown. */
  name: z.string().min(1).max(80).optional(),
  timeoutMs: z.int().min(100).max(60_000).default(5_000),
  /** Attempts per message, with exponential back-off between them. */
  maxAttempts: z.int().min(1).max(20).default(6),
  /** Opt in to alerts that a maintenance window would otherwise hold back. */
  duringMaintenance: z.boolean().default(false),
};

const smtpHost = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, "must be a host name or address")
  .superRefine((h, ctx) => {
    const why = forbiddenHost(h);
    if (why) ctx.addIssue({ code: "custom", message: `refused: points at ${why}` });
  });

export const channelSchema = z.discriminatedUnion("kind", [
  /** Standard Webhooks JSON (the event itself, signed). */
  z.strictObject({ ...common, kind: z.literal("json"), urlEnv: envName }),
  z.strictObject({ ...common, kind: z.literal("slack"), urlEnv: envName }),
  z.strictObject({ ...common, kind: z.literal("googlechat"), urlEnv: envName }),
  z.strictObject({
    ...common,
    kind: z.literal("pagerduty"),
    routingKeyEnv: envName,
    eventsUrl: safeUrl.default("https://events.pagerduty.com/v2/enqueue"),
  }),
  z.strictObject({
    ...common,
    kind: z.literal("email"),
    smtp: z.strictObject({
      host: smtpHost,
      port: z.int().min(1).max(65_535).default(587),
      /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
      secure: z.boolean().default(false),
      user: z.string().min(1).max(200).optional(),
      passwordEnv: envName.optional(),
    }),
    from: z.email(),
    to: z.array(z.email()).min(1).max(20),
  }),
]);

/**
 * The shortest reminder interval. Reminders are looked for on the watcher's 10-s tick, so one
 * minute still arrives within a sixth of its interval; Gatus's `minimum-reminder-interval` has no
 * floor at all. A minute also lets the end-to-end test see a reminder on schedule through the
 * config, with no test-only path. A team that wants fewer sets more.
 */
export const REMIND_MIN_MINUTES = 1;

export const EVENT_KINDS = ["overview", "probe", "readiness", "slo", "rehearsal", "change"] as const;
export const SEVERITIES = ["page", "ticket", "info"] as const;

export const ruleSchema = z.strictObject({
  events: z
    .array(z.enum(EVENT_KINDS))
    .min(1)
    .default([...EVENT_KINDS]),
  severities: z
    .array(z.enum(SEVERITIES))
    .min(1)
    .default([...SEVERITIES]),
  channels: z.array(channelId).min(1),
  /** Also tell these channels when the thing recovers (PagerDuty then resolves). */
  sendOnResolved: z.boolean().default(true),
  /** While it stays red, remind the same channels this often; absent = never. */
  remindEveryMinutes: z
    .int()
    .min(REMIND_MIN_MINUTES)
    .max(7 * 24 * 60)
    .optional(),
});

/** Monday 09:00 in London: the start of leadership's week (British summer time included). */
export const DIGEST_DEFAULT_SCHEDULE = { cron: "0 9 * * 1", timeZone: "Europe/London" } as const;

/** `notifications.digest`: the weekly digest (decision 0029); off when absent. */
export const digestSchema = z.strictObject({
  channels: z.array(channelId).min(1).max(20),
  schedule: z
    .strictObject({
      cron: z.string().min(9).max(100).default(DIGEST_DEFAULT_SCHEDULE.cron),
      timeZone: z.string().min(1).max(64).default(DIGEST_DEFAULT_SCHEDULE.timeZone),
    })
    .superRefine((s, ctx) => {
      const why = cronProblem(s.cron, s.timeZone);
      if (why) ctx.addIssue({ code: "custom", path: ["cron"], message: why });
    })
    .prefault({}),
});

export const notificationsSchema = z
  .strictObject({
    channels: z.array(channelSchema).default([]),
    /** Absent: the defaults (docs/notifications.md): paging channels get page alerts, every other channel everything. */
    rules: z.array(ruleSchema).optional(),
    digest: digestSchema.optional(),
  })
  .superRefine((n, ctx) => {
    const ids = new Set<string>();
    n.channels.forEach((c, i) => {
      if (ids.has(c.id))
        ctx.addIssue({ code: "custom", path: ["channels", i, "id"], message: `duplicate channel id "${c.id}"` });
      ids.add(c.id);
    });
    n.rules?.forEach((r, i) =>
      r.channels.forEach((c, j) => {
        if (!ids.has(c))
          ctx.addIssue({ code: "custom", path: ["rules", i, "channels", j], message: `unknown channel "${c}"` });
      }),
    );
    n.digest?.channels.forEach((id, j) => {
      const c = n.channels.find((x) => x.id === id);
      const path = ["digest", "channels", j];
      if (!c) ctx.addIssue({ code: "custom", path, message: `unknown channel "${id}"` });
      // A digest is a report, not an incident: PagerDuty would open one every week.
      else if (c.kind === "pagerduty")
        ctx.addIssue({ code: "custom", path, message: `channel "${id}" is PagerDuty, which is not a digest channel` });
    });
  });

export type DigestConfig = z.infer<typeof digestSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;
export type ChannelKind = ChannelConfig["kind"];
export type RuleConfig = z.infer<typeof ruleSchema>;
export type NotificationsConfig = z.infer<typeof notificationsSchema>;
export type EventKind = (typeof EVENT_KINDS)[number];
export type Severity = (typeof SEVERITIES)[number];

/** The NOTIFY_* variables a channel needs. */
export function secretNames(c: ChannelConfig): string[] {
  switch (c.kind) {
    case "json":
    case "slack":
    case "googlechat":
      return [c.urlEnv];
    case "pagerduty":
      return [c.routingKeyEnv];
    case "email":
      return c.smtp.passwordEnv ? [c.smtp.passwordEnv] : [];
  }
}
