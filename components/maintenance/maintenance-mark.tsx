"use client";

import { useQuery } from "@tanstack/react-query";
import { formatClock } from "@/lib/core/format";
import { probeScopes } from "@/lib/config/core/maintenance/scope";
import { maintenanceQuery } from "@/lib/query/maintenance-queries";

/**
 * "maintenance until 14:30" beside a probe's own status (which it never replaces) while a
 * running window covers the probe, its service or all of staging.
 */
export function MaintenanceMark({ name, service }: { name: string; service: string | null }) {
  const { data } = useQuery(maintenanceQuery());
  const scopes: readonly string[] = probeScopes({ name, service: service ?? undefined });
  const w = data?.running.find((x) => scopes.includes(x.scope));
  if (!w) return null;
  return (
    <span className="badge status-maintenance" title={w.reason} data-testid={`maintenance-mark-${name}`}>
      maintenance until {formatClock(w.endsAt)}
    </span>
  );
}
