import { z } from "zod";
import { formatSeconds } from "@/lib/core/format";
import { mdCode, mdLine, mdText as t } from "./markdown";
import { summaryOf } from "./summarize";
import { incidentViewSchema, progressViewSchema, type AuditEntry, type TrackerView } from "./types";

/**
 * The leadership report: a verdict in one sentence, phase progress, each criterion with its
 * evidence, and what changed since a date. Pure, so the Markdown is tested as text.
 */

export const reportSchema = z.strictObject({
  incident: incidentViewSchema,
  generatedAt: z.string(),
  verdict: z.string(),
  progress: progressViewSchema,
  evaluatedAt: z.string().nullable(),
  phases: z.array(
    z.strictObject({
      order: z.int(),
      name: z.string(),
      ownerTeam: z.string(),
      status: z.string(),
      note: z.string().nullable(),
      criteria: z.array(
        z.strictObject({
          text: z.string(),
          result: z.string(),
          measured: z.string(),
          window: z.string().nullable(),
          measuredAt: z.string().nullable(),
          evidence: z.string(),
          held: z.string().nullable(),
        }),
      ),
      openActions: z.array(
        z.strictObject({ title: z.string(), owner: z.string(), status: z.string(), due: z.string().nullable() }),
      ),
    }),
  ),
  since: z.string().nullable(),
  changes: z.array(
    z.strictObject({ at: z.string(), actor: z.string(), summary: z.string(), reason: z.string().nullable() }),
  ),
});
export type Report = z.infer<typeof reportSchema>;

function verdictOf(view: TrackerView): string {
  const s = summaryOf(view);
  const id = `#${view.incident.id} (${view.incident.severity})`;
  if (s.phasesDone === s.phasesTotal) return `${id}: every phase is done (${s.progressText}).`;
  const blocking = s.blockingPhases.length
    ? ` Blocking: ${s.blockingPhases.map((p) => `${p.name} (phase ${p.order})`).join(", ")}.`
    : "";
  return `${id} is not resolved: ${s.progressText}.${blocking} ${s.blockedBy ?? ""}`.trim();
}

function heldText(c: TrackerView["phases"][number]["criteria"][number]): string | null {
  if (c.result !== "pass") return null;
  if (!c.holdFor) return null;
  return c.held
    ? `held ${formatSeconds(c.heldForSeconds)} (needs ${c.holdFor})`
    : `held ${formatSeconds(c.heldForSeconds)} of ${c.holdFor}`;
}

export function buildReport(
  view: TrackerView,
  changes: readonly AuditEntry[],
  since: string | null,
  now: number,
): Report {
  return {
    incident: view.incident,
    generatedAt: new Date(now).toISOString(),
    verdict: verdictOf(view),
    progress: view.progress,
    evaluatedAt: view.evaluatedAt,
    phases: view.phases.map((p) => ({
      order: p.order,
      name: p.name,
      ownerTeam: p.ownerTeam,
      status: p.effective.status,
      note: p.readyToClose ? "criteria met — ready to close" : (p.effective.reason ?? p.lastDecision?.reason ?? null),
      criteria: p.criteria.map((c) => ({
        text: c.text,
        result: c.result,
        measured: c.measured,
        window: c.window,
        measuredAt: c.measuredAt,
        evidence: c.expr,
        held: heldText(c),
      })),
      openActions: p.actions
        .filter((a) => a.status !== "done")
        .map((a) => ({ title: a.title, owner: a.owner, status: a.status, due: a.due })),
    })),
    since,
    changes: changes.map((c) => ({ at: c.at, actor: c.actor, summary: c.summary, reason: c.reason })),
  };
}

const RESULT_WORD: Record<string, string> = { pass: "PASS", fail: "FAIL", unknown: "UNKNOWN" };
const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");

/** Every piece of user or config text goes through `t`/`mdLine` (escaped, one line) or `mdCode`. */
export function reportMarkdown(r: Report): string {
  const lines: string[] = [];
  lines.push(`# Incident #${t(String(r.incident.id))}: ${t(r.incident.title)}`, "");
  lines.push(`**Verdict:** ${t(r.verdict)}`, "");
  lines.push(
    `Severity ${t(r.incident.severity)}, status ${t(r.incident.status)}. Generated ${when(r.generatedAt)}; criteria evaluated ${when(r.evaluatedAt)}.`,
    "",
  );
  lines.push("## Business impact", "", ...r.incident.businessImpact.map((b) => `- ${mdLine(b)}`), "");
  lines.push(`## Phase progress: ${r.progress.text}`, "");
  for (const p of r.phases) {
    lines.push(
      `### Phase ${p.order}: ${t(p.name)} — ${t(p.status)}`,
      "",
      `Owner: ${t(p.ownerTeam)}.${p.note ? ` ${t(p.note)}.` : ""}`,
      "",
    );
    if (p.criteria.length) {
      lines.push(
        "| Criterion | Result | Measured | Window | Measured at | Evidence |",
        "| --- | --- | --- | --- | --- | --- |",
      );
      for (const c of p.criteria) {
        const result = `${RESULT_WORD[c.result] ?? t(c.result)}${c.held ? ` (${t(c.held)})` : ""}`;
        lines.push(
          `| ${t(c.text)} | ${result} | ${t(c.measured)} | ${c.window ? t(c.window) : "—"} | ${when(c.measuredAt)} | ${mdCode(c.evidence)} |`,
        );
      }
      lines.push("");
    } else lines.push("No success criteria defined.", "");
    if (p.openActions.length) {
      lines.push(
        "Open actions:",
        ...p.openActions.map(
          (a) => `- ${mdLine(a.title)} — ${t(a.owner)}, ${t(a.status)}${a.due ? `, due ${t(a.due)}` : ""}`,
        ),
        "",
      );
    }
  }
  lines.push(r.since ? `## Changes since ${when(r.since)}` : "## Changes", "");
  if (r.changes.length === 0) lines.push("No changes.");
  for (const c of r.changes)
    lines.push(`- ${when(c.at)} — ${t(c.actor)}: ${t(c.summary)}${c.reason ? ` (${t(c.reason)})` : ""}`);
  return `${lines.join("\n")}\n`;
}
