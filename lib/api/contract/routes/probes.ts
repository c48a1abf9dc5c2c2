import { probeNameSchema } from "@/lib/probes/views";
import { searchSchema as rangeQuery } from "@/lib/time-range";
import { probeDetailSchema, probeHistorySchema, probesResponseSchema, runNowResponseSchema } from "../responses/probes";
import { errorResponse, jsonOk } from "../standard";
import type { RouteContract } from "../types";

/** Synthetic probes: their latest state, detail, history, and "run now". */

const read = { permission: "read" } as const;
const notFound = { 404: errorResponse("No probe of that name in the staging config.") };

export const probeRoutes: RouteContract[] = [
  {
    method: "GET",
    path: "/api/probes",
    tag: "Probes",
    summary: "Latest state, uptime 24 h / 7 d and p95 of every configured probe",
    access: read,
    responses: jsonOk("Every probe; a stale or never-run probe is `unknown`.", probesResponseSchema),
  },
  {
    method: "GET",
    path: "/api/probes/{name}",
    tag: "Probes",
    summary: "One probe: last result with phase timings and conditions, uptime, latency per phase, state changes",
    access: read,
    params: probeNameSchema,
    responses: { ...jsonOk("The probe's detail.", probeDetailSchema), ...notFound },
  },
  {
    method: "GET",
    path: "/api/probes/{name}/history",
    tag: "Probes",
    summary: "Latency and uptime per step over the range",
    access: read,
    params: probeNameSchema,
    query: [rangeQuery],
    responses: { ...jsonOk("One point per step; a step without checks has null figures.", probeHistorySchema), ...notFound },
  },
  {
    method: "POST",
    path: "/api/probes/{name}/run",
    tag: "Probes",
    summary: "Run one configured probe now, with a per-probe cool-down",
    access: { permission: "probes:run" },
    params: probeNameSchema,
    responses: {
      ...jsonOk("The attempt's result (null when the engine returned none).", runNowResponseSchema),
      ...notFound,
      429: errorResponse("The probe ran moments ago (`cooling_down`).", { "Retry-After": "Seconds until it may run again." }),
    },
  },
];
