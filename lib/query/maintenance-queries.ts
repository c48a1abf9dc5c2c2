import { queryOptions } from "@tanstack/react-query";
import type { MaintenanceList } from "@/lib/maintenance/types";
import { fetchJson } from "./fetch-json";

/** Maintenance windows, shared by the server's prefetch and the browser's 30-second refresh. */
export const MAINTENANCE_KEY = ["maintenance"] as const;

export const maintenanceQuery = () =>
  queryOptions({
    queryKey: MAINTENANCE_KEY,
    queryFn: () => fetchJson<MaintenanceList>("/api/maintenance"),
    refetchInterval: 30_000,
  });
