import { z } from "zod";
import { createMaintenanceSchema, maintenanceIdSchema } from "@/lib/config/core/maintenance/schemas";
import { maintenanceListSchema, maintenanceWindowViewSchema } from "@/lib/maintenance/types";
import { errorResponse, jsonOk } from "../standard";
import { MEDIA, type RouteSpec } from "../types";

/** Maintenance windows (issue 26): everyone reads them; engineers and admins start and end them. */

const oneWindow = z.strictObject({ window: maintenanceWindowViewSchema });

export const maintenanceRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/maintenance",
    tag: "Maintenance",
    summary:
      "Maintenance windows running now, planned for the next 7 days and of the last 7 days, and their audit history",
    responses: jsonOk(
      "Config windows (one-off and each occurrence of a recurring one) and those made here.",
      maintenanceListSchema,
    ),
  },
  {
    method: "POST",
    path: "/api/maintenance",
    tag: "Maintenance",
    summary: "Start maintenance now (or at `startsAt`) for a scope and a duration, with a reason; it ends by itself",
    description:
      'During the window the verdicts of the scope say "maintenance" beside their evidence and its notifications are held (docs/maintenance.md).',
    body: createMaintenanceSchema,
    responses: {
      201: { description: "The new window.", content: { [MEDIA.json]: oneWindow } },
      413: errorResponse("The body is larger than 4 KB."),
    },
  },
  {
    method: "POST",
    path: "/api/maintenance/{id}/end",
    tag: "Maintenance",
    summary: "End a window made here now (a planned one never starts)",
    params: z.object({ id: maintenanceIdSchema }),
    responses: {
      ...jsonOk("The window as ended.", oneWindow),
      404: errorResponse("No window made here with that id (config windows are changed in the config)."),
      409: errorResponse("The window has already ended (`conflict`)."),
    },
  },
];
