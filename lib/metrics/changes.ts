import "server-only";
import { changeExplorerUrl, changeQuery } from "@/lib/gcp/changes";
import { logsExplorerUrl } from "@/lib/gcp/failures";
import type { Change } from "@/lib/changes/core/types";
import { staleReason, UpstreamError } from "@/lib/gcp/upstream-error";
import type { ChangeEvidence } from "@/lib/changes/core/correlate";
import { readInputs } from "@/lib/base/memo";
import { freshness, rangeInfo } from "./context";
import { metricsContext, readAll, type MetricsContext } from "@/lib/gcp/read-context";
import { filterChanges, type ChangeFilters, type ChangesResponse, type ChangeView } from "./changes-schema";

/**
 * Changes that started in the range, newest first, filtered here: one cached read (range plus
 * look-back) serves every filter and viewer. Who made a change is personal data: only callers
 * who may see it (`showActors`, engineers and admins) get the email.
 */
export async function changes(ctx: MetricsContext, f: ChangeFilters, showActors: boolean): Promise<ChangesResponse> {
  const r = await readAll(ctx, { changes: ctx.reader.changes(ctx.interval, ctx.live) });
  const read = r.changes.value;
  const { startMs, endMs } = ctx.interval;
  const inRange = read.changes.filter((c) => {
    const t = Date.parse(c.startedAt);
    return t >= startMs && t < endMs;
  });
  const resources = new Map(inRange.map((c) => [`${c.resource.type}/${c.resource.name}`, c.resource]));
  const matching = filterChanges(inRange, f);
  const projectId = ctx.reader.projectId;
  return {
    ...freshness(ctx, [r.changes]),
    range: rangeInfo(ctx),
    filters: { resource: f.resource ?? null, kind: f.kind ?? null },
    changes: matching.map((c) => changeView(c, projectId, showActors)),
    resources: [...resources.values()].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name)),
    truncated: read.truncated,
    actorsShown: showActors,
    explorerUrl: logsExplorerUrl(projectId, changeQuery(projectId, startMs, endMs)),
  };
}

export function changeView(c: Change, projectId: string, showActors: boolean): ChangeView {
  return {
    id: c.id,
    kind: c.kind,
    resource: c.resource,
    method: c.method,
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    durationMs: c.durationMs,
    outcome: c.outcome,
    error: c.error,
    actor: showActors ? c.actor : null,
    summary: c.summary,
    details: c.details,
    explorerUrl: changeExplorerUrl(projectId, c),
  };
}

/**
 * Changes for a view that only uses them (the verdict's words, the connector's ceiling in force). Never fails the view: a Logging failure with no
 * copy to stand in makes changes unknown, and the verdict then says nothing about them.
 */
export function readChangeEvidence(ctx: MetricsContext): Promise<{ evidence: ChangeEvidence; input: unknown[] }> {
  return ctx.reader.changes(ctx.interval, ctx.live).then(
    (r) => ({ evidence: { known: true, changes: r.value.changes }, input: readInputs([r]) }),
    (err: unknown) => ({
      evidence: { known: false, reason: err instanceof UpstreamError ? staleReason(err).message : "unreadable" },
      input: ["changes unknown"],
    }),
  );
}

/** How far around a change's start the lookup reads: the API's shortest range is 5 minutes. */
const AROUND_MS = 5 * 60_000;

/**
 * One change by its id and start, read again from the audit log (a tracker link stores what
 * Google recorded, not what a browser says was there); null when no such change started then.
 * Who made it is left out: a link is shown to viewers too.
 */
export async function findChange(
  reader: MetricsContext["reader"],
  config: MetricsContext["config"],
  id: string,
  startedAt: string,
  now: number,
): Promise<ChangeView | null> {
  const at = Date.parse(startedAt);
  const range = { preset: "custom" as const, from: new Date(at - AROUND_MS), to: new Date(at + AROUND_MS) };
  const ctx = metricsContext(reader, config, range, now);
  const r = await readAll(ctx, { changes: ctx.reader.changes(ctx.interval, ctx.live) });
  const found = r.changes.value.changes.find((c) => c.id === id && Math.abs(Date.parse(c.startedAt) - at) < 1_000);
  return found ? changeView(found, reader.projectId, false) : null;
}
