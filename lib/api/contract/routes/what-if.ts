import { searchSchema as rangeQuery } from "@/lib/core/time-range";
import { whatIfRequestSchema } from "@/lib/what-if/core/schema";
import { whatIfDefaultsSchema, whatIfResponseSchema } from "@/lib/what-if/core/types";
import { errorResponse, jsonOk } from "../standard";
import type { RouteSpec } from "../types";
import { UPSTREAM_ERRORS } from "./upstream";

export const whatIfRoutes: RouteSpec[] = [
  {
    method: "GET",
    path: "/api/what-if/defaults",
    tag: "What-if",
    summary: "Today's configuration, the model's assumptions and the observed burst",
    query: [rangeQuery],
    responses: {
      ...jsonOk("A scenario to start from, with the request bounds.", whatIfDefaultsSchema),
      ...UPSTREAM_ERRORS,
    },
  },
  {
    method: "POST",
    path: "/api/what-if",
    tag: "What-if",
    summary: "Predicted start-up success of a burst, the smallest fix, and the model's assumptions",
    description: "A model, not a measurement: every figure is labelled `basis: model`.",
    body: whatIfRequestSchema,
    responses: {
      ...jsonOk("The prediction and the recommendation.", whatIfResponseSchema),
      413: errorResponse("The body is larger than 32 KB."),
      429: errorResponse("Every what-if worker is busy and the queue is full (`busy`).", {
        "Retry-After": "Seconds until the queue has likely drained.",
      }),
    },
  },
];
