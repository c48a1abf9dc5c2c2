import { z } from "zod";
import { figureSchema, freshnessShape } from "@/lib/metrics/schemas";
import { ALERTING } from "@/lib/config/core/slo/alert-sets";

/** GET /api/slo: shared by the route (which builds it), the page and the client hook (which parse it). */

/** "5m" … "3d", or a window a scaled four-window set reads ("64m"). */
const burnWindowSchema = z.string();
const ratioFigure = figureSchema(z.number());

export const alertRuleSchema = z.object({
  id: z.string(),
  severity: z.enum(["page", "ticket"]),
  threshold: z.number(),
  long: burnWindowSchema,
  short: burnWindowSchema,
});

export const exhaustionSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("unknown") }),
  z.object({ status: z.literal("exhausted") }),
  z.object({ status: z.literal("never") }),
  z.object({ status: z.literal("in"), ms: z.number() }),
]);

export const sloAlertSchema = z.object({
  rule: z.string(),
  severity: z.enum(["page", "ticket"]),
  condition: z.enum(["burning", "ok", "unknown"]),
  /** Persisted state; null before the first evaluation was recorded. */
  status: z.enum(["firing", "resolved"]).nullable(),
  since: z.string().nullable(),
});

export const sloSchema = z.object({
  id: z.string(),
  service: z.string(),
  objective: z.number(),
  windowDays: z.int(),
  /**
   * What is counted: Cloud Run start-ups (from Cloud Monitoring, and exported to it) or
   * Stagewatch's own probe attempts (computed by Stagewatch; Monitoring cannot see them).
   */
  source: z.enum(["startups", "probes"]),
  /** For probe SLOs: the probes counted, and whether they are all demo rehearsals. */
  probes: z.array(z.string()),
  rehearsal: z.boolean(),
  /** The alert set this SLO uses, and its rules (scaled to the window for four-window). */
  alerting: z.enum(ALERTING),
  rules: z.array(alertRuleSchema),
  /**
   * `excludeMaintenance` of the staging config, and the maintenance minutes of the SLO's scope
   * in its window: left out of the counts when on (null when the windows could not be read).
   */
  maintenance: z.object({ excluded: z.boolean(), minutesInWindow: z.number().nullable() }),
  attainment: ratioFigure,
  counts: z.object({ good: z.number(), bad: z.number(), total: z.number() }),
  /** Share of the window's hours that have data (< 1: a partial window or gaps). */
  coverage: z.number(),
  budget: z.object({ allowedBad: z.number(), usedBad: z.number(), remaining: ratioFigure }),
  burn: z.array(
    z.object({
      window: burnWindowSchema,
      burnRate: ratioFigure,
      good: z.number(),
      bad: z.number(),
      total: z.number(),
      coverage: z.number(),
    }),
  ),
  exhaustion: exhaustionSchema,
  burndown: z.array(z.object({ t: z.number(), remaining: z.number() })),
  alerts: z.array(sloAlertSchema),
  /** When the oldest figure of this SLO turns stale, for the browser to grey it by its own clock. */
  staleAfter: z.string(),
});

export const sloTransitionSchema = z.object({
  slo: z.string(),
  rule: z.string(),
  from: z.enum(["firing", "resolved"]).nullable(),
  to: z.enum(["firing", "resolved"]),
  at: z.string(),
});

export const sloResponseSchema = z.object({
  ...freshnessShape,
  staleAfter: z.string().nullable(),
  rules: z.array(alertRuleSchema),
  slos: z.array(sloSchema),
  history: z.array(sloTransitionSchema),
  /** "unavailable": the store could not be read or written; alert states are unknown (null). */
  alertStore: z.enum(["ok", "unavailable"]),
});

export type SloResponse = z.infer<typeof sloResponseSchema>;
export type SloView = z.infer<typeof sloSchema>;
