import { z } from "zod";
import { maintenanceNoteSchema } from "@/lib/config/core/maintenance/types";
import { CAUSES } from "@/lib/core/failure-causes";
import { machineTypeSchema } from "@/lib/config/core/staging-schema";

/**
 * Response shapes of the metrics API, shared by the route handlers (which build them) and
 * the client hooks (which parse them). Times inside series are epoch milliseconds (`t`);
 * every other time is ISO 8601.
 */

export const sourceSchema = z.enum(["gcp", "emulator"]);
export const causeSchema = z.enum(CAUSES);
export const causeCountsSchema = z.record(causeSchema, z.int().min(0));

export const upstreamErrorSchema = z.object({
  api: z.enum(["monitoring", "logging"]),
  code: z.string(),
  message: z.string(),
});

/** On every response: when Stagewatch read the upstream (the oldest read used), and from where. */
export const freshnessShape = {
  measuredAt: z.string().nullable(),
  source: sourceSchema,
  /** True when any part is a cached copy served because the upstream failed. */
  stale: z.boolean(),
  ageSeconds: z.number().nullable(),
  /** Why a stale copy was served; null when everything is fresh. */
  upstreamError: upstreamErrorSchema.nullable(),
};

export const figureSchema = <T extends z.ZodType>(value: T) =>
  z.object({
    value: value.nullable(),
    /** End of the newest data point's interval (ISO), never the time of the fetch. */
    measuredAt: z.string().nullable(),
    stale: z.boolean(),
    ageSeconds: z.number().nullable(),
    /** When the server's rule (alignment + ingestion delay) calls it stale: the browser greys it then by its own clock. */
    staleAfter: z.string().nullable(),
  });

export const pointSchema = z.object({ t: z.number(), v: z.number().nullable(), exact: z.string().optional() });
export const ratePointSchema = z.object({
  t: z.number(),
  rate: z.number().nullable(),
  healthy: z.number(),
  unhealthy: z.number(),
});
export const countsSchema = z.object({ healthy: z.number(), unhealthy: z.number() });

export const rangeSchema = z.object({
  preset: z.enum(["1h", "6h", "24h", "7d", "custom"]),
  /** The aligned interval actually queried (ISO). */
  from: z.string(),
  to: z.string(),
  alignmentSeconds: z.int(),
});

export const verdictSchema = z.object({
  status: z.enum(["healthy", "degraded", "down", "unknown", "maintenance"]),
  reason: z.string(),
  /** At most three, most severe first. */
  reasons: z.array(z.string()),
  likelyCause: z.string().nullable(),
  /** The oldest input's time, and when the first input turns stale. */
  measuredAt: z.string().nullable(),
  staleAfter: z.string().nullable(),
  /** The maintenance window shown beside the evidence; null outside one. */
  maintenance: maintenanceNoteSchema.nullable(),
});

export const headroomSchema = z.object({
  throughputBps: z.number(),
  ceilingBps: z.number(),
  instances: z.number(),
  utilization: z.number(),
  headroomPercent: z.number(),
  /** At or above the ceiling in force: 0% headroom, traffic queues. */
  saturated: z.boolean(),
});
export const backendUsageSchema = z.object({
  used: z.number(),
  max: z.number(),
  ratio: z.number(),
  headroom: z.number(),
});
export const instanceLimitsSchema = z.object({
  current: z.number().nullable(),
  min: z.int(),
  max: z.int(),
  atMax: z.boolean(),
  belowMin: z.boolean(),
});

const failureTotalsSchema = z.object({
  totals: causeCountsSchema,
  /** True when there were more failure entries than Stagewatch reads per range (5,000). */
  truncated: z.boolean(),
});

/** Where failure counts come from (log-based metrics or the capped log read) and since when. */
const failureSourceShape = {
  /** The log-based counter metrics (exact), or reading log lines (capped at 5,000: see truncated). */
  source: z.enum(["log-metric", "log-read (capped)"]),
  /** When the log-based metrics began counting (ISO 8601); null without them. */
  countingSince: z.iso.datetime().nullable(),
  /** Why the counts come from where they do (a refusal, metrics younger than the range). */
  note: z.string().nullable(),
};

// GET /api/overview
export const overviewResponseSchema = z.object({
  ...freshnessShape,
  range: rangeSchema,
  verdict: verdictSchema,
  startups: z.object({
    target: z.number(),
    /** The window "now" covers: the last hour of the range (or the whole range if shorter). */
    windowSeconds: z.int(),
    now: figureSchema(z.number()),
    counts: countsSchema,
    /** Overall rate per aligned period, for the sparkline. */
    series: z.array(ratePointSchema),
  }),
  failures: failureTotalsSchema.extend({ explorerUrl: z.string(), ...failureSourceShape }),
  connector: z.object({
    machineType: machineTypeSchema,
    /** "configured": the ceiling rests on the team's measured figure, not Google's documented one. */
    ceilingSource: z.enum(["documented", "configured"]),
    headroom: figureSchema(headroomSchema),
    instances: figureSchema(z.number()),
    limits: instanceLimitsSchema,
  }),
  database: z.object({ up: figureSchema(z.boolean()), backends: figureSchema(backendUsageSchema) }),
});

export const latencySchema = z.object({
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
});

