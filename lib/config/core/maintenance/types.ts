import { z } from "zod";

/**
 * Maintenance windows (issue 26): planned work during which the affected verdicts say
 * "maintenance" beside their evidence, notifications for the scope are held, and an SLO may
 * leave those minutes out of its budget. Times are epoch milliseconds.
 */

/** What a window covers: all of staging, one configured service, or one probe. */
export const scopeTextSchema = z.union([
  z.literal("everything"),
  z.templateLiteral(["service:", z.string()]),
  z.templateLiteral(["probe:", z.string()]),
]);
export type MaintenanceScope = z.infer<typeof scopeTextSchema>;

/** One concrete window: a one-off, an API-made one, or one occurrence of a recurring one. */
export type MaintenanceWindow = {
  id: string;
  scope: MaintenanceScope;
  reason: string;
  startsAt: number;
  /** When it ends (for a window ended early: when an engineer ended it). */
  endsAt: number;
  createdBy: string;
  /** "config": from the staging config (read-only here); "api": stored, made by a person. */
  source: "config" | "api";
  /** The cron of a recurring config window this is an occurrence of; null for a one-off. */
  recurrence: string | null;
  /** Who ended it early, and when; null when it runs (or ran) to its planned end. */
  endedEarly: { by: string; at: number } | null;
};

/** A recurring window of the staging config: starts on each cron tick, in its time zone. */
export type RecurringWindow = {
  id: string;
  scope: MaintenanceScope;
  reason: string;
  cron: string;
  timeZone: string;
  durationMs: number;
};

/**
 * What a verdict or a notification says about the window that covers it, in every answer that
 * carries one. Times are ISO: when the window started and when it ends.
 */
export const maintenanceNoteSchema = z.object({
  id: z.string(),
  scope: scopeTextSchema,
  reason: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type MaintenanceNote = z.infer<typeof maintenanceNoteSchema>;

export const noteOf = (w: MaintenanceWindow): MaintenanceNote => ({
  id: w.id,
  scope: w.scope,
  reason: w.reason,
  startsAt: new Date(w.startsAt).toISOString(),
  endsAt: new Date(w.endsAt).toISOString(),
});
