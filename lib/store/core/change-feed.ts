/**
 * A change-feed row as stored (migration 0013_change_feed, decision 0027): `pos` follows commit
 * order; `detail` is JSON (reasons, likely cause). Pure, so the stream's core reads the row the
 * store writes without importing the store.
 */
export type ChangeFeedRow = {
  pos: number;
  at: number;
  kind: string;
  subject: string;
  from_state: string | null;
  to_state: string;
  detail: string;
};
