import { z } from "zod";
import { machineTypeSchema, type MachineType } from "@/lib/config/core/staging-schema";
import { BOTTLENECKS, type Bottleneck } from "@/lib/what-if/core/model/burst-input";
import { whatIfRequestSchema, type WhatIfScenario } from "./schema";

/**
 * What POST /api/what-if and GET /api/what-if/defaults answer. Each shape is a zod schema
 * (the API contract documents it) and its type is the schema's output. The page's client
 * components import the types only (`import type`), so no validator ships to the browser:
 * the server is the one that validates, and the client shows its messages.
 */

export type { Bottleneck, WhatIfScenario, MachineType };

/** min, p10, median, p90 and max of a figure across the runs (./stats.ts `spread`). */
export const spreadSchema = z.strictObject({
  min: z.number(),
  p10: z.number(),
  median: z.number(),
  p90: z.number(),
  max: z.number(),
});
export type Spread = z.infer<typeof spreadSchema>;

const minMax = z.strictObject({ min: z.number(), max: z.number() });
const perMachineType = <T extends z.ZodType>(v: T) =>
  z.strictObject({ "f1-micro": v, "e2-micro": v, "e2-standard-4": v });

/** The editable assumptions, as the form shows them and a request may override them. */
export const editableAssumptionsSchema = z.strictObject({
  perInstanceMbps: perMachineType(z.number()),
  scaleOutDelaySeconds: minMax,
  connectionSetupMegabits: z.number(),
});
export type EditableAssumptions = z.infer<typeof editableAssumptionsSchema>;

/**
 * The assumptions a prediction used, for the page's assumptions panel: what may be edited,
 * what is fixed, Google's documented ranges, and which figures the request changed.
 */
export const assumptionsUsedSchema = z.strictObject({
  editable: editableAssumptionsSchema,
  defaults: editableAssumptionsSchema,
  overridden: z.array(z.string()),
  documentedRangeMbps: perMachineType(z.tuple([z.number(), z.number()]).readonly()),
  fixed: z.strictObject({
    coldStartSeconds: minMax,
    scaleOutThreshold: z.number(),
    perInstanceMaxMbps: z.number(),
    /** The model's ModelAssumptions["retryBackoff"] (lib/what-if/core/model/assumptions.ts). */
    retryBackoff: z.strictObject({
      baseSeconds: z.number(),
      factor: z.number(),
      maxSeconds: z.number(),
      jitter: z.number(),
    }),
    orphanedConnectionSeconds: z.number(),
    stepSeconds: z.number(),
  }),
});
export type AssumptionsUsed = z.infer<typeof assumptionsUsedSchema>;

export const verdictSchema = z.enum(["meets-with-margin", "meets-median-only", "misses"]);
export type Verdict = z.infer<typeof verdictSchema>;

const bottleneckSchema = z.enum(BOTTLENECKS);

/** Connector utilisation and friends at one second after the burst began, across the runs. */
export const utilisationBandSchema = z.strictObject({
  t: z.number(),
  /** Utilisation 0–1: the p10–p90 band and the median run. */
  p10: z.number(),
  median: z.number(),
  p90: z.number(),
  connectorInstances: z.number(),
  connections: z.number(),
  readyInstances: z.number(),
});
export type UtilisationBand = z.infer<typeof utilisationBandSchema>;

export const predictionSchema = z.strictObject({
  runs: z.int(),
  /** Seconds each run follows the burst. */
  horizonSeconds: z.number(),
  target: z.number(),
  verdict: verdictSchema,
  /** Share of instances whose first start-up attempt became ready, per run. */
  success: spreadSchema,
  /** Successful ÷ completed attempts, retries included: what the start-up probe counts would show. */
  attemptSuccess: spreadSchema.nullable(),
  services: z.array(z.strictObject({ name: z.string(), instances: z.int(), success: spreadSchema.nullable() })),
  /** Seconds until every instance was ready; null where a quantile falls on runs that never got there. */
  timeToAllReady: z.strictObject({
    p10: z.number().nullable(),
    median: z.number().nullable(),
    p90: z.number().nullable(),
    max: z.number().nullable(),
    runsAllReady: z.int(),
  }),
  peakConnections: spreadSchema.extend({ maxConnections: z.int(), runsAtLimit: z.int() }).strict(),
  /** What made the first start-up attempt fail, how often across the runs. */
  firstBottleneck: z.strictObject({
    cause: bottleneckSchema.nullable(),
    runs: z.int(),
    counts: z.strictObject({
      "connector-throughput": z.int(),
      "scale-out-delay": z.int(),
      "max-connections": z.int(),
      none: z.int(),
    }),
  }),
  scaleOuts: z.strictObject({
    firstReadyAt: spreadSchema.nullable(),
    runsWithScaleOut: z.int(),
    finalInstances: spreadSchema,
  }),
  utilisation: z.array(utilisationBandSchema),
});
export type Prediction = z.infer<typeof predictionSchema>;

