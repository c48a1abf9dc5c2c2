import { z } from "zod";
import { OPENSLO_V1ALPHA } from "./names";

/**
 * `openslo/v1alpha`, the version Sloth reads. OpenSLO never published a JSON schema for it, so
 * this restates its specification (the OpenSLO README before v1, and OpenSLO/oslo's checks) in
 * zod: the same strictness as the published v1 schemas (required fields, enums, ranges; extra
 * fields allowed). The importer reads only what it knows and reports the rest.
 */

const rfc1123 = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be lower-case letters, digits and '-' (RFC 1123 label)");

const metadata = z.looseObject({ name: rfc1123, displayName: z.string().min(1).optional() });
const description = z.string().max(1050).optional();

export const v1alphaMetricSchema = z.looseObject({
  source: z.string().min(1),
  queryType: z.string().min(1),
  query: z.string().min(1),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const ratioMetric = z
  .looseObject({
    counter: z.boolean().optional(),
    incremental: z.boolean().optional(),
    good: v1alphaMetricSchema.optional(),
    bad: v1alphaMetricSchema.optional(),
    total: v1alphaMetricSchema,
  })
  .refine((r) => (r.good === undefined) !== (r.bad === undefined), "needs exactly one of good and bad");

const objective = z.looseObject({
  displayName: z.string().optional(),
  op: z.enum(["lte", "gte", "lt", "gt"]).optional(),
  value: z.number().optional(),
  target: z.number().min(0).lt(1),
  timeSliceTarget: z.number().gt(0).max(1).optional(),
  // The specification says ratioMetric; Sloth and the oslo examples write ratioMetrics.
  ratioMetric: ratioMetric.optional(),
  ratioMetrics: ratioMetric.optional(),
});

const timeWindow = z.looseObject({
  unit: z.enum(["Second", "Minute", "Hour", "Day", "Week", "Month", "Quarter", "Year"]),
  count: z.number().int().positive(),
  isRolling: z.boolean().optional(),
  calendar: z.looseObject({ startTime: z.string(), timeZone: z.string() }).optional(),
});

export const v1alphaSloSchema = z.looseObject({
  apiVersion: z.literal(OPENSLO_V1ALPHA),
  kind: z.literal("SLO"),
  metadata,
  spec: z.looseObject({
    description,
    service: z.string().min(1),
    indicator: z.looseObject({ thresholdMetric: v1alphaMetricSchema }).optional(),
    timeWindows: z.array(timeWindow).length(1, "takes exactly one time window"),
    budgetingMethod: z.enum(["Occurrences", "Timeslices"]),
    objectives: z.array(objective).min(1),
    alertPolicies: z.array(z.unknown()).optional(),
  }),
});

export const v1alphaServiceSchema = z.looseObject({
  apiVersion: z.literal(OPENSLO_V1ALPHA),
  kind: z.literal("Service"),
  metadata,
  spec: z.looseObject({ description }),
});

export const v1alphaDocumentSchema = z.discriminatedUnion("kind", [v1alphaSloSchema, v1alphaServiceSchema]);
export type V1alphaSlo = z.infer<typeof v1alphaSloSchema>;
export type V1alphaMetric = z.infer<typeof v1alphaMetricSchema>;
