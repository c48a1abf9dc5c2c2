import { z } from "zod";
import { defaultRules } from "@/lib/notifications/core/routing";
import { REMIND_MIN_MINUTES, type ChannelConfig, type RuleConfig } from "@/lib/config/core/notifications-schema";

/**
 * Gatus's `alerting:` providers and endpoints' `alerts:` as Stagewatch channels and routing
 * rules. Secrets stay out of the staging config: each channel names a NOTIFY_* variable and the
 * import says which Gatus field to copy into it (never the value itself). Stagewatch routes by
 * event and severity, not per endpoint, so each provider becomes one rule for probe alerts with
 * the first alert's `send-on-resolved` and reminder interval; what differs is reported.
 */

const gatusDuration = z.string().regex(/^(\d+(?:\.\d+)?(ms|s|m|h))+$/);
const defaultAlert = z
  .looseObject({
    "send-on-resolved": z.boolean().optional(),
    "minimum-reminder-interval": gatusDuration.optional(),
  })
  .optional();
const provider = z.looseObject({ "default-alert": defaultAlert });
export const alertingSchema = z
  .looseObject({
    slack: provider.optional(),
    googlechat: provider.optional(),
    pagerduty: provider.optional(),
    email: provider
      .extend({
        from: z.string().optional(),
        to: z.string().optional(),
        host: z.string().optional(),
        port: z.int().optional(),
        username: z.string().optional(),
      })
      .optional(),
    custom: provider.optional(),
  })
  .optional();
export const endpointAlertSchema = z.looseObject({
  type: z.string().optional(),
  enabled: z.boolean().optional(),
  "send-on-resolved": z.boolean().optional(),
  "minimum-reminder-interval": gatusDuration.optional(),
});
export type EndpointAlert = z.infer<typeof endpointAlertSchema>;
type Alerting = NonNullable<z.infer<typeof alertingSchema>>;

export type AlertingImport = {
  channels: ChannelConfig[];
  rules: RuleConfig[];
  /** "NOTIFY_GATUS_SLACK_URL: alerting.slack.webhook-url" — what to set, never the value. */
  secrets: string[];
  report: string[];
};

const CARRIED = ["slack", "googlechat", "pagerduty", "email", "custom"] as const;
type Carried = (typeof CARRIED)[number];
const isCarried = (t: string): t is Carried => (CARRIED as readonly string[]).includes(t);

