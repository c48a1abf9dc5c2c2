import { z } from "zod";
import { scopeTextSchema } from "@/lib/config/core/maintenance/types";

/**
 * The answers of the maintenance routes: plain data, shared by handlers and the pages. Each is a
 * zod schema whose output is the type (the API contract documents it).
 */

/** One entry of the maintenance audit stream: who made or ended which window, when, and why. */
export const maintenanceAuditEntrySchema = z.strictObject({
  at: z.string(),
  actor: z.string(),
  actorRole: z.string().nullable(),
  windowId: z.string(),
  change: z.string(),
  summary: z.string(),
  reason: z.string().nullable(),
});
export type MaintenanceAuditEntry = z.infer<typeof maintenanceAuditEntrySchema>;

export const maintenanceWindowViewSchema = z.strictObject({
  id: z.string(),
  scope: scopeTextSchema,
  reason: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  source: z.enum(["config", "api"]),
  recurrence: z.string().nullable(),
  endedEarly: z.strictObject({ by: z.string(), at: z.string() }).nullable(),
});
export type MaintenanceWindowView = z.infer<typeof maintenanceWindowViewSchema>;

/** What GET /api/maintenance answers: windows of the last week, running and planned for the next. */
export const maintenanceListSchema = z.strictObject({
  now: z.string(),
  running: z.array(maintenanceWindowViewSchema),
  planned: z.array(maintenanceWindowViewSchema),
  recent: z.array(maintenanceWindowViewSchema),
  history: z.array(maintenanceAuditEntrySchema),
});
export type MaintenanceList = z.infer<typeof maintenanceListSchema>;
