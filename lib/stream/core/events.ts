import { z } from "zod";
import type { ChangeFeedRow } from "@/lib/store/core/change-feed";

/**
 * What `/api/stream` carries (decision 0027), pure: a change as the feed stores it, and the
 * event one role may see. Everyone gets what changed (kind, subject, from, to, when); the
 * free text — reasons and likely cause — only a role that may see failure detail, because it
 * can hold Google's own error text and probe error messages (the rule `forAudience` applies to
 * the JSON routes' upstream errors). A page only needs the first part: it refetches the JSON
 * routes, which apply their own rules.
 */

/** `maintenance`: a window was made or ended (every verdict in its scope reads differently at once). */
export const CHANGE_KINDS = ["overview", "probe", "readiness", "maintenance"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export type ChangeDetail = { reasons: string[]; likelyCause: string | null };

/** One row of the change feed, as read from the store. */
export type FeedChange = {
  pos: number;
  at: number;
  kind: ChangeKind;
  subject: string;
  from: string | null;
  to: string;
  detail: ChangeDetail;
};

export const streamChangeSchema = z.strictObject({
  kind: z.enum(CHANGE_KINDS),
  subject: z
    .string()
    .describe(
      '"overview", "probe:<name>", "readiness" or "maintenance:<scope>" (everything, service:<name>, probe:<name>).',
    ),
  from: z.string().nullable(),
  to: z.string(),
  changedAt: z.iso.datetime(),
  reasons: z.array(z.string()).optional().describe("Only for roles that may see failure detail (probes:run)."),
  likelyCause: z.string().nullable().optional().describe("Only for roles that may see failure detail (probes:run)."),
});
export type StreamChange = z.infer<typeof streamChangeSchema>;

/** The first event of every stream: where the feed stands, so a later resume starts there. */
export const streamHelloSchema = z.strictObject({
  head: z.int().min(0),
  replayed: z.int().min(0),
  /** True when the client's Last-Event-ID was too far behind (or unknown): refetch everything. */
  reset: z.boolean(),
});
export type StreamHello = z.infer<typeof streamHelloSchema>;

/**
 * The change as a caller sees it: `showDetail` is whether their role may see failure detail
 * (`can(role, "probes:run")`, decided by the caller: the core does not know the role matrix).
 */
export function changeFor(change: FeedChange, showDetail: boolean): StreamChange {
  const base: StreamChange = {
    kind: change.kind,
    subject: change.subject,
    from: change.from,
    to: change.to,
    changedAt: new Date(change.at).toISOString(),
  };
  if (!showDetail) return base;
  return { ...base, reasons: change.detail.reasons, likelyCause: change.detail.likelyCause };
}

const detailSchema = z.object({ reasons: z.array(z.string()), likelyCause: z.string().nullable() });

/** A stored row back to a change; a row this version cannot read is skipped (null), never guessed. */
export function feedChangeOf(row: ChangeFeedRow): FeedChange | null {
  const kind = CHANGE_KINDS.find((k) => k === row.kind);
  if (!kind) return null;
  let detail: ChangeDetail = { reasons: [], likelyCause: null };
  try {
    const parsed = detailSchema.safeParse(JSON.parse(row.detail));
    if (parsed.success) detail = parsed.data;
  } catch {
    // Unreadable detail: the change itself still counts, without its words.
  }
  return { pos: row.pos, at: row.at, kind, subject: row.subject, from: row.from_state, to: row.to_state, detail };
}
