import {
  connectorResponseSchema,
  databaseResponseSchema,
  eventsResponseSchema,
  overviewResponseSchema,
  startupsResponseSchema,
  statsResponseSchema,
} from "@/lib/metrics/schemas";
import { filterSchema } from "@/lib/api/metrics-params";
import { changeFilterSchema, changesResponseSchema } from "@/lib/metrics/changes-schema";
import { searchSchema as rangeQuery } from "@/lib/core/time-range";
import { goldenPathSchema } from "@/lib/probes/core/types";
import { trackerSummarySchema } from "@/lib/tracker/summarize";
import { jsonOk } from "../standard";
import type { RouteSpec } from "../types";
import { UPSTREAM_ERRORS } from "./upstream";

/** The Overview and the metrics views: figures read from Cloud Monitoring and Cloud Logging. */

export const metricsRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/overview",
    tag: "Overview",
    summary: "Headline figures, verdict and freshness of staging",
    query: [rangeQuery],
    responses: {
      ...jsonOk(
        "Every figure with when it was measured; unknown figures are null, never healthy.",
        overviewResponseSchema,
      ),
      304: {
        description:
          "Unchanged since the answer whose ETag the request sent in If-None-Match (a weak tag per role; ages alone are no change): no body.",
        headers: { ETag: "The answer's weak tag, also sent with every 200." },
      },
      ...UPSTREAM_ERRORS,
    },
  },
  {
    method: "GET",
    path: "/api/overview/golden-path",
    tag: "Overview",
    summary: "Latest status of the golden-path probes",
    responses: jsonOk("The golden-path probes, each with its own last-check time.", goldenPathSchema),
  },
  {
    method: "GET",
    path: "/api/overview/phases",
    tag: "Overview",
    summary: "Resolution progress: n of N phases, and what blocks the current one",
    responses: jsonOk("The tracker in a few fields.", trackerSummarySchema),
  },
  {
    method: "GET",
    path: "/api/metrics/startups",
    tag: "Metrics",
    summary: "Start-up success, latency, instances and failures per service",
    query: [rangeQuery, filterSchema.pick({ service: true })],
    responses: { ...jsonOk("Per service and overall, with freshness.", startupsResponseSchema), ...UPSTREAM_ERRORS },
  },
  {
    method: "GET",
    path: "/api/metrics/connector",
    tag: "Metrics",
    summary: "VPC connector throughput against its ceiling, instances, CPU and headroom",
    query: [rangeQuery],
    responses: {
      ...jsonOk("Series and current figures, with freshness.", connectorResponseSchema),
      ...UPSTREAM_ERRORS,
    },
  },
  {
    method: "GET",
    path: "/api/metrics/database",
    tag: "Metrics",
    summary: "Cloud SQL up band, backends against max_connections, CPU and memory",
    query: [rangeQuery],
    responses: { ...jsonOk("Series and current figures, with freshness.", databaseResponseSchema), ...UPSTREAM_ERRORS },
  },
  {
    method: "GET",
    path: "/api/events",
    tag: "Metrics",
    summary: "Classified failure events from Cloud Logging, newest first",
    query: [rangeQuery, filterSchema],
    responses: { ...jsonOk("One page of events with per-cause counts.", eventsResponseSchema), ...UPSTREAM_ERRORS },
  },
  {
    method: "GET",
    path: "/api/changes",
    tag: "Metrics",
    summary: "Changes to staging from the Admin Activity audit log, newest first",
    description:
      "Cloud Run deploys, traffic moves and deletes, connector, Cloud SQL, Secret Manager and project IAM changes that started in the range; a long-running operation's first and last entries are one change with its duration and outcome. `actor` (the principal's email) is filled in only for engineers and admins (permission changes:actors); viewers get null.",
    query: [rangeQuery, changeFilterSchema],
    responses: {
      ...jsonOk("The range's changes with freshness; filters apply to `changes` only.", changesResponseSchema),
      ...UPSTREAM_ERRORS,
    },
  },
  {
    method: "GET",
    path: "/api/internal/stats",
    tag: "System",
    summary: "Upstream Google API calls made by this process (for the bench)",
    responses: jsonOk("Call counts since the process started.", statsResponseSchema),
  },
];
