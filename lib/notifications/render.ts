import type { ChannelKind } from "@/lib/config/core/notifications-schema";
import { escapeHtml, oneLine } from "@/lib/notifications/core/escape";
import { dedupKey, type Alert } from "./alert";

/**
 * The bodies of the channel kinds that render an `Alert`: a Google Chat card, a PagerDuty
 * Events API v2 event (the routing key is added when it is sent, so no stored byte holds it)
 * and an email (subject, text, HTML). Everything from outside — reasons come from probe errors,
 * which a target controls — is escaped for the medium, and a mail subject is one line.
 */

const MAX_REASONS = 8;
const html = escapeHtml;
export { oneLine };

const shownReasons = (a: Alert) => {
  const r = a.reasons.slice(0, MAX_REASONS);
  if (a.reasons.length > MAX_REASONS) r.push(`…and ${a.reasons.length - MAX_REASONS} more`);
  return r;
};

const when = (a: Alert) =>
  a.redFor
    ? `Still ${a.state} after ${a.redFor} (since ${a.at.slice(11, 16)} UTC)`
    : `Changed at ${a.at.slice(11, 16)} UTC`;

export function chatCard(a: Alert): Record<string, unknown> {
  const widgets: Record<string, unknown>[] = shownReasons(a).map((r) => ({ textParagraph: { text: html(r) } }));
  widgets.push({ textParagraph: { text: html(when(a)) } });
  if (a.url)
    widgets.push({ buttonList: { buttons: [{ text: "Open Stagewatch", onClick: { openLink: { url: a.url } } }] } });
  return {
    // The plain text is what notifications and clients without cards show.
    text: a.redFor ? `Reminder: ${a.title}` : a.title,
    cardsV2: [
      {
        cardId: a.id.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 64),
        card: {
          header: { title: a.title.slice(0, 200), subtitle: `${a.severity} · ${a.event}` },
          sections: [{ widgets }],
        },
      },
    ],
  };
}

const PD_SEVERITY = { page: "critical", ticket: "warning", info: "info" } as const;

export function pagerDutyEvent(a: Alert): Record<string, unknown> {
  const key = dedupKey(a.subject);
  if (a.recovery) return { event_action: "resolve", dedup_key: key };
  return {
    event_action: "trigger",
    dedup_key: key,
    payload: {
      summary: oneLine(a.redFor ? `${a.title} — still after ${a.redFor}` : a.title, 1024),
      source: "stagewatch",
      severity: PD_SEVERITY[a.severity],
      timestamp: a.at,
      component: a.subject,
      class: a.event,
      custom_details: { state: a.state, previous: a.previous, reasons: a.reasons },
    },
    ...(a.url ? { links: [{ href: a.url, text: "Open Stagewatch" }] } : {}),
    client: "Stagewatch",
    ...(a.url ? { client_url: a.url } : {}),
  };
}

export type EmailBody = { subject: string; text: string; html: string };

export function emailMessage(a: Alert): EmailBody {
  const reasons = shownReasons(a);
  const subject = oneLine(`[Stagewatch] ${a.redFor ? "Reminder: " : ""}${a.title}`);
  const text = [a.title, "", ...reasons.map((r) => `- ${r}`), "", when(a), ...(a.url ? [a.url] : [])].join("\n");
  const body = [
    `<h2>${html(a.title)}</h2>`,
    reasons.length ? `<ul>${reasons.map((r) => `<li>${html(r)}</li>`).join("")}</ul>` : "",
    `<p>${html(when(a))}</p>`,
    a.url ? `<p><a href="${html(a.url)}">Open Stagewatch</a></p>` : "",
  ].join("\n");
  return { subject, text, html: body };
}

/**
 * The bytes a channel of this kind gets. `json` is the domain's own event and `slack` the
 * domain's own message (both as before channels existed); the rest render the Alert.
 */
export function renderBody(kind: ChannelKind, alert: Alert, raw: unknown, slack: () => unknown): string {
  switch (kind) {
    case "json":
      return JSON.stringify(raw);
    case "slack":
      return JSON.stringify(slack());
    case "googlechat":
      return JSON.stringify(chatCard(alert));
    case "pagerduty":
      return JSON.stringify(pagerDutyEvent(alert));
    case "email":
      return JSON.stringify(emailMessage(alert));
  }
}
