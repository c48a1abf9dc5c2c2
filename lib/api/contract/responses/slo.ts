import { z } from "zod";
import type { ExportAction } from "@/lib/slo/export/create";
import type { AlertPolicyJson, ServiceJson, SloJson } from "@/lib/slo/export/resources";
import type { planView } from "@/lib/slo/export/service";
import { mirrors } from "../mirror";

/** Response shapes of /api/slo/export: Cloud Monitoring's own JSON (proto3 JSON), as lib/slo/export builds it. */

const labels = z.record(z.string(), z.string());

const serviceJson = mirrors<ServiceJson>()(
  z.strictObject({ displayName: z.string(), custom: z.record(z.string(), z.never()), userLabels: labels }),
);

const sloJson = mirrors<SloJson>()(
  z.strictObject({
    displayName: z.string(),
    goal: z.number(),
    rollingPeriod: z.string(),
    serviceLevelIndicator: z.strictObject({
      requestBased: z.strictObject({
        goodTotalRatio: z.strictObject({ goodServiceFilter: z.string(), totalServiceFilter: z.string() }),
      }),
    }),
    userLabels: labels,
  }),
);

const alertPolicyJson = mirrors<AlertPolicyJson>()(
  z.strictObject({
    displayName: z.string(),
    combiner: z.literal("AND"),
    conditions: z.array(
      z.strictObject({
        displayName: z.string(),
        conditionThreshold: z.strictObject({
          filter: z.string(),
          comparison: z.literal("COMPARISON_GT"),
          thresholdValue: z.number(),
          duration: z.string(),
          trigger: z.strictObject({ count: z.number() }),
        }),
      }),
    ),
    documentation: z.strictObject({ content: z.string(), mimeType: z.literal("text/markdown") }),
    userLabels: labels,
    severity: z.enum(["CRITICAL", "WARNING"]),
  }),
);

export const sloExportPlanSchema = mirrors<ReturnType<typeof planView>>()(
  z.strictObject({
    projectId: z.string(),
    services: z.array(
      z.strictObject({
        name: z.string(),
        serviceId: z.string(),
        service: serviceJson,
        serviceLevelObjective: z.strictObject({ name: z.string(), json: sloJson }),
      }),
    ),
    alertPolicies: z.array(z.strictObject({ key: z.string(), json: alertPolicyJson })),
  }),
);

const exportAction = mirrors<ExportAction>()(
  z.strictObject({
    kind: z.enum(["Service", "ServiceLevelObjective", "AlertPolicy"]),
    name: z.string(),
    action: z.enum(["created", "exists"]),
  }),
);

export const sloExportResultSchema = mirrors<{ projectId: string; actions: ExportAction[] }>()(
  z.strictObject({ projectId: z.string(), actions: z.array(exportAction) }),
);
