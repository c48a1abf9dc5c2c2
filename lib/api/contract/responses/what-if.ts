import { z } from "zod";
import { machineTypeSchema } from "@/lib/health/config/staging-schema";
import { whatIfRequestSchema } from "@/lib/what-if/schema";
import type { AssumptionsUsed, WhatIfDefaults, WhatIfResponse } from "@/lib/what-if/types";
import { mirrors } from "../mirror";

/** Response shapes of the what-if routes (lib/what-if/types.ts, as zod). */

const spread = z.strictObject({
  min: z.number(),
  p10: z.number(),
  median: z.number(),
  p90: z.number(),
  max: z.number(),
});
const bottleneck = z.enum(["connector-throughput", "scale-out-delay", "max-connections"]);
const lever = z.enum(["dbTimeoutSeconds", "poolSize", "minInstances", "maxInstances", "machineType"]);
const leverValue = z.union([z.number(), machineTypeSchema]);
const perMachineType = <T extends z.ZodType>(v: T) =>
  z.strictObject({ "f1-micro": v, "e2-micro": v, "e2-standard-4": v });

const editable = z.strictObject({
  perInstanceMbps: perMachineType(z.number()),
  scaleOutDelaySeconds: z.strictObject({ min: z.number(), max: z.number() }),
  connectionSetupMegabits: z.number(),
});

const assumptionsUsedSchema = mirrors<AssumptionsUsed>()(
  z.strictObject({
    editable,
    defaults: editable,
    overridden: z.array(z.string()),
    documentedRangeMbps: perMachineType(z.tuple([z.number(), z.number()]).readonly()),
    fixed: z.strictObject({
      coldStartSeconds: z.strictObject({ min: z.number(), max: z.number() }),
      scaleOutThreshold: z.number(),
      perInstanceMaxMbps: z.number(),
      retryBackoff: z.strictObject({
        baseSeconds: z.number(),
        factor: z.number(),
        maxSeconds: z.number(),
        jitter: z.number(),
      }),
      orphanedConnectionSeconds: z.number(),
      stepSeconds: z.number(),
    }),
  }),
);

const option = z.strictObject({
  changes: z.array(z.strictObject({ lever, from: leverValue, to: leverValue })),
  steps: z.int(),
  cost: z.enum(["higher", "none", "lower"]),
  costNote: z.string(),
  success: z.strictObject({ p10: z.number(), median: z.number() }),
  scenario: whatIfRequestSchema,
});

const nullableQuantiles = { p10: z.number().nullable(), median: z.number().nullable(), p90: z.number().nullable() };

export const whatIfResponseSchema = mirrors<WhatIfResponse>()(
  z.strictObject({
    scenario: whatIfRequestSchema,
    prediction: z.strictObject({
      runs: z.int(),
      horizonSeconds: z.number(),
      target: z.number(),
      verdict: z.enum(["meets-with-margin", "meets-median-only", "misses"]),
      success: spread,
      attemptSuccess: spread.nullable(),
      services: z.array(z.strictObject({ name: z.string(), instances: z.int(), success: spread.nullable() })),
      timeToAllReady: z.strictObject({ ...nullableQuantiles, max: z.number().nullable(), runsAllReady: z.int() }),
      peakConnections: spread.extend({ maxConnections: z.int(), runsAtLimit: z.int() }).strict(),
      firstBottleneck: z.strictObject({
        cause: bottleneck.nullable(),
        runs: z.int(),
        counts: z.strictObject({
          "connector-throughput": z.int(),
          "scale-out-delay": z.int(),
          "max-connections": z.int(),
          none: z.int(),
        }),
      }),
      scaleOuts: z.strictObject({ firstReadyAt: spread.nullable(), runsWithScaleOut: z.int(), finalInstances: spread }),
      utilisation: z.array(
        z.strictObject({
          t: z.number(),
          p10: z.number(),
          median: z.number(),
          p90: z.number(),
          connectorInstances: z.number(),
          connections: z.number(),
          readyInstances: z.number(),
        }),
      ),
    }),
    recommendation: z.strictObject({
      target: z.number(),
      marginQuantile: z.number(),
      status: z.enum(["no-change-needed", "found", "not-found"]),
      recommended: option.nullable(),
      options: z.array(option),
      unreachable: z.array(z.strictObject({ lever, upTo: leverValue, p10: z.number().nullable() })),
      candidatesTried: z.int(),
      truncated: z.boolean(),
    }),
    assumptions: assumptionsUsedSchema,
    basis: z.literal("model"),
    computeMs: z.number(),
  }),
);

const minMax = z.strictObject({ min: z.number(), max: z.number() });

export const whatIfDefaultsSchema = z.strictObject({
  scenario: whatIfRequestSchema,
  assumptions: assumptionsUsedSchema,
  // The request bounds (lib/what-if/limits.ts) the form shows as min/max.
  limits: z.strictObject({
    maxServices: z.int(),
    maxInstancesPerService: z.int(),
    poolSize: minMax,
    dbTimeoutSeconds: minMax,
    connectorMinInstances: minMax,
    connectorMaxInstances: minMax,
    maxConnections: minMax,
    seeds: minMax.extend({ default: z.int() }).strict(),
    maxInstanceRuns: z.int(),
    perInstanceMbps: minMax,
    scaleOutDelaySeconds: minMax,
    connectionSetupMegabits: minMax,
  }),
  connector: z.strictObject({ name: z.string(), region: z.string() }),
  database: z.strictObject({ instanceId: z.string() }),
  observed: z.strictObject({
    status: z.enum(["known", "unknown"]),
    reason: z.string().nullable(),
    measuredAt: z.string().nullable(),
    stale: z.boolean(),
    windowSeconds: z.number(),
    range: z.strictObject({ preset: z.string(), from: z.string(), to: z.string() }),
    services: z.array(
      z.strictObject({
        name: z.string(),
        instances: z.number().nullable(),
        at: z.string().nullable(),
        signal: z.enum(["startup-attempts", "instance-count-rise"]).nullable(),
      }),
    ),
  }),
});

// `limits` is a literal `as const` object, so only one direction can be checked by type: every
// WhatIfDefaults the handler builds must be a valid output of the schema.
export const whatIfDefaultsCheck = (d: WhatIfDefaults): z.output<typeof whatIfDefaultsSchema> => d;
