import type { Change } from "./types";

/**
 * Cloud Run writes "Starting new instance. Reason: DEPLOYMENT_ROLLOUT …" (varlog/system) when a
 * rollout starts an instance of the new revision: the moment its traffic moved, which the audit
 * log's deploy entries (request accepted, revision created) do not say. The earliest such line of
 * a revision is read as that moment: it joins the deploy that created the revision, or, when the
 * deploy is not in the read (older than the look-back, or not from the audit log), is a change
 * of its own.
 */

export type RolloutRecord = { insertId: string; timeMs: number; service: string; revision: string };

export const ROLLOUT_REASON = "DEPLOYMENT_ROLLOUT";

/** The rollout's own change, when no deploy of its revision was read. */
function rolloutChange(r: RolloutRecord): Change {
  const at = new Date(r.timeMs).toISOString();
  return {
    id: `rollout:${r.revision}`,
    kind: "traffic",
    resource: { type: "service", name: r.service },
    method: ROLLOUT_REASON,
    startedAt: at,
    endedAt: null,
    durationMs: null,
    outcome: "succeeded",
    error: null,
    // A system line: Cloud Run wrote it, nobody in particular.
    actor: null,
    summary: `${r.service}: traffic moved to ${r.revision} (first instance of the rollout started)`,
    details: { revision: r.revision, trafficMovedAt: at },
    insertIds: [r.insertId],
  };
}

/** `changes` (newest first) with the rollouts merged in, newest first. */
export function withRollouts(changes: readonly Change[], rollouts: readonly RolloutRecord[]): Change[] {
  const earliest = new Map<string, RolloutRecord>();
  for (const r of rollouts) {
    const key = `${r.service}\u0000${r.revision}`;
    const seen = earliest.get(key);
    if (!seen || r.timeMs < seen.timeMs) earliest.set(key, r);
  }
  const out = changes.map((c) => {
    const r =
      c.kind === "deploy" && c.details.revision
        ? earliest.get(`${c.resource.name}\u0000${c.details.revision}`)
        : undefined;
    if (!r) return c;
    earliest.delete(`${r.service}\u0000${r.revision}`);
    return {
      ...c,
      details: { ...c.details, trafficMovedAt: new Date(r.timeMs).toISOString() },
      insertIds: [...c.insertIds, r.insertId],
    };
  });
  out.push(...[...earliest.values()].map(rolloutChange));
  return out.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? -1 : 1));
}
