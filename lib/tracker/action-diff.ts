import { ACTION_FIELDS, same, type ActionFields } from "./sync-plan";

/**
 * What a patch changes in an action: the fields it sets to a new value, before and after, and
 * the audit's one-line description. A field the patch leaves out, or sets to what is stored,
 * is no change.
 */
export interface ActionDiff {
  before: Partial<ActionFields>;
  after: Partial<ActionFields>;
}

export function actionDiff(stored: ActionFields, patch: Partial<ActionFields>): ActionDiff {
  const before: Partial<ActionFields> = {};
  const after: Partial<ActionFields> = {};
  for (const f of ACTION_FIELDS) {
    const next = patch[f];
    if (next === undefined || same(next, stored[f])) continue;
    Object.assign(before, { [f]: stored[f] });
    Object.assign(after, { [f]: next });
  }
  return { before, after };
}

/** `status "todo" → "done", owner "A" → "B"`, in the order the fields are listed. */
export function describeDiff({ before, after }: ActionDiff): string {
  return Object.entries(after)
    .map(([f, v]) => `${f} ${JSON.stringify(before[f as keyof ActionFields] ?? null)} → ${JSON.stringify(v)}`)
    .join(", ");
}
