import { z } from "zod";
import { parseDurationText } from "@/lib/core/expr/durations";
import { slug } from "@/lib/core/slug";
import { cronProblem } from "./recurring";
import { parseScope } from "./scope";
import type { MaintenanceScope } from "./types";

/**
 * The maintenance inputs, one schema each, shared by the staging config, the route handlers
 * (a 400 naming the field) and the page's form. A reason is one line: it is shown on every
 * page and sent in notifications, so a line break or control character could forge a line.
 */

export const REASON_MAX = 200;
export const MAX_DURATION_MS = 7 * 86_400_000;
const ONE_LINE = /^[^\u0000-\u001f\u007f\u2028\u2029]*$/;

export const reasonSchema = z
  .string({ error: "reason must be text" })
  .trim()
  .min(1, "reason must not be empty")
  .max(REASON_MAX, `reason must be at most ${REASON_MAX} characters`)
  .regex(ONE_LINE, "reason must be one line without control characters");

export const scopeSchema = z
  .string({ error: "scope must be text" })
  .max(80, "scope must be at most 80 characters")
  .transform((text, ctx): MaintenanceScope => {
    const scope = parseScope(text);
    if (scope) return scope;
    ctx.addIssue({ code: "custom", message: 'scope must be "everything", "service:<name>" or "probe:<name>"' });
    return z.NEVER;
  });

/** "90m", "2h": at least a minute, at most a week. */
export const durationSchema = z
  .string({ error: "duration must be text" })
  .max(20, "duration must be at most 20 characters")
  .transform((text, ctx) => {
    const ms = parseDurationText(text);
    if (ms === null || !Number.isFinite(ms)) {
      ctx.addIssue({ code: "custom", message: 'duration must be a duration such as "30m" or "2h"' });
      return z.NEVER;
    }
    if (ms < 60_000 || ms > MAX_DURATION_MS) {
      ctx.addIssue({ code: "custom", message: "duration must be between 1 minute and 7 days" });
      return z.NEVER;
    }
    return ms;
  });

/** POST /api/maintenance: start now (or at `startsAt`) for `duration`. */
export const createMaintenanceSchema = z.strictObject({
  scope: scopeSchema,
  duration: durationSchema,
  reason: reasonSchema,
  startsAt: z.iso.datetime({ offset: true, error: "startsAt must be an ISO date-time" }).optional(),
});
export type CreateMaintenanceInput = z.infer<typeof createMaintenanceSchema>;

/** A stored window's id (made by the app: a UUID). */
export const maintenanceIdSchema = z.uuid({ error: "id must be a maintenance window id" });

const oneOff = z
  .strictObject({
    id: slug,
    scope: scopeSchema,
    reason: reasonSchema,
    start: z.iso.datetime({ offset: true, error: "must be an ISO date-time with its offset" }),
    end: z.iso.datetime({ offset: true, error: "must be an ISO date-time with its offset" }),
  })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { path: ["end"], message: "must be after start" });

const recurring = z
  .strictObject({
    id: slug,
    scope: scopeSchema,
    reason: reasonSchema,
    /** Five-field cron of the start times, read in `timeZone`. */
    cron: z.string().min(1).max(100),
    timeZone: z.string().min(1).max(64).default("UTC"),
    duration: durationSchema,
  })
  .superRefine((w, ctx) => {
    const problem = cronProblem(w.cron, w.timeZone);
    if (problem) ctx.addIssue({ code: "custom", path: ["cron"], message: problem });
  });

/** The `maintenance` section of the staging config. */
export const maintenanceConfigSchema = z
  .strictObject({ windows: z.array(z.union([recurring, oneOff])).default([]) })
  .prefault({});
export type MaintenanceConfig = z.infer<typeof maintenanceConfigSchema>;