function minutes(d: string | undefined): number | undefined {
  if (!d) return undefined;
  let ms = 0;
  for (const m of d.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    ms += Number(m[1]) * ({ ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const)[m[2] as "ms" | "s" | "m" | "h"];
  return Math.min(7 * 24 * 60, Math.max(REMIND_MIN_MINUTES, Math.ceil(ms / 60_000)));
}

const base = { timeoutMs: 5_000, maxAttempts: 6, duringMaintenance: false };

function channelOf(type: Carried, alerting: Alerting, report: (l: string) => void): [ChannelConfig, string] | null {
  const id = `gatus-${type}`;
  switch (type) {
    case "slack":
    case "googlechat":
      return [
        { ...base, id, kind: type, urlEnv: `NOTIFY_GATUS_${type.toUpperCase()}_URL` },
        `NOTIFY_GATUS_${type.toUpperCase()}_URL: alerting.${type}.webhook-url`,
      ];
    case "custom":
      report(
        "alerting.custom: became a Standard Webhooks JSON channel; its method, body template and headers were left out",
      );
      return [
        { ...base, id, kind: "json", urlEnv: "NOTIFY_GATUS_CUSTOM_URL" },
        "NOTIFY_GATUS_CUSTOM_URL: alerting.custom.url",
      ];
    case "pagerduty":
      return [
        {
          ...base,
          id,
          kind: "pagerduty",
          routingKeyEnv: "NOTIFY_GATUS_PAGERDUTY_KEY",
          eventsUrl: "https://events.pagerduty.com/v2/enqueue",
        },
        "NOTIFY_GATUS_PAGERDUTY_KEY: alerting.pagerduty.integration-key",
      ];
    case "email": {
      const e = alerting.email;
      const to = (e?.to ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (!e?.from || !e.host || to.length === 0) {
        report("alerting.email: left out, it needs from, host and to");
        return null;
      }
      return [
        {
          ...base,
          id,
          kind: "email",
          from: e.from,
          to,
          smtp: {
            host: e.host,
            port: e.port ?? 587,
            secure: e.port === 465,
            ...(e.username ? { user: e.username, passwordEnv: "NOTIFY_GATUS_SMTP_PASSWORD" } : {}),
          },
        },
        "NOTIFY_GATUS_SMTP_PASSWORD: alerting.email.password",
      ];
    }
  }
}

/**
 * Channels and rules for the providers the endpoints' alerts use. `alerts` lists, per imported
 * probe, its Gatus alerts; `existing` are the channels already in the staging config (which keep
 * their routing: when the config had no rules, its defaults are written out for them).
 */
export function importAlerting(
  rawAlerting: unknown,
  alerts: readonly { probe: string; alerts: readonly EndpointAlert[] }[],
  existing: { channels: readonly ChannelConfig[]; rules: readonly RuleConfig[] | undefined },
): AlertingImport {
  const out: AlertingImport = { channels: [], rules: [], secrets: [], report: [] };
  const parsed = alertingSchema.safeParse(rawAlerting);
  if (!parsed.success) {
    out.report.push(
      `alerting: left out, ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
    return out;
  }
  const alerting: Alerting = parsed.data ?? {};
  for (const name of Object.keys(alerting))
    if (!isCarried(name)) out.report.push(`alerting.${name}: Stagewatch has no such channel; left out`);
  const byType = new Map<Carried, { first: EndpointAlert; probes: string[] }>();
  for (const { probe, alerts: list } of alerts) {
    for (const a of list) {
      const type = a.type ?? "";
      if (a.enabled === false) continue;
      if (!isCarried(type)) {
        out.report.push(`${probe}: its ${type || "untyped"} alert was left out (no such channel)`);
        continue;
      }
      if (!alerting[type]) {
        out.report.push(`${probe}: its ${type} alert names a provider missing from alerting:; left out`);
        continue;
      }
      const seen = byType.get(type);
      if (!seen) byType.set(type, { first: a, probes: [probe] });
      else {
        seen.probes.push(probe);
        const differs = (k: "send-on-resolved" | "minimum-reminder-interval") => a[k] !== seen.first[k];
        if (differs("send-on-resolved") || differs("minimum-reminder-interval"))
          out.report.push(
            `${probe}: its ${type} alert's send-on-resolved/reminder differ from the first; the first's apply to every probe`,
          );
      }
    }
  }
  const taken = new Set(existing.channels.map((c) => c.id));
  for (const [type, { first, probes }] of byType) {
    const made = channelOf(type, alerting, (l) => out.report.push(l));
    if (!made) continue;
    const [channel, secret] = made;
    if (taken.has(channel.id)) {
      out.report.push(`alerting.${type}: a channel "${channel.id}" already exists; kept as it was`);
      continue;
    }
    taken.add(channel.id);
    out.channels.push(channel);
    if (!(channel.kind === "email" && !channel.smtp.passwordEnv)) out.secrets.push(secret);
    const defaults = alerting[type]?.["default-alert"];
    const sendOnResolved = first["send-on-resolved"] ?? defaults?.["send-on-resolved"] ?? false;
    const remind = minutes(first["minimum-reminder-interval"] ?? defaults?.["minimum-reminder-interval"]);
    out.rules.push({
      events: ["probe"],
      severities: ["page", "ticket", "info"],
      channels: [channel.id],
      sendOnResolved,
      ...(remind ? { remindEveryMinutes: remind } : {}),
    });
    out.report.push(
      `${probes.join(", ")}: alerts reach ${channel.id} only while golden-path (goldenPath: true); Stagewatch routes probe alerts per channel, not per probe`,
    );
  }
  // Rules replace the defaults: write those out for the channels already there, so they keep theirs.
  if (out.rules.length && existing.rules === undefined && existing.channels.length)
    out.rules.unshift(...defaultRules(existing.channels));
  return out;
}
