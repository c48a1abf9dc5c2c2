import type { ChannelKind } from "@/lib/config/core/notifications-schema";
import { formatDurationWords, formatPercent } from "@/lib/core/format";
import type { DigestFigure, DigestModel, TimeShareDigest } from "./digest";
import { escapeHtml, escapeSlack, oneLine } from "./escape";

/**
 * The weekly digest per channel kind, pure: one list of sections in words, then email (text
 * and HTML), a Google Chat card (`cardsV2`), Slack blocks and, for Standard Webhooks JSON, the
 * model itself. Everything is escaped for its medium (an incident title or phase name is typed
 * by people) and a mail subject is one line. PagerDuty is not a digest channel (refused at load).
 */

export type DigestSection = { heading: string; lines: string[] };
export type DigestKind = Exclude<ChannelKind, "pagerduty">;

const at = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "time unknown");

/** "87.2% (measured …)" or "unknown: no data for this week (measured …)". */
function shown(f: DigestFigure<number>, format: (n: number) => string): string {
  if (f.value === null) return `unknown — ${f.unknown ?? "not measured"}`;
  return `${format(f.value)} (measured ${at(f.measuredAt)})`;
}

const pct = (n: number) => formatPercent(n, 1);
const duration = (ms: number) => formatDurationWords(ms / 1_000);

function shares(t: TimeShareDigest, order: readonly string[]): string[] {
  if (!t.ms || !t.share) return [`Unknown — ${t.unknown ?? "not recorded"}`];
  const states = [...order, ...Object.keys(t.ms).filter((s) => !order.includes(s) && s !== "unknown"), "unknown"];
  const parts = states.map((s) => `${s} ${pct(t.share?.[s] ?? 0)} (${duration(t.ms?.[s] ?? 0)})`);
  return [parts.join(" · "), `Recorded until ${at(t.measuredAt)}.${t.unknown ? ` Unknown time: ${t.unknown}.` : ""}`];
}

export function digestSections(m: DigestModel): DigestSection[] {
  const sections: DigestSection[] = [];
  sections.push({
    heading: "Start-up success",
    lines: [`This week: ${shown(m.startupSuccess.week, pct)}`, `Week before: ${shown(m.startupSuccess.previous, pct)}`],
  });
  sections.push({
    heading: "Error budgets (SLO page, at the end of each week)",
    lines: m.slos.unknown
      ? [`Unknown — ${m.slos.unknown}`]
      : m.slos.items.map(
          (s) =>
            `${s.id} (${pct(s.objective)} over ${s.windowDays} d): budget left ${shown(s.budgetRemaining.week, pct)}; ` +
            `week before ${shown(s.budgetRemaining.previous, pct)}`,
        ),
  });
  const partly = (m.overview.ms?.unknown ?? 0) > 0;
  const red =
    m.overview.redMs === null
      ? "unknown"
      : partly
        ? `at least ${duration(m.overview.redMs)} (part of the week is unknown)`
        : duration(m.overview.redMs);
  sections.push({
    heading: "Time red (Overview down)",
    lines: [`Red: ${red}`, ...shares(m.overview, ["healthy", "degraded", "down", "maintenance"])],
  });
  sections.push({ heading: "Demo readiness", lines: shares(m.readiness, ["GO", "CAUTION", "NO-GO"]) });
  const inc = m.incident.value;
  sections.push({
    heading: "Incident and its phases",
    lines: inc
      ? [
          `${inc.title} — ${inc.incidentStatus}, severity ${inc.severity}, ${inc.progressText} (as of ${at(m.incident.measuredAt)})`,
          ...[...inc.phases].sort((a, b) => a.order - b.order).map((p) => `Phase ${p.order} ${p.name}: ${p.status}`),
        ]
      : [`Unknown — ${m.incident.unknown ?? "not read"}`],
  });
  const ch = m.changes.value;
  sections.push({
    heading: "Changes to staging",
    lines: ch
      ? [
          `${ch.count}${ch.truncated ? " or more (the audit log read was cut short)" : ""} (measured ${at(m.changes.measuredAt)})`,
        ]
      : [`Unknown — ${m.changes.unknown ?? "not read"}`],
  });
  // A title or phase name typed with a line break stays on its own line (and out of any header).
  return sections.map((s) => ({ heading: s.heading, lines: s.lines.map((l) => oneLine(l, 600)) }));
}

export const digestTitle = (m: DigestModel) => `Stagewatch weekly digest ${m.week.id}`;
const period = (m: DigestModel) => `${m.week.start.slice(0, 10)} to ${m.week.end.slice(0, 10)} (UTC)`;

export function digestEmail(m: DigestModel): { subject: string; text: string; html: string } {
  const sections = digestSections(m);
  const text = [
    digestTitle(m),
    period(m),
    "",
    ...sections.flatMap((s) => [s.heading, ...s.lines.map((l) => `- ${l}`), ""]),
    ...(m.url ? [m.url] : []),
  ].join("\n");
  const html = [
    `<h2>${escapeHtml(digestTitle(m))}</h2>`,
    `<p>${escapeHtml(period(m))}</p>`,
    ...sections.map(
      (s) => `<h3>${escapeHtml(s.heading)}</h3><ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`,
    ),
    m.url ? `<p><a href="${escapeHtml(m.url)}">Open Stagewatch</a></p>` : "",
  ].join("\n");
  return { subject: oneLine(`[Stagewatch] ${digestTitle(m)}`), text, html };
}

export function digestChatCard(m: DigestModel): Record<string, unknown> {
  const sections: Record<string, unknown>[] = digestSections(m).map((s) => ({
    header: escapeHtml(s.heading),
    widgets: s.lines.map((l) => ({ textParagraph: { text: escapeHtml(l) } })),
  }));
  if (m.url)
    sections.push({
      widgets: [{ buttonList: { buttons: [{ text: "Open Stagewatch", onClick: { openLink: { url: m.url } } }] } }],
    });
  return {
    text: digestTitle(m),
    cardsV2: [
      {
        cardId: `digest-${m.week.id}`,
        card: { header: { title: digestTitle(m), subtitle: period(m) }, sections },
      },
    ],
  };
}

export function digestSlack(m: DigestModel): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: digestTitle(m) } },
    { type: "context", elements: [{ type: "mrkdwn", text: escapeSlack(period(m)) }] },
    ...digestSections(m).map((s) => ({
      type: "section",
      // Slack refuses a section text over 3,000 characters.
      text: {
        type: "mrkdwn",
        text: `*${escapeSlack(s.heading)}*\n${s.lines.map((l) => `• ${escapeSlack(l)}`).join("\n")}`.slice(0, 3_000),
      },
    })),
  ];
  return { text: digestTitle(m), blocks };
}

/** The bytes a digest channel of this kind gets. */
export function digestBody(kind: DigestKind, m: DigestModel): string {
  switch (kind) {
    case "json":
      return JSON.stringify({ type: "digest.weekly", ...m });
    case "slack":
      return JSON.stringify(digestSlack(m));
    case "googlechat":
      return JSON.stringify(digestChatCard(m));
    case "email":
      return JSON.stringify(digestEmail(m));
  }
}
