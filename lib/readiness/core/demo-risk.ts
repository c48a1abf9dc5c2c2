import { formatDurationWords } from "@/lib/core/format";
import { teamPhrase } from "./plain-text";
import type { OpenAction, ReadinessCheckInput } from "./types";

const SOON_SECONDS = 3_600;

function endOfDayUtc(date: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T23:59:59.999Z`) : Number.NaN;
}

function actionRisk(a: OpenAction, demoAt: Date): string | null {
  const who = `${teamPhrase(a.ownerTeam)}, phase ${a.phaseOrder}`;
  const due = a.due === null ? Number.NaN : endOfDayUtc(a.due);
  if (Number.isNaN(due)) {
    // Without a due date nobody knows it will be done in time; worth saying only when it blocks staging.
    return a.phaseBlocking ? `"${a.title}" (${who}) is not done and has no due date; it blocks staging.` : null;
  }
  if (due <= demoAt.getTime()) return null;
  const sameDay = a.due === demoAt.toISOString().slice(0, 10);
  return `"${a.title}" (${who}) is not done and is due ${sameDay ? "the same day as your demo" : `on ${a.due}, after your demo`}.`;
}

/** Probe name → the label of a check that watches it, so no internal name reaches the text. */
function labelOfProbe(probe: string, checks: readonly ReadinessCheckInput[]): string | null {
  const check = checks.find((c) =>
    c.evaluation?.terms.some(
      (t) =>
        (t.measurement.kind === "probe_status" || t.measurement.kind === "probe_uptime") &&
        t.measurement.probe === probe,
    ),
  );
  return check?.label ?? null;
}

/**
 * Known things that put a demo at a given time at risk. They do not change the verdict, which
 * is about now; they tell the salesperson what could change before the call.
 */
export function demoRisks(
  demoAt: Date,
  now: Date,
  checks: readonly ReadinessCheckInput[],
  openActions: readonly OpenAction[],
  flapping: readonly string[],
): string[] {
  const risks: string[] = [];
  const ahead = (demoAt.getTime() - now.getTime()) / 1_000;
  if (ahead < 0) risks.push("The demo time has already passed; this verdict describes staging now.");
  else if (ahead > SOON_SECONDS)
    risks.push(
      `Your demo is ${formatDurationWords(ahead)} away and this verdict describes staging now; check again shortly before.`,
    );
  for (const a of [...openActions].sort((x, y) => x.phaseOrder - y.phaseOrder)) {
    const r = actionRisk(a, demoAt);
    if (r) risks.push(r);
  }
  const labels = new Set(flapping.map((p) => labelOfProbe(p, checks)));
  for (const label of labels) {
    risks.push(
      label === null
        ? "A monitored service went up and down during the last hour, so it may fail during your demo."
        : `"${label}" went up and down during the last hour, so it may fail during your demo.`,
    );
  }
  return risks;
}
