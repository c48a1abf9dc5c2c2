import { z } from "zod";

/**
 * The JSON of /api/slo/export: Cloud Monitoring's own resources in proto3 JSON (durations as
 * "3600s", enums by name), as ./resources.ts builds them, and what creating them did. Each
 * shape is a zod schema and its type the schema's output, so the API contract documents
 * exactly what the code builds. Pure data: no client import, so the contract can load it.
 */

const labels = z.record(z.string(), z.string());

export const serviceJsonSchema = z.strictObject({
  displayName: z.string(),
  custom: z.record(z.string(), z.never()),
  userLabels: labels,
});
export type ServiceJson = z.infer<typeof serviceJsonSchema>;

export const sloJsonSchema = z.strictObject({
  displayName: z.string(),
  goal: z.number(),
  rollingPeriod: z.string(),
  serviceLevelIndicator: z.strictObject({
    requestBased: z.strictObject({
      goodTotalRatio: z.strictObject({ goodServiceFilter: z.string(), totalServiceFilter: z.string() }),
    }),
  }),
  userLabels: labels,
});
export type SloJson = z.infer<typeof sloJsonSchema>;

export const conditionJsonSchema = z.strictObject({
  displayName: z.string(),
  conditionThreshold: z.strictObject({
    filter: z.string(),
    comparison: z.literal("COMPARISON_GT"),
    thresholdValue: z.number(),
    duration: z.string(),
    trigger: z.strictObject({ count: z.number() }),
  }),
});
export type ConditionJson = z.infer<typeof conditionJsonSchema>;

export const alertPolicyJsonSchema = z.strictObject({
  displayName: z.string(),
  combiner: z.literal("AND"),
  conditions: z.array(conditionJsonSchema),
  documentation: z.strictObject({ content: z.string(), mimeType: z.literal("text/markdown") }),
  userLabels: labels,
  severity: z.enum(["CRITICAL", "WARNING"]),
});
export type AlertPolicyJson = z.infer<typeof alertPolicyJsonSchema>;

/** The plan as the API shows it for review before anything is created (service.ts `planView`). */
export const sloExportPlanSchema = z.strictObject({
  projectId: z.string(),
  services: z.array(
    z.strictObject({
      name: z.string(),
      serviceId: z.string(),
      service: serviceJsonSchema,
      serviceLevelObjective: z.strictObject({ name: z.string(), json: sloJsonSchema }),
    }),
  ),
  alertPolicies: z.array(z.strictObject({ key: z.string(), json: alertPolicyJsonSchema })),
});
export type SloExportPlanView = z.infer<typeof sloExportPlanSchema>;

export const exportActionSchema = z.strictObject({
  kind: z.enum(["Service", "ServiceLevelObjective", "AlertPolicy"]),
  name: z.string(),
  action: z.enum(["created", "exists"]),
});
export type ExportAction = z.infer<typeof exportActionSchema>;

export const sloExportResultSchema = z.strictObject({ projectId: z.string(), actions: z.array(exportActionSchema) });
export type SloExportResult = z.infer<typeof sloExportResultSchema>;
