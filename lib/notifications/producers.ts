import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { Change } from "@/lib/changes/core/types";
import type { MaintenanceHold } from "@/lib/maintenance/core/held";
import { changeRouteEvent, subjectEvent } from "@/lib/notifications/core/routing";
import type { ProbeEvidence } from "@/lib/probes/core/evidence";
import type { RehearsalBrief } from "@/lib/rehearsal/core/brief";
import type { StoreDb } from "@/lib/store/db";
import { changeEvent, changeSubject, isFinished } from "./change-alerts";
import type { ChannelTarget } from "./channels";
import { currentPlan } from "./current";
import type { NotificationEvent } from "./events";
import { recordState } from "./ledger";
import { rehearsalEvent, rehearsalState, rehearsalSubject } from "./rehearsal-alerts";

/**
 * The rehearsal and change producers: each observation goes through the one notification
 * ledger (./ledger.ts) like an Overview or golden-path change, so every guarantee holds —
 * recorded once across replicas by compare-and-set, routed when recorded (held in a window),
 * delivered once per channel, in order, retried, with the change id as the idempotency key.
 */

export type ProducerContext = {
  db: StoreDb;
  config: StagingConfig;
  channels: readonly ChannelTarget[];
  hold: MaintenanceHold;
  baseUrl: string | null;
  now: number;
};

/**
 * `catchUp`: after a window the held channels hear the state that outlived it (a rehearsal);
 * without it a held message stays held (a change is news of its moment, not a state).
 */
function record(
  ctx: ProducerContext,
  subject: string,
  to: string,
  payload: (id: string, from: string | null) => NotificationEvent,
  catchUp: boolean,
): Promise<string | null> {
  return recordState(ctx.db, {
    subject,
    state: to,
    checkedAt: ctx.now,
    plan: (from, audience) =>
      currentPlan(
        changeRouteEvent(subjectEvent(subject), subject, from, to),
        ctx.config,
        ctx.channels,
        ctx.hold,
        audience,
      ),
    payload,
    held: catchUp && ctx.hold.windowOf(subject) !== null,
  });
}

/** Records each demo rehearsal whose state changed; `briefs` are the latest runs by probe name. */
export async function recordRehearsals(
  ctx: ProducerContext,
  evidence: readonly ProbeEvidence[],
  briefs: ReadonlyMap<string, RehearsalBrief>,
): Promise<number> {
  let recorded = 0;
  for (const p of evidence) {
    const brief = briefs.get(p.name) ?? null;
    const id = await record(
      ctx,
      rehearsalSubject(p.name),
      rehearsalState(p),
      (cid, from) => rehearsalEvent(cid, from, p, brief, ctx.now, ctx.baseUrl),
      true,
    );
    if (id) recorded++;
  }
  return recorded;
}

/** Records each finished change not recorded before (by any replica): once per change id. */
export async function recordChanges(ctx: ProducerContext, changes: readonly Change[]): Promise<number> {
  let recorded = 0;
  // Oldest first, so channels hear them in the order they happened.
  const finished = changes.filter(isFinished).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  // One read leaves out what is already recorded: a change seen again is not written again.
  const known = new Set<string>();
  for (let i = 0; i < finished.length; i += 500) {
    const subjects = finished.slice(i, i + 500).map(changeSubject);
    const rows = await ctx.db.selectFrom("ledger_state").select("subject").where("subject", "in", subjects).execute();
    for (const r of rows) known.add(r.subject);
  }
  for (const c of finished.filter((x) => !known.has(changeSubject(x)))) {
    const id = await record(ctx, changeSubject(c), c.outcome, (cid) => changeEvent(cid, c, ctx.baseUrl), false);
    if (id) recorded++;
  }
  return recorded;
}
