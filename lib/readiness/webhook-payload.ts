import { createHash } from "node:crypto";
import type { DemoVerdict, Verdict } from "@/lib/health/readiness";
import type { StagingConfig } from "@/lib/config/staging-schema";

/**
 * What a verdict change sends: one generic JSON event, stored with the change so every retry
 * sends the same bytes, and its Slack rendering. Reasons are the plain-language ones (already
 * scrubbed of host names); no log lines, no probe names.
 */

export type WebhookConfig = StagingConfig["readiness"]["webhooks"][number];

export interface WebhookTarget extends WebhookConfig {
  /** Stable id for the delivery ledger; the URL itself is never stored (Slack's hold a secret). */
  key: string;
}

export function webhookTargets(config: StagingConfig): WebhookTarget[] {
  const seen = new Set<string>();
  return config.readiness.webhooks.flatMap((w) => {
    const key = createHash("sha256").update(`${w.kind} ${w.url}`).digest("hex").slice(0, 24);
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ ...w, key }];
  });
}

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

export function bodyFor(kind: WebhookConfig["kind"], e: ChangeEvent): string {
  return JSON.stringify(kind === "slack" ? slackMessage(e) : e);
}