// GET /api/metrics/startups
export const startupsResponseSchema = z.object({
  ...freshnessShape,
  range: rangeSchema,
  target: z.number(),
  overall: z.object({ successRate: figureSchema(z.number()), counts: countsSchema, series: z.array(ratePointSchema) }),
  services: z.array(
    z.object({
      service: z.string(),
      successRate: figureSchema(z.number()),
      counts: countsSchema,
      series: z.array(ratePointSchema),
      /** Newest p50/p95/p99 start-up latency in ms. */
      latency: figureSchema(latencySchema),
      latencySeries: z.object({ p50: z.array(pointSchema), p95: z.array(pointSchema), p99: z.array(pointSchema) }),
      /** Instance count per state (active, idle). */
      instances: z.array(z.object({ state: z.string(), points: z.array(pointSchema) })),
      /** Start-up success of the revision serving now and of the one before it (at most two, newest first). */
      revisions: z.array(
        z.object({
          revision: z.string(),
          counts: countsSchema,
          successRate: z.number().nullable(),
          /** Epoch ms: start of its first period with start-ups, end of its last. */
          since: z.number(),
          until: z.number(),
          /** Its newest start-up latency p95 (ms) and that period's end (epoch ms); null: unknown. */
          latencyP95: z.object({ ms: z.number(), t: z.number() }).nullable(),
        }),
      ),
    }),
  ),
  failures: failureTotalsSchema.extend({
    windows: z.array(z.object({ t: z.number(), counts: causeCountsSchema })),
    ...failureSourceShape,
  }),
});

export const throughputPointSchema = z.object({
  t: z.number(),
  sent: z.number().nullable(),
  received: z.number().nullable(),
  total: z.number().nullable(),
});

// GET /api/metrics/connector
export const connectorResponseSchema = z.object({
  ...freshnessShape,
  range: rangeSchema,
  connector: z.object({
    name: z.string(),
    region: z.string(),
    machineType: machineTypeSchema,
    minInstances: z.int(),
    maxInstances: z.int(),
    /** The per-instance figure in force: Google's documented one, or the team's own from the config. */
    ceilingBpsPerInstance: z.number(),
    ceilingSource: z.enum(["documented", "configured"]),
    documentedBpsPerInstance: z.number(),
  }),
  /** Bits per second. */
  throughput: z.array(throughputPointSchema),
  /** Ceiling × instances in force, bits per second. */
  ceiling: z.array(z.object({ t: z.number(), bps: z.number() })),
  instances: z.object({
    points: z.array(pointSchema),
    current: figureSchema(z.number()),
    limits: instanceLimitsSchema,
  }),
  /** p99 CPU utilisation across connector instances, 0–1. */
  cpuP99: z.array(pointSchema),
  headroom: z.object({
    now: figureSchema(headroomSchema),
    /** The tightest moment in the range. */
    min: headroomSchema.extend({ t: z.number() }).nullable(),
    series: z.array(z.object({ t: z.number(), headroomPercent: z.number(), saturated: z.boolean() })),
  }),
  scaleOuts: z.array(z.object({ t: z.number(), from: z.number(), to: z.number() })),
});

// GET /api/metrics/database
export const databaseResponseSchema = z.object({
  ...freshnessShape,
  range: rangeSchema,
  database: z.object({ instanceId: z.string(), databaseId: z.string(), maxConnections: z.int() }),
  up: z.object({
    band: z.array(z.object({ from: z.number(), to: z.number(), state: z.enum(["up", "down", "unknown"]) })),
    current: figureSchema(z.boolean()),
  }),
  backends: z.object({ points: z.array(pointSchema), max: z.int(), current: figureSchema(backendUsageSchema) }),
  /** Utilisation 0–1. */
  cpu: z.object({ points: z.array(pointSchema), current: figureSchema(z.number()) }),
  memory: z.object({ points: z.array(pointSchema), current: figureSchema(z.number()) }),
});

export const failureEventSchema = z.object({
  id: z.string(),
  cause: causeSchema,
  service: z.string().nullable(),
  revision: z.string().nullable(),
  time: z.string(),
  severity: z.string(),
  message: z.string(),
  explorerUrl: z.string(),
});

// GET /api/events
export const eventsResponseSchema = z.object({
  ...freshnessShape,
  range: rangeSchema,
  filters: z.object({ service: z.string().nullable(), revision: z.string().nullable(), cause: causeSchema.nullable() }),
  /** Newest first. */
  events: z.array(failureEventSchema),
  page: z.int(),
  pageSize: z.int(),
  pageCount: z.int(),
  total: z.int(),
  nextPage: z.int().nullable(),
  /** Per cause for the service filter, ignoring the cause filter (for cause chips). */
  counts: causeCountsSchema,
  /** The revisions with events for the service filter, ignoring the revision filter (for its choices), newest name first. */
  revisions: z.array(z.string()),
  truncated: z.boolean(),
  /** The whole range's failure query in the Logs Explorer. */
  explorerUrl: z.string(),
});

// GET /api/internal/stats
export const statsResponseSchema = z.object({
  upstreamCalls: z.int(),
  listTimeSeries: z.int(),
  listLogEntries: z.int(),
});

export type Freshness = z.infer<z.ZodObject<typeof freshnessShape>>;
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;
export type StartupsResponse = z.infer<typeof startupsResponseSchema>;
export type ConnectorResponse = z.infer<typeof connectorResponseSchema>;
export type DatabaseResponse = z.infer<typeof databaseResponseSchema>;
export type EventsResponse = z.infer<typeof eventsResponseSchema>;
export type StatsResponse = z.infer<typeof statsResponseSchema>;
export type RangeInfo = z.infer<typeof rangeSchema>;
