import type { DemoVerdict, Verdict } from "@/lib/readiness/core";
import type { ChannelKind } from "@/lib/config/core/notifications-schema";
import { changeRouteEvent, type RouteEvent } from "@/lib/notifications/core/routing";
import type { Alert } from "@/lib/notifications/alert";
import { renderBody } from "@/lib/notifications/render";

/**
 * What a verdict change sends: one generic JSON event, stored with the change so every retry
 * sends the same bytes, and its Slack rendering. Reasons are the plain-language ones (already
 * scrubbed of host names); no log lines, no probe names.
 */

export interface ChangeEvent {
  event: "readiness.changed";
  /** Same for every attempt of this change: receivers can drop repeats with it. */
  id: string;
  seq: number;
  verdict: Verdict;
  previous: Verdict | null;
  changedAt: string;
  summary: string;
  reasons: { label: string; severity: string; status: string; text: string }[];
  /** The readiness page, when the dashboard knows its own URL (NEXTAUTH_URL). */
  url: string | null;
}

export function changeEvent(
  seq: number,
  previous: Verdict | null,
  v: DemoVerdict,
  changedAt: number,
  baseUrl: string | null,
): ChangeEvent {
  return {
    event: "readiness.changed",
    id: `readiness-change-${seq}`,
    seq,
    verdict: v.verdict,
    previous,
    changedAt: new Date(changedAt).toISOString(),
    summary: v.summary,
    reasons: v.reasons.map((r) => ({ label: r.label, severity: r.severity, status: r.status, text: r.text })),
    url: baseUrl ? new URL("/readiness", baseUrl).toString() : null,
  };
}

const EMOJI: Readonly<Record<Verdict, string>> = {
  GO: ":large_green_circle:",
  CAUTION: ":large_yellow_circle:",
  "NO-GO": ":red_circle:",
};
const MAX_REASONS = 8;

/** Slack's three characters with meaning in mrkdwn. */
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A Slack incoming-webhook message: `text` for notifications, blocks for the channel. */
export function slackMessage(e: ChangeEvent): Record<string, unknown> {
  const was = e.previous ? ` (was ${e.previous})` : "";
  const notPassing = e.reasons.filter((r) => r.status !== "pass");
  const shown = notPassing.slice(0, MAX_REASONS).map((r) => `• ${escape(r.text)}`);
  if (notPassing.length > MAX_REASONS) shown.push(`• …and ${notPassing.length - MAX_REASONS} more`);
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: `Demo readiness: ${e.verdict}${was}` } },
    { type: "section", text: { type: "mrkdwn", text: `${EMOJI[e.verdict]} ${escape(e.summary)}` } },
  ];
  if (shown.length) blocks.push({ type: "section", text: { type: "mrkdwn", text: shown.join("\n") } });
  const at = `${e.changedAt.slice(11, 16)} UTC`;
  blocks.push({
    type: "context",
    elements: [
      { type: "mrkdwn", text: e.url ? `Changed at ${at} · <${e.url}|Open demo readiness>` : `Changed at ${at}` },
    ],
  });
  return { text: `Demo readiness: ${e.verdict}${was}. ${e.summary}`, blocks };
}

export const READINESS_SUBJECT = "readiness";

export function routeEventOf(from: Verdict | null, to: Verdict): RouteEvent {
  return changeRouteEvent("readiness", READINESS_SUBJECT, from, to);
}

export function alertOf(e: ChangeEvent): Alert {
  const r = routeEventOf(e.previous, e.verdict);
  return {
    id: e.id,
    event: "readiness",
    severity: r.severity,
    subject: READINESS_SUBJECT,
    title: `Demo readiness: ${e.verdict}${e.previous ? ` (was ${e.previous})` : ""}`,
    state: e.verdict,
    previous: e.previous,
    recovery: r.recovery,
    reasons: [e.summary, ...e.reasons.filter((x) => x.status !== "pass").map((x) => x.text)],
    url: e.url,
    at: e.changedAt,
  };
}

export function bodyFor(kind: ChannelKind, e: ChangeEvent): string {
  return renderBody(kind, alertOf(e), e, () => slackMessage(e));
}
