import type { MaintenanceScope } from "@/lib/health/maintenance/types";

/** The answers of the maintenance routes: plain data, shared by handlers and the pages. */

/** One entry of the maintenance audit stream: who made or ended which window, when, and why. */
export type MaintenanceAuditEntry = {
  at: string;
  actor: string;
  actorRole: string | null;
  windowId: string;
  change: string;
  summary: string;
  reason: string | null;
};

/** What GET /api/maintenance answers: windows of the last week, running and planned for the next. */
export type MaintenanceList = {
  now: string;
  running: MaintenanceWindowView[];
  planned: MaintenanceWindowView[];
  recent: MaintenanceWindowView[];
  history: MaintenanceAuditEntry[];
};

export type MaintenanceWindowView = {
  id: string;
  scope: MaintenanceScope;
  reason: string;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  source: "config" | "api";
  recurrence: string | null;
  endedEarly: { by: string; at: string } | null;
};
