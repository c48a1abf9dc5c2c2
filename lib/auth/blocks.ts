import "server-only";
import type { StoreDb } from "@/lib/store/db";
import { forgetUser } from "./forget";
import type { BlockView } from "./session-views";

/**
 * Addresses an admin has shut out (decision 0020). Identity-Aware Proxy vouches for its users
 * again on every request, so for them "end this session" has to mean "keep this address out":
 * a row here refuses every verified assertion for the address, on every replica, until an
 * admin removes it.
 */

export async function blockEmail(db: StoreDb, email: string, by: string, now: number): Promise<void> {
  await db
    .insertInto("auth_block")
    .values({ email: email.toLowerCase(), blocked_at: now, blocked_by: by })
    .onConflict((oc) => oc.column("email").doNothing())
    .execute();
  forgetUser(email);
}

/** True when there was a block to lift. */
export async function unblockEmail(db: StoreDb, email: string): Promise<boolean> {
  const r = await db.deleteFrom("auth_block").where("email", "=", email.toLowerCase()).executeTakeFirst();
  forgetUser(email);
  return Number(r.numDeletedRows) > 0;
}

export async function isBlocked(db: StoreDb, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("auth_block")
    .select("email")
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

export async function listBlocks(db: StoreDb): Promise<BlockView[]> {
  const rows = await db.selectFrom("auth_block").selectAll().orderBy("blocked_at", "desc").limit(500).execute();
  return rows.map((r) => ({
    email: r.email,
    blockedAt: new Date(Number(r.blocked_at)).toISOString(),
    blockedBy: r.blocked_by,
  }));
}
