import type { Verdict } from "@/lib/health/overview-verdict";
import type { ProbeEvidence } from "@/lib/health/overview-verdict";

/** What a change of the Overview verdict or of a golden-path probe sends (stored with the change, so every retry sends the same bytes). */
export type NotificationEvent = {
  event: "overview.changed" | "probe.changed";
  /** Same on every attempt (also the `webhook-id`): receivers drop repeats with it. */
  id: string;
  subject: string;
  from: string | null;
  to: string;
  changedAt: string;
  reasons: string[];
  likelyCause: string | null;
  url: string | null;
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

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A Slack incoming-webhook message. */
export function slackText(e: NotificationEvent): Record<string, unknown> {
  const what = e.event === "overview.changed" ? "Staging" : `Golden-path probe ${e.subject.slice("probe:".length)}`;
  const was = e.from ? ` (was ${e.from})` : "";
  const lines = [`*${escape(what)}: ${e.to}*${escape(was)}`, ...e.reasons.map((r) => `• ${escape(r)}`)];
  if (e.likelyCause) lines.push(`Likely cause: ${escape(e.likelyCause)}`);
  lines.push(
    e.url
      ? `Changed at ${e.changedAt.slice(11, 16)} UTC · <${e.url}|Open Stagewatch>`
      : `Changed at ${e.changedAt.slice(11, 16)} UTC`,
  );
  return { text: lines.join("\n") };
}

export function bodyFor(kind: "json" | "slack", e: NotificationEvent): string {
  return JSON.stringify(kind === "slack" ? slackText(e) : e);
}
