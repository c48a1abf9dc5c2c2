import { z } from "zod";

/**
 * The tracker's inputs: one schema per write, shared by the route handlers (400 naming the
 * field) and the page's forms (the same messages inline). Every write carries the version
 * it was based on, so a stale edit is refused instead of silently overwriting another.
 */

export const PHASE_STATUSES = ["not-started", "active", "held", "blocked", "done"] as const;
export const ACTION_STATUSES = ["todo", "in-progress", "held", "done"] as const;

const version = z.int({ error: "version must be a whole number" }).min(1, "version must be at least 1");
// One line of text: a line break in a title or owner has no use and would reshape the Markdown report.
const ONE_LINE = /^[^\u0000-\u001f\u007f\u2028\u2029]*$/;
const title = z
  .string()
  .trim()
  .min(1, "title must not be empty")
  .max(200, "title must be at most 200 characters")
  .regex(ONE_LINE, "title must be one line without control characters");
const owner = z
  .string()
  .trim()
  .min(1, "owner must not be empty")
  .max(100, "owner must be at most 100 characters")
  .regex(ONE_LINE, "owner must be one line without control characters");
const status = z.enum(ACTION_STATUSES, { error: `status must be one of ${ACTION_STATUSES.join(", ")}` });
const due = z.iso.date({ error: "due must be a date such as 2025-10-01" }).nullable();
const links = z
  .array(
    z
      .url({ protocol: /^https?$/, error: "each link must be an http(s) URL" })
      .max(500, "a link may be at most 500 characters"),
  )
  .max(10, "at most 10 links");

export const phasePatchSchema = z.strictObject({
  version,
  status: z.enum(PHASE_STATUSES, { error: `status must be one of ${PHASE_STATUSES.join(", ")}` }),
});
export type PhasePatch = z.infer<typeof phasePatchSchema>;

export const actionCreateSchema = z.strictObject({
  title,
  owner,
  status: status.default("todo"),
  due: due.default(null),
  links: links.default([]),
});
export type ActionCreate = z.infer<typeof actionCreateSchema>;

export const actionPatchSchema = z
  .strictObject({
    version,
    title: title.optional(),
    owner: owner.optional(),
    status: status.optional(),
    due: due.optional(),
    links: links.optional(),
  })
  .refine((p) => Object.keys(p).length > 1, {
    message: "change at least one of title, owner, status, due, links",
    path: ["(body)"],
  });
export type ActionPatch = z.infer<typeof actionPatchSchema>;

export const versionQuerySchema = z.strictObject({ version: z.coerce.number().pipe(version) });

export const conflictResolutionSchema = z.strictObject({
  keep: z.enum(["store", "config"], { error: 'keep must be "store" (the edit made on the page) or "config"' }),
});

/** A change's id from GET /api/changes: an operation name, an entry's insertId or a rollout. */
const changeId = z
  .string({ error: "changeId must be the id of a change from GET /api/changes" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,199}$/, "changeId must be the id of a change from GET /api/changes");

export const changeLinkSchema = z.strictObject({
  changeId,
  /** The change's startedAt, as GET /api/changes gave it: the audit log is read around it. */
  startedAt: z.iso.datetime({ offset: true, error: "startedAt must be the change's startedAt (an ISO date-time)" }),
});
export type ChangeLink = z.infer<typeof changeLinkSchema>;

export const changeUnlinkQuerySchema = z.strictObject({ changeId });

export const idParamSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be an id of lower-case letters, digits and dashes");

export const historyQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,15}:[0-9a-f-]{36}$/, "cursor must be the nextCursor of a previous page")
    .optional(),
  since: z.iso.datetime({ offset: true, error: "since must be an ISO date-time" }).optional(),
});

export const reportQuerySchema = z.strictObject({
  format: z.enum(["md", "json"], { error: "format must be md or json" }).default("md"),
  /** "What changed since": a date (midnight UTC) or a date-time. */
  since: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: "since must be a date such as 2025-09-17 or an ISO date-time",
    })
    .optional(),
});

/** Field errors keyed by field name, for a form to show next to its inputs. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "(body)";
    out[key] ??= issue.message;
  }
  return out;
}
