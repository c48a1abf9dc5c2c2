/**
 * Why the tracker refused an edit, in the tracker's words. The route layer (`http.ts`,
 * `refusedAsApiError`) turns it into the API's status and code, so no HTTP status is decided
 * here. It is thrown rather than returned because it is raised inside the edit's transaction,
 * which must roll back.
 */
export type EditRefusalReason = "not_found" | "stale_version" | "criteria_failing" | "already_resolved";

export class EditRefused extends Error {
  constructor(
    readonly reason: EditRefusalReason,
    message: string,
    /** The state the edit collided with, sent back so the page can show it (undefined: none). */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = "EditRefused";
  }
}

export const notFound = (message: string) => new EditRefused("not_found", message);

/** A write based on an older version than the stored one: the caller reloads and decides again. */
export function staleVersion(kind: "phase" | "action", current: unknown, by: string): EditRefused {
  return new EditRefused(
    "stale_version",
    `This ${kind} was changed by ${by} after you loaded it; reload and apply your change again.`,
    current,
  );
}
