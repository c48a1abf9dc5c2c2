import { z } from "zod";
import { exportBodySchema } from "@/lib/slo/export/service";
import { sloResponseSchema } from "@/lib/slo/schemas";
import { sloExportPlanSchema, sloExportResultSchema } from "@/lib/slo/export/shapes";
import { errorResponse, jsonOk } from "../standard";
import { MEDIA } from "../types";
import type { RouteSpec } from "../types";
import { UPSTREAM_ERRORS } from "./upstream";

/** Start-up SLOs: attainment, error budget and burn-rate alerts, and their export to Cloud Monitoring. */

/**
 * GET /api/slo's query as lib/slo/params.ts parses it: only `service`, once, "all" or a
 * deployed service. That parser builds its schema per request (the deployed services come
 * from the staging config), so this is a restatement; lib/slo/params.test.ts holds the rule.
 */
const sloQuery = z.strictObject({
  service: z
    .string()
    .max(63)
    .optional()
    .describe('"all" or one deployed service; omitted means every SLO. Unknown or repeated parameters are refused.'),
});

/** GET /api/slo/export and /api/slo/openslo take no parameters; any is refused with a 400 naming it. */
const noQuery = z.strictObject({});

export const sloRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/slo",
    tag: "SLOs",
    summary: "Start-up SLOs: attainment, error budget, burn rates, alert states and history",
    query: [sloQuery],
    responses: jsonOk(
      "Every SLO (or one service's) with when each figure stops being fresh; alert states are null when the store is unavailable.",
      sloResponseSchema,
    ),
  },
  {
    method: "GET",
    path: "/api/slo/export",
    tag: "SLOs",
    summary: "The SLOs as Cloud Monitoring Service, ServiceLevelObjective and AlertPolicy JSON, for review",
    query: [noQuery],
    responses: jsonOk("The plan; nothing is created.", sloExportPlanSchema),
  },
  {
    method: "GET",
    path: "/api/slo/openslo",
    tag: "SLOs",
    summary: "The SLOs as OpenSLO openslo/v1 YAML, as a download",
    description:
      "A multi-document YAML stream: per SLO a Service, an SLI (ratioMetric over the Cloud Monitoring filters Stagewatch reads), the SLO, and per alert rule an AlertPolicy with its long-window AlertCondition and its short-window AlertCondition (named by the `stagewatch.dev/and-condition` annotation); docs/slo.md describes the mapping. `npm run import:openslo` reads it back.",
    query: [noQuery],
    responses: {
      200: {
        description: "The YAML, never cached, as an attachment (stagewatch-slos.openslo.yaml).",
        content: { [MEDIA.yaml]: z.string() },
      },
    },
  },
  {
    method: "POST",
    path: "/api/slo/export",
    tag: "SLOs",
    summary: "Create the SLO resources in Cloud Monitoring, idempotently",
    description:
      "Creating needs roles/monitoring.editor for the account Stagewatch runs as; an existing resource is reported as `exists`, not changed.",
    // Optional: an empty body or `{}`.
    body: exportBodySchema,
    responses: {
      ...jsonOk("What was created and what already existed.", sloExportResultSchema),
      403: errorResponse(
        'The role may not do this (it needs "slo:export"), the request is cross-site (`cross_origin`), or Cloud Monitoring refused the account Stagewatch runs as (`upstream_permission_denied`, with `role` and `project`).',
      ),
      413: errorResponse("The body is larger than 4 KB."),
      ...UPSTREAM_ERRORS,
    },
  },
];
