import type { SloDefinition } from "@/lib/config/core/slo/config";

/** Helpers for the SLO tests. */

/** The overall start-up SLO: 95 % of start-ups over 28 days, alerted by the workbook's rules. */
export const STARTUP_SLO: SloDefinition = {
  id: "startup-all",
  service: "all",
  objective: 0.95,
  windowDays: 28,
  alerting: "workbook",
  source: "startups",
  excludeMaintenance: false,
};
