import { digestRoutes } from "./routes/digest";
import { maintenanceRoutes } from "./routes/maintenance";
import { metricsRoutes } from "./routes/metrics";
import { notificationRoutes } from "./routes/notifications";
import { probeRoutes } from "./routes/probes";
import { readinessRoutes } from "./routes/readiness";
import { sessionRoutes } from "./routes/sessions";
import { sloRoutes } from "./routes/slo";
import { streamRoutes } from "./routes/stream";
import { systemRoutes } from "./routes/system";
import { trackerRoutes } from "./routes/tracker";
import { whatIfRoutes } from "./routes/what-if";
import { accessOf } from "@/lib/auth/route-access";
import type { RouteContract, RouteSpec } from "./types";

/**
 * Who may call an operation, from its one declaration (lib/auth/route-access.ts, which the
 * handler's `withAccess` reads too); an operation without one fails at load, so in every test.
 */
function declared(route: RouteSpec): RouteContract {
  const access = accessOf(route.method, route.path);
  if (access === undefined)
    throw new Error(`${route.method} ${route.path} has no entry in ROUTE_ACCESS (lib/auth/route-access.ts)`);
  return { ...route, access: typeof access === "string" ? { permission: access } : { public: access.public } };
}

/** Every operation under app/api, one entry per route file and method (a contract test enforces it). */
export const API_ROUTES: readonly RouteContract[] = [
  ...metricsRoutes,
  ...whatIfRoutes,
  ...probeRoutes,
  ...readinessRoutes,
  ...trackerRoutes,
  ...sloRoutes,
  ...sessionRoutes,
  ...notificationRoutes,
  ...digestRoutes,
  ...streamRoutes,
  ...maintenanceRoutes,
  ...systemRoutes,
].map(declared);
