import { formatAge, formatClock, formatDateTime } from "@/lib/core/format";
import type { Change } from "./types";

/**
 * The nearest change before something went wrong, in words that say what it is: a
 * correlation in time. Nothing here can know that the change caused the failure, so no text
 * it writes says so.
 */

/** How far before the range changes are read, so a failure that began before it still finds its change. */
export const CHANGE_LOOKBACK_MS = 48 * 3_600_000;

/** What is known about the changes of a range: nothing (Logging failed), or every change read. */
export type ChangeEvidence = { known: true; changes: readonly Change[] } | { known: false; reason: string };

export type OnPath = { services: readonly string[]; connector: string; database: string };

/** Resources whose change can touch the start-up path: the services, the connector, the database, secrets, IAM. */
export function onPath(c: Change, path: OnPath): boolean {
  switch (c.resource.type) {
    case "service":
      return path.services.includes(c.resource.name);
    case "connector":
      return c.resource.name === path.connector;
    case "database":
      return c.resource.name === path.database || c.resource.name.endsWith(`:${path.database}`);
    case "secret":
    case "project":
      return true;
  }
}

/**
 * The newest change on the path that started at or before `atMs` + `slackMs` (a change inside
 * the first failing period counts as before it) and no earlier than `lookbackMs` before it.
 * A failed change changed nothing, so it is never named.
 */
export function nearestChangeBefore(
  changes: readonly Change[],
  atMs: number,
  path: OnPath,
  opts: { slackMs: number; lookbackMs: number },
): Change | null {
  let best: Change | null = null;
  for (const c of changes) {
    const t = Date.parse(c.startedAt);
    if (c.outcome === "failed" || !onPath(c, path)) continue;
    if (t > atMs + opts.slackMs || t < atMs - opts.lookbackMs) continue;
    if (!best || t > Date.parse(best.startedAt)) best = c;
  }
  return best;
}

/** "backend-00042-xqf was deployed", "connector staging-conn was updated to e2-standard-4". */
export function changePhrase(c: Change): string {
  const d = c.details;
  switch (c.kind) {
    case "deploy":
      return `${d.revision ?? c.resource.name} was deployed`;
    case "traffic":
      return `traffic of ${c.resource.name} was moved${d.revision ? ` to ${d.revision}` : ""}`;
    case "delete":
      return `${c.resource.name} was deleted`;
    case "connector":
      return `connector ${c.resource.name} was changed${d.machineType ? ` to ${d.machineType}` : ""}`;
    case "database":
      return `Cloud SQL ${c.resource.name} was changed${d.tier ? ` to tier ${d.tier}` : ""}`;
    case "secret":
      return `secret ${c.resource.name} got version ${d.secretVersion ?? "?"}`;
    case "iam":
      return `the IAM policy of ${c.resource.name} was changed`;
  }
}

const LABEL = "a correlation in time, not a confirmed cause";

/**
 * The sentence the verdict adds after its reason. `sinceMs` is when the failure began, or null
 * when it began before the range (then only the change's time is given).
 */
export function correlationSentence(c: Change, sinceMs: number | null, what: string): string {
  const at = Date.parse(c.startedAt);
  if (sinceMs === null)
    return `${what} since before the range; the last change before it: ${changePhrase(c)} at ${formatDateTime(c.startedAt)} (${LABEL}).`;
  const gap = Math.max(0, sinceMs - at) / 1000;
  const when = gap < 60 ? "less than a minute" : formatAge(gap);
  return `${what} since ${formatClock(new Date(sinceMs))}, ${when} after ${changePhrase(c)} (${LABEL}).`;
}

/** For a failure whose start is not known (a probe): the last change before now, and how long ago. */
export function lastChangeSentence(c: Change, nowMs: number, what: string): string {
  const ago = Math.max(0, nowMs - Date.parse(c.startedAt)) / 1000;
  return `${what}: the last change before it was ${changePhrase(c)}, ${ago < 60 ? "less than a minute" : formatAge(ago)} ago (${LABEL}).`;
}

/** What the Overview's verdict knows about changes (lib/metrics/core/overview-verdict.ts). */
export type VerdictChanges = {
  evidence: ChangeEvidence;
  path: OnPath;
  /** Start of the current failing run of start-up periods; null: before the range; undefined: not failing now. */
  startupFailingSince: number | null | undefined;
  rangeStartMs: number;
  periodMs: number;
};

/**
 * The sentence naming the nearest change before the verdict's worst failure: start-ups dated
 * from when they began failing, a probe from now. Null when changes are unknown, none is near,
 * or the worst finding is not a failure (an unknown verdict correlates nothing).
 */
export function verdictCorrelation(
  c: VerdictChanges | undefined,
  worst: { severity: string; probe?: string; startups?: true },
  nowMs: number,
): string | null {
  if (!c || !c.evidence.known || worst.severity === "unknown") return null;
  const opts = { slackMs: c.periodMs, lookbackMs: CHANGE_LOOKBACK_MS };
  if (worst.startups && c.startupFailingSince !== undefined) {
    const since = c.startupFailingSince;
    const change = nearestChangeBefore(c.evidence.changes, since ?? c.rangeStartMs, c.path, opts);
    return change ? correlationSentence(change, since, "Start-ups failing") : null;
  }
  if (worst.probe) {
    const change = nearestChangeBefore(c.evidence.changes, nowMs, c.path, { ...opts, slackMs: 0 });
    return change ? lastChangeSentence(change, nowMs, `Probe ${worst.probe}`) : null;
  }
  return null;
}
