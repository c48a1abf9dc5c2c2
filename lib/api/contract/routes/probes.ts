import { z } from "zod";
import { probeNameSchema } from "@/lib/probes/view/views";
import { screenshotParamsSchema } from "@/lib/rehearsal/http";
import { searchSchema as rangeQuery } from "@/lib/core/time-range";
import {
  probeDetailSchema,
  probeHistorySchema,
  probesResponseSchema,
  runNowResponseSchema,
} from "@/lib/probes/core/types";
import { errorResponse, jsonOk } from "../standard";
import { MEDIA, type RouteSpec } from "../types";

/** Synthetic probes: their latest state, detail, history, "run now", and browser rehearsals' screenshots. */

/** The image itself: binary, described as JSON Schema 2020-12 describes non-JSON content. */
export const pngSchema = z.string().meta({ contentMediaType: MEDIA.png });

const notFound = { 404: errorResponse("No probe of that name in the staging config.") };

export const probeRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/probes",
    tag: "Probes",
    summary: "Latest state, uptime 24 h / 7 d and p95 of every configured probe",
    responses: jsonOk("Every probe; a stale or never-run probe is `unknown`.", probesResponseSchema),
  },
  {
    method: "GET",
    path: "/api/probes/{name}",
    tag: "Probes",
    summary: "One probe: last result with phase timings and conditions, uptime, latency per phase, state changes",
    description:
      "A browser probe also carries `rehearsal`: its journey, the latest run's steps and screenshot kinds, and its run history.",
    params: probeNameSchema,
    responses: { ...jsonOk("The probe's detail.", probeDetailSchema), ...notFound },
  },
  {
    method: "GET",
    path: "/api/probes/{name}/history",
    tag: "Probes",
    summary: "Latency and uptime per step over the range",
    params: probeNameSchema,
    query: [rangeQuery],
    responses: {
      ...jsonOk("One point per step; a step without checks has null figures.", probeHistorySchema),
      ...notFound,
    },
  },
  {
    method: "POST",
    path: "/api/probes/{name}/run",
    tag: "Probes",
    summary: "Run one configured probe now, with a per-probe cool-down",
    params: probeNameSchema,
    responses: {
      ...jsonOk("The attempt's result.", runNowResponseSchema),
      ...notFound,
      429: errorResponse(
        "The probe ran moments ago, or a scheduled rehearsal started within the on-demand window and its result stands (`cooling_down`); or the user's run-now limit is spent (`rate_limited`, 10 a minute across replicas).",
        {
          "Retry-After": "Seconds until it may run again.",
        },
      ),
      503: errorResponse(
        "The probe could not run (e.g. no browser for a rehearsal): no result was recorded (`not_run`).",
      ),
    },
  },
  {
    method: "GET",
    path: "/api/rehearsals/{id}/screenshots/{kind}",
    tag: "Probes",
    summary: "A demo rehearsal's screenshot (the end state, the failure, or a screenshot step's)",
    description: "The kinds a run has are listed in `rehearsal.latest.screenshots` of GET /api/probes/{name}.",
    params: screenshotParamsSchema,
    responses: {
      200: { description: "The PNG, never cached, served inline with nosniff.", content: { [MEDIA.png]: pngSchema } },
      404: errorResponse("No such run, or no screenshot of that kind for it."),
    },
  },
];
