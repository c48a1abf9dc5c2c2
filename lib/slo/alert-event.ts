import { formatMultiplier } from "@/lib/format";
import type { WebhookConfig } from "@/lib/readiness/webhook-payload";
import type { AlertRule } from "@/lib/health/slo/alerts";
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
  // Probe SLOs are named `probe-<id>` (lib/health/slo/config.ts): say which kind fired.
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

export function alertBody(kind: WebhookConfig["kind"], e: SloAlertEvent): string {
  if (kind !== "slack") return JSON.stringify(e);
  const icon =
    e.status === "firing" ? (e.severity === "page" ? ":rotating_light:" : ":warning:") : ":white_check_mark:";
  const link = e.url ? ` <${e.url}|Open the SLO>` : "";
  return JSON.stringify({
    text: `${icon} ${e.summary.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}${link}`,
  });
}
