/**
 * Every edit made on the tracker page, one file per subject: transactional, audited (who,
 * when, before → after), and based on a version — a write based on an older version than the
 * stored one is refused (`EditRefused`, "stale_version") with the current state instead of
 * overwriting someone else's change. The route layer turns a refusal into the API's error
 * (`refusedAsApiError` in `http.ts`).
 */
export { actionRow, createAction, deleteAction, updateAction } from "./action-edits";
export { resolveConflict } from "./conflict-resolution";
export { EditRefused, type EditRefusalReason } from "./edit-refused";
export { updatePhase } from "./phase-edits";
export type { PhaseState } from "./types";
