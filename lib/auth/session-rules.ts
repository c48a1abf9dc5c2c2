import { z } from "zod";

/**
 * Pure rules for a sign-in session (no I/O, no clock: `now` is passed in). The JWT cookie
 * only carries the session's id; these rules, applied to its row in the store, decide.
 */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 60 * 60 * 1000;
/**
 * How long one process trusts its last look at a session: revocation on another replica
 * applies within it (it was 30 s; decision 0020 wants every replica within 2 s).
 */
export const SESSION_RECHECK_MS = 1000;
/** last_seen_at is written at most this often per session (not on every poll). */
export const SESSION_TOUCH_MS = 60 * 1000;

export type SessionRow = { created_at: number; last_seen_at: number; expires_at: number; revoked_at: number | null };
export const sessionStateSchema = z.enum(["active", "revoked", "expired", "idle"]);
export type SessionState = z.infer<typeof sessionStateSchema>;

export function sessionState(row: SessionRow, now: number): SessionState {
  if (row.revoked_at !== null) return "revoked";
  if (now >= row.expires_at) return "expired";
  if (now - row.last_seen_at >= SESSION_IDLE_MS) return "idle";
  return "active";
}
