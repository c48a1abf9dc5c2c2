import { z } from "zod";
import { sessionStateSchema } from "./session-rules";

/**
 * What GET /api/sessions answers, as zod schemas whose output is the type: the sessions page,
 * the store reads (./sessions.ts, ./blocks.ts) and the API contract share these. Plain data,
 * so the contract can load it without the store.
 */

export const sessionViewSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  provider: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  state: sessionStateSchema,
  userAgent: z.string().nullable(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

/** An address shut out of signing in. */
export const blockViewSchema = z.strictObject({ email: z.string(), blockedAt: z.string(), blockedBy: z.string() });
export type BlockView = z.infer<typeof blockViewSchema>;

export const sessionListSchema = z.strictObject({
  sessions: z.array(sessionViewSchema),
  blocked: z.array(blockViewSchema),
});
export type SessionList = z.infer<typeof sessionListSchema>;
