import { z } from "zod";
import { machineTypeSchema, slug } from "@/lib/config/core/staging-schema";
import { machineTypeOrder } from "@/lib/what-if/core/model/assumptions";
import { whatIfLimits as L } from "./limits";

/**
 * The what-if request: one schema for the route handler, the page's prefetch and the
 * tests. Every number is bounded, and messages say the bound and what was sent, so an
 * absurd request (10,000 instances) is refused with a sentence rather than a hung server.
 */

const fmt = (n: number) => n.toLocaleString("en-US");
const got = (input: unknown) => (typeof input === "number" ? ` (got ${fmt(input)})` : "");

function bounded(what: string, min: number, max: number, whole: boolean) {
  const base = whole
    ? z.int({ error: `${what} must be a whole number` })
    : z.number({ error: `${what} must be a number` });
  return base
    .min(min, { error: (iss) => `${what} must be at least ${fmt(min)}${got(iss.input)}` })
    .max(max, { error: (iss) => `${what} must be at most ${fmt(max)}${got(iss.input)}` });
}

const serviceSchema = z.strictObject({
  name: slug,
  instances: bounded("instances starting at once", 0, L.maxInstancesPerService, true),
  poolSize: bounded("pool size", L.poolSize.min, L.poolSize.max, true),
  dbTimeoutSeconds: bounded("DB timeout (s)", L.dbTimeoutSeconds.min, L.dbTimeoutSeconds.max, false),
});

const connectorSchema = z
  .strictObject({
    machineType: machineTypeSchema,
    minInstances: bounded("min instances", L.connectorMinInstances.min, L.connectorMinInstances.max, true),
    maxInstances: bounded("max instances", L.connectorMaxInstances.min, L.connectorMaxInstances.max, true),
  })
  .refine((c) => c.minInstances < c.maxInstances, {
    path: ["maxInstances"],
    message: "max instances must be greater than min instances (Google allows 2 ≤ min < max ≤ 10)",
  });

const mbps = (type: string) =>
  bounded(`${type} throughput per instance (Mbps)`, L.perInstanceMbps.min, L.perInstanceMbps.max, false);
const delay = (which: string) =>
  bounded(`scale-out delay ${which} (s)`, L.scaleOutDelaySeconds.min, L.scaleOutDelaySeconds.max, false);

export const assumptionOverridesSchema = z
  .strictObject({
    perInstanceMbps: z
      .strictObject({
        "f1-micro": mbps("f1-micro").optional(),
        "e2-micro": mbps("e2-micro").optional(),
        "e2-standard-4": mbps("e2-standard-4").optional(),
      })
      .optional(),
    scaleOutDelaySeconds: z
      .strictObject({ min: delay("min"), max: delay("max") })
      .refine((d) => d.min <= d.max, { path: ["max"], message: "the scale-out delay max must not be below its min" })
      .optional(),
    connectionSetupMegabits: bounded(
      "connection set-up cost (Mb)",
      L.connectionSetupMegabits.min,
      L.connectionSetupMegabits.max,
      false,
    ).optional(),
  })
  .superRefine((a, ctx) => {
    // A larger machine type carrying less than a smaller one would make "size up" advice nonsense.
    const given = machineTypeOrder.map((t) => [t, a.perInstanceMbps?.[t]] as const);
    given.forEach(([type, value], i) => {
      const smaller = given.slice(0, i).find(([, v]) => v !== undefined && value !== undefined && v > value);
      if (smaller) {
        ctx.addIssue({
          code: "custom",
          path: ["perInstanceMbps", type],
          message: `${type} must carry at least as much per instance as ${smaller[0]} (${fmt(smaller[1] ?? 0)} Mbps)`,
        });
      }
    });
  });

export const whatIfRequestSchema = z
  .strictObject({
    services: z
      .array(serviceSchema)
      .min(1, "at least one service is needed")
      .max(L.maxServices, `at most ${L.maxServices} services`),
    connector: connectorSchema,
    database: z.strictObject({
      maxConnections: bounded("max_connections", L.maxConnections.min, L.maxConnections.max, true),
    }),
    seeds: bounded("seeds", L.seeds.min, L.seeds.max, true).default(L.seeds.default),
    assumptions: assumptionOverridesSchema.default({}),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.services.forEach((s, i) => {
      if (seen.has(s.name))
        ctx.addIssue({ code: "custom", path: ["services", i, "name"], message: `duplicate service "${s.name}"` });
      seen.add(s.name);
    });
    const total = r.services.reduce((n, s) => n + s.instances, 0);
    if (total < 1) ctx.addIssue({ code: "custom", path: ["services"], message: "at least one instance must start" });
    const runs = total * r.seeds;
    if (runs > L.maxInstanceRuns) {
      ctx.addIssue({
        code: "custom",
        path: ["services"],
        message: `${fmt(total)} instances × ${fmt(r.seeds)} seeds = ${fmt(runs)} simulated start-ups, more than the ${fmt(L.maxInstanceRuns)} one request may ask for: lower the instances or the seeds`,
      });
    }
  });

/** What the client sends (seeds and assumptions may be left out). */
export type WhatIfRequest = z.input<typeof whatIfRequestSchema>;
/** A validated request, defaults filled in. */
export type WhatIfScenario = z.output<typeof whatIfRequestSchema>;
export type AssumptionOverrides = z.output<typeof assumptionOverridesSchema>;
export type ScenarioService = WhatIfScenario["services"][number];
