import { createHash } from "node:crypto";
import { EVENT_KINDS, SEVERITIES, type ChannelConfig, type RuleConfig } from "@/lib/config/core/notifications-schema";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { defaultRules } from "@/lib/notifications/core/routing";

/**
 * Every channel an alert can go to, with its secrets resolved from the NOTIFY_* variables the
 * config names: `notifications.channels`, and the deprecated `readiness.webhooks` (still read,
 * still told everything as before). `key` is what the delivery ledgers store — the channel id,
 * or for an old webhook the hash it has always had — never a URL (Slack's and Chat's hold a secret).
 */

type Base = {
  key: string;
  id: string;
  name?: string;
  timeoutMs: number;
  maxAttempts: number;
  duringMaintenance: boolean;
  /** From readiness.webhooks: told every alert whatever the rules say, as before channels existed. */
  legacy: boolean;
};
export type SmtpSettings = { host: string; port: number; secure: boolean; user?: string; password?: string };
export type ChannelTarget =
  | (Base & { kind: "json" | "slack" | "googlechat"; url: string })
  | (Base & { kind: "pagerduty"; url: string; routingKey: string })
  | (Base & { kind: "email"; smtp: SmtpSettings; from: string; to: string[] });

/** The key an old readiness webhook has always had in the ledgers (kept so rows owed before an upgrade still go out). */
export const legacyKey = (kind: string, url: string) =>
  createHash("sha256").update(`${kind} ${url}`).digest("hex").slice(0, 24);

function resolve(c: ChannelConfig, secrets: Record<string, string>): ChannelTarget | null {
  const base = {
    key: `channel:${c.id}`,
    id: c.id,
    ...(c.name ? { name: c.name } : {}),
    timeoutMs: c.timeoutMs,
    maxAttempts: c.maxAttempts,
    duringMaintenance: c.duringMaintenance,
    legacy: false,
  };
  switch (c.kind) {
    case "json":
    case "slack":
    case "googlechat": {
      const url = secrets[c.urlEnv];
      return url ? { ...base, kind: c.kind, url } : null;
    }
    case "pagerduty": {
      const routingKey = secrets[c.routingKeyEnv];
      return routingKey ? { ...base, kind: "pagerduty", url: c.eventsUrl, routingKey } : null;
    }
    case "email": {
      const password = c.smtp.passwordEnv ? secrets[c.smtp.passwordEnv] : undefined;
      if (c.smtp.passwordEnv && !password) return null;
      const smtp = {
        host: c.smtp.host,
        port: c.smtp.port,
        secure: c.smtp.secure,
        ...(c.smtp.user ? { user: c.smtp.user } : {}),
        ...(password ? { password } : {}),
      };
      return { ...base, kind: "email", smtp, from: c.from, to: c.to };
    }
  }
}

/**
 * The channels of this config. A channel whose secret is unset is left out (config load already
 * refused that; this guards a config read without the environment, e.g. in a script).
 */
export function channelTargets(config: StagingConfig, secrets: Record<string, string>): ChannelTarget[] {
  const seen = new Set<string>();
  const legacy = config.readiness.webhooks.flatMap((w): ChannelTarget[] => {
    const key = legacyKey(w.kind, w.url);
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      {
        key,
        id: `webhook-${key.slice(0, 12)}`,
        ...(w.name ? { name: w.name } : {}),
        kind: w.kind,
        url: w.url,
        timeoutMs: w.timeoutMs,
        maxAttempts: w.maxAttempts,
        duringMaintenance: false,
        legacy: true,
      },
    ];
  });
  const channels = config.notifications.channels.flatMap((c) => resolve(c, secrets) ?? []);
  return [...legacy, ...channels];
}

/** The rules in force: the configured ones (or the defaults), and old webhooks told everything. */
export function rulesFor(config: StagingConfig, targets: readonly ChannelTarget[]): RuleConfig[] {
  const configured = config.notifications.rules;
  if (!configured) return defaultRules(targets);
  const legacy = targets.filter((t) => t.legacy).map((t) => t.id);
  if (!legacy.length) return configured;
  const all = { events: [...EVENT_KINDS], severities: [...SEVERITIES], sendOnResolved: true };
  return [...configured, { ...all, channels: legacy }];
}
