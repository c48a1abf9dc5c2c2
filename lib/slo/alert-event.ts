import { formatMultiplier } from "@/lib/core/format";
import type { ChannelKind } from "@/lib/config/core/notifications-schema";
import type { RouteEvent } from "@/lib/notifications/core/routing";
import type { Alert } from "@/lib/notifications/alert";
import { renderBody } from "@/lib/notifications/render";
import type { AlertRule } from "@/lib/config/core/slo/alerts";
import type { TransitionRecord } from "./ledger";

/**
 * What an alert transition sends through the readiness webhook channel: one JSON event,
 * stored with the transition so every retry sends the same bytes, or its Slack text.
 */
export type SloAlertEvent = {
  event: "slo.alert";
  /** Same for every attempt: receivers drop repeats with it. */
  id: string;
  slo: string;
  service: string;
  rule: string;
  severity: AlertRule["severity"];
  status: "firing" | "resolved";
  previous: "firing" | "resolved" | null;
  at: string;
  threshold: number;
  windows: { long: string; short: string };
  burnRates: { long: number | null; short: number | null };
  summary: string;
  url: string | null;
};

const rate = (v: number | null) => (v === null ? "unknown" : formatMultiplier(v));

export function alertEvent(
  t: TransitionRecord,
  service: string,
  rule: AlertRule,
  burnRates: { long: number | null; short: number | null },
  baseUrl: string | null,
): SloAlertEvent {
  const who = service === "all" ? "all services" : service;
  // Probe SLOs are named `probe-<id>` (lib/config/core/slo/config.ts): say which kind fired.
  const what = service.startsWith("probe-") ? "Probe SLO" : "Start-up SLO";
  const summary =
    t.to === "firing"
      ? `${what} (${who}): ${rule.id} ${rule.severity} — burn ${rate(burnRates.long)} over ${rule.long} and ${rate(burnRates.short)} over ${rule.short}, above ${rule.threshold}×.`
      : `${what} (${who}): ${rule.id} resolved — burn ${rate(burnRates.short)} over ${rule.short}.`;
  return {
    event: "slo.alert",
    id: `slo-alert-${t.id}`,
    slo: t.slo,
    service,
    rule: rule.id,
    severity: rule.severity,
    status: t.to,
    previous: t.from,
    at: new Date(t.at).toISOString(),
    threshold: rule.threshold,
    windows: { long: rule.long, short: rule.short },
    burnRates,
    summary,
    url: baseUrl ? new URL("/slo", baseUrl).toString() : null,
  };
}

/** Routing: the rule's own severity; a resolve goes where the firing went. */
export function routeEventOf(
  slo: string,
  rule: AlertRule,
  from: "firing" | "resolved" | null,
  to: "firing" | "resolved",
): RouteEvent {
  return {
    event: "slo",
    severity: rule.severity,
    subject: `slo:${slo}:${rule.id}`,
    recovery: to === "resolved" && from === "firing",
  };
}

export function alertOf(e: SloAlertEvent): Alert {
  return {
    id: e.id,
    event: "slo",
    severity: e.severity,
    subject: `slo:${e.slo}:${e.rule}`,
    title: e.summary,
    state: e.status,
    previous: e.previous,
    recovery: e.status === "resolved" && e.previous === "firing",
    reasons: [e.summary],
    url: e.url,
    at: e.at,
  };
}

function slackAlert(e: SloAlertEvent): Record<string, unknown> {
  const icon =
    e.status === "firing" ? (e.severity === "page" ? ":rotating_light:" : ":warning:") : ":white_check_mark:";
  const link = e.url ? ` <${e.url}|Open the SLO>` : "";
  return {
    text: `${icon} ${e.summary.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}${link}`,
  };
}

export function alertBody(kind: ChannelKind, e: SloAlertEvent): string {
  return renderBody(kind, alertOf(e), e, () => slackAlert(e));
}
