import { z } from "zod";

/**
 * The readiness domain's inputs, shared by the route handlers, the page's URL parsing and
 * the client forms. Times of day are UTC, like every time the dashboard shows.
 */

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** A clock time this far in the past still means today ("I demo at 15:00", asked at 15:20). */
const JUST_PASSED_MS = 60 * MINUTE_MS;
export const DEMO_AT_MAX_AHEAD_MS = 7 * DAY_MS;

export const demoAtText = z
  .string()
  .trim()
  .max(40)
  .refine((s) => HH_MM.test(s) || z.iso.datetime({ offset: true }).safeParse(s).success, {
    message: 'must be a time of day such as "15:00" (UTC) or an ISO date-time such as "2025-09-17T15:00:00Z"',
  });

/**
 * The demo time a text means at `now`: "HH:MM" is the next such UTC time (or today's, when it
 * passed less than an hour ago); an ISO date-time is taken as it is. Null with a message
 * when it is not a time, or more than a day ago or a week ahead.
 */
export function resolveDemoAt(text: string, now: number): { ok: true; at: Date } | { ok: false; message: string } {
  const parsed = demoAtText.safeParse(text);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "not a time" };
  const value = parsed.data;
  const hm = HH_MM.exec(value);
  let at: number;
  if (hm) {
    const day = new Date(now);
    at = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), Number(hm[1]), Number(hm[2]));
    if (at < now - JUST_PASSED_MS) at += DAY_MS;
  } else {
    at = Date.parse(value);
  }
  if (at < now - DAY_MS) return { ok: false, message: "must not be more than a day ago" };
  if (at > now + DEMO_AT_MAX_AHEAD_MS)
    return { ok: false, message: "must be within the next 7 days (the verdict describes staging now)" };
  return { ok: true, at: new Date(at) };
}

/** The page's `?demoAt=`: the text to keep in the URL and query key, its time, or why it is not usable. */
export function demoAtFromSearch(
  raw: string | string[] | undefined,
  now: number = Date.now(),
): { text: string | undefined; at: Date | undefined; error: string | null } {
  const text = typeof raw === "string" && raw.trim() ? raw.trim() : undefined;
  if (!text) return { text: undefined, at: undefined, error: null };
  const r = resolveDemoAt(text, now);
  return r.ok ? { text, at: r.at, error: null } : { text: undefined, at: undefined, error: r.message };
}

export const readinessQuerySchema = z.strictObject({ demoAt: demoAtText.optional() });

export const recheckBodySchema = z.strictObject({ demoAt: demoAtText.optional() }).prefault({});

export const SHARE_DEFAULT_SECONDS = 24 * 3_600;
export const SHARE_MIN_SECONDS = 60;
export const SHARE_MAX_SECONDS = 7 * 24 * 3_600;

export const createShareLinkSchema = z
  .strictObject({
    expiresInSeconds: z.int().min(SHARE_MIN_SECONDS).max(SHARE_MAX_SECONDS).default(SHARE_DEFAULT_SECONDS),
    note: z.string().trim().max(120).optional(),
  })
  .prefault({});

export type CreateShareLinkInput = z.infer<typeof createShareLinkSchema>;

/** Share link ids are UUIDs; anything else is not one of ours. */
export const shareLinkIdSchema = z.uuid();
