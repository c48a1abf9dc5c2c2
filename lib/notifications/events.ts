import type { Verdict } from "@/lib/metrics/core/overview-verdict";
import type { ProbeEvidence } from "@/lib/probes/core/evidence";
import type { ChannelKind } from "@/lib/config/core/notifications-schema";
import { changeRouteEvent, subjectEvent, type RouteEvent } from "@/lib/notifications/core/routing";
import { escapeSlack } from "@/lib/notifications/core/escape";
import type { Alert } from "./alert";
import { renderBody } from "./render";

/**
 * What a change of the Overview verdict, a golden-path probe or a demo rehearsal sends, or a
 * change to staging read from the audit log (stored with the change, so every retry sends the
 * same bytes).
 */
export type NotificationEvent = {
  event: "overview.changed" | "probe.changed" | "rehearsal.changed" | "change.recorded";
  /** Same on every attempt (also the `webhook-id`): receivers drop repeats with it. */
  id: string;
  subject: string;
  from: string | null;
  to: string;
  changedAt: string;
  reasons: string[];
  likelyCause: string | null;
  url: string | null;
  /** A reminder (the same state, still bad): how long it has been so, e.g. "45 min". */
  redFor?: string;
};

export const OVERVIEW_SUBJECT = "overview";
export const probeSubject = (name: string) => `probe:${name}`;

/** A golden-path probe's state as notified: stale or never-checked is unknown. */
export const probeState = (p: ProbeEvidence): string => (p.stale ? "unknown" : p.status);

export function overviewEvent(
  id: string,
  from: string | null,
  v: Verdict,
  at: number,
  baseUrl: string | null,
): NotificationEvent {
  return {
    event: "overview.changed",
    id,
    subject: OVERVIEW_SUBJECT,
    from,
    to: v.status,
    changedAt: new Date(at).toISOString(),
    reasons: v.reasons,
    likelyCause: v.likelyCause,
    url: baseUrl ? new URL("/", baseUrl).toString() : null,
  };
}

export function probeEvent(
  id: string,
  from: string | null,
  p: ProbeEvidence,
  at: number,
  baseUrl: string | null,
): NotificationEvent {
  const to = probeState(p);
  const reason =
    to === "unknown"
      ? `Probe ${p.name} has no current result.`
      : `Probe ${p.name} is ${to}${p.lastError && to !== "up" ? `: ${p.lastError}` : ""}.`;
  return {
    event: "probe.changed",
    id,
    subject: probeSubject(p.name),
    from,
    to,
    changedAt: new Date(at).toISOString(),
    reasons: [reason],
    likelyCause: null,
    url: baseUrl ? new URL(`/probes/${encodeURIComponent(p.name)}`, baseUrl).toString() : null,
  };
}

const escape = escapeSlack;

/** What the message is about, for people: "Staging", "Golden-path probe backend-health", … */
function whatOf(e: NotificationEvent): string {
  const after = (prefix: string) => e.subject.slice(prefix.length);
  switch (e.event) {
    case "overview.changed":
      return "Staging";
    case "probe.changed":
      return `Golden-path probe ${after("probe:")}`;
    case "rehearsal.changed":
      return `Demo rehearsal ${after("rehearsal:")}`;
    case "change.recorded":
      // "change:<type>:<name>:<id>" → "Change to service backend"
      return `Change to ${after("change:").split(":").slice(0, 2).join(" ")}`;
  }
}

/** A Slack incoming-webhook message. */
export function slackText(e: NotificationEvent): Record<string, unknown> {
  const what = whatOf(e);
  const was = e.from ? ` (was ${e.from})` : "";
  const lines = [`*${escape(what)}: ${e.to}*${escape(was)}`, ...e.reasons.map((r) => `• ${escape(r)}`)];
  if (e.likelyCause) lines.push(`Likely cause: ${escape(e.likelyCause)}`);
  const at = e.redFor
    ? `Still ${e.to} after ${e.redFor} (since ${e.changedAt.slice(11, 16)} UTC)`
    : `Changed at ${e.changedAt.slice(11, 16)} UTC`;
  lines.push(e.url ? `${at} · <${e.url}|Open Stagewatch>` : at);
  return { text: lines.join("\n") };
}

/** The routing view of this change (decided when it is recorded). */
export function routeEventOf(e: Pick<NotificationEvent, "event" | "subject" | "from" | "to">): RouteEvent {
  return changeRouteEvent(subjectEvent(e.subject), e.subject, e.from, e.to);
}

export function alertOf(e: NotificationEvent): Alert {
  const r = routeEventOf(e);
  const what = whatOf(e);
  return {
    id: e.id,
    event: r.event,
    severity: r.severity,
    subject: e.subject,
    title: `${what}: ${e.to}${e.from ? ` (was ${e.from})` : ""}`,
    state: e.to,
    previous: e.from,
    recovery: r.recovery,
    reasons: e.likelyCause ? [...e.reasons, `Likely cause: ${e.likelyCause}`] : e.reasons,
    url: e.url,
    at: e.changedAt,
    ...(e.redFor ? { redFor: e.redFor } : {}),
  };
}

export function bodyFor(kind: ChannelKind, e: NotificationEvent): string {
  return renderBody(kind, alertOf(e), e, () => slackText(e));
}
