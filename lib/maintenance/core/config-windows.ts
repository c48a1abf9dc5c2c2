import { occurrencesBetween } from "@/lib/config/core/maintenance/recurring";
import type { MaintenanceConfig } from "@/lib/config/core/maintenance/schemas";
import type { MaintenanceWindow } from "@/lib/config/core/maintenance/types";

/** The config's windows that overlap [from, to): one-offs as they are, recurring ones as their occurrences. */
export function configWindows(config: MaintenanceConfig, from: number, to: number): MaintenanceWindow[] {
  return config.windows.flatMap((w): MaintenanceWindow[] => {
    if ("cron" in w)
      return occurrencesBetween(
        { id: w.id, scope: w.scope, reason: w.reason, cron: w.cron, timeZone: w.timeZone, durationMs: w.duration },
        from,
        to,
      );
    const startsAt = Date.parse(w.start);
    const endsAt = Date.parse(w.end);
    if (endsAt <= from || startsAt >= to) return [];
    return [
      {
        id: w.id,
        scope: w.scope,
        reason: w.reason,
        startsAt,
        endsAt,
        createdBy: "staging config",
        source: "config",
        recurrence: null,
        endedEarly: null,
      },
    ];
  });
}
