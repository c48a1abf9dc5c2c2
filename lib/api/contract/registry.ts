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
import type { RouteContract } from "./types";

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
];
