import { formatAge, formatClock, formatDateTime } from "@/lib/format";
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