export const leverSchema = z.enum(["dbTimeoutSeconds", "poolSize", "minInstances", "maxInstances", "machineType"]);
export type Lever = z.infer<typeof leverSchema>;
export const costDirectionSchema = z.enum(["higher", "none", "lower"]);
export type CostDirection = z.infer<typeof costDirectionSchema>;

const leverValue = z.union([z.number(), machineTypeSchema]);
export const changeSchema = z.strictObject({ lever: leverSchema, from: leverValue, to: leverValue });
export type Change = z.infer<typeof changeSchema>;

export const recommendationOptionSchema = z.strictObject({
  changes: z.array(changeSchema),
  /** Steps along each lever's ladder of candidate values, summed: the size of the change. */
  steps: z.int(),
  cost: costDirectionSchema,
  costNote: z.string(),
  success: z.strictObject({ p10: z.number(), median: z.number() }),
  /** The whole scenario with the change applied, to try it in the form. */
  scenario: whatIfRequestSchema,
});
export type RecommendationOption = z.infer<typeof recommendationOptionSchema>;

export const recommendationSchema = z.strictObject({
  target: z.number(),
  marginQuantile: z.number(),
  status: z.enum(["no-change-needed", "found", "not-found"]),
  /** The smallest change: fewest levers, no added cost before added cost, fewest steps. */
  recommended: recommendationOptionSchema.nullable(),
  /** The smallest change per lever that reaches the target alone (and pairs, when none does). */
  options: z.array(recommendationOptionSchema),
  /**
   * Levers that cannot reach the target alone: even at the end of their range (`upTo`) the
   * p10 is `p10` (null when the search budget ran out before it could be measured).
   */
  unreachable: z.array(z.strictObject({ lever: leverSchema, upTo: leverValue, p10: z.number().nullable() })),
  candidatesTried: z.int(),
  /** True when the search hit its work budget before trying every candidate. */
  truncated: z.boolean(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const whatIfResponseSchema = z.strictObject({
  scenario: whatIfRequestSchema,
  prediction: predictionSchema,
  recommendation: recommendationSchema,
  assumptions: assumptionsUsedSchema,
  /** A label the page shows with every figure. */
  basis: z.literal("model"),
  computeMs: z.number(),
});
export type WhatIfResponse = z.infer<typeof whatIfResponseSchema>;

/** Instances started within one aligned period, per service, from the range's data. */
export const observedBurstSchema = z.strictObject({
  status: z.enum(["known", "unknown"]),
  /** Why it is unknown (no data, range too coarse, upstream error); null when known. */
  reason: z.string().nullable(),
  /** When Stagewatch read the data (the older of the two reads). */
  measuredAt: z.string().nullable(),
  /** A cached copy served because the upstream failed. */
  stale: z.boolean(),
  windowSeconds: z.number(),
  range: z.strictObject({ preset: z.string(), from: z.string(), to: z.string() }),
  services: z.array(
    z.strictObject({
      name: z.string(),
      /** null: no data for this service in the range. */
      instances: z.number().nullable(),
      /** End of the period with the most start-ups (ISO). */
      at: z.string().nullable(),
      signal: z.enum(["startup-attempts", "instance-count-rise"]).nullable(),
    }),
  ),
});
export type ObservedBurst = z.infer<typeof observedBurstSchema>;

export const whatIfDefaultsSchema = z.strictObject({
  scenario: whatIfRequestSchema,
  assumptions: assumptionsUsedSchema,
  // The request bounds (./limits.ts `whatIfLimits`) the form shows as min/max.
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
  observed: observedBurstSchema,
});
export type WhatIfDefaults = z.infer<typeof whatIfDefaultsSchema>;
