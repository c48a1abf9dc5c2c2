import { z } from "zod";
import { notificationsSchema, safeUrl } from "./notifications-schema";
import { placeholdersOf } from "@/lib/conditions/core/parse";
import { expiryDomainOf } from "@/lib/config/core/probe-kinds/expiry-domain";
import { parseCriterion } from "@/lib/criteria/core/parser";
import type { Expr } from "@/lib/criteria/core/types";
import { probeSchema, probeTypeOf, type ProbeConfig } from "@/lib/config/core/probe-kinds";
import { DNS_QUERY_TYPES } from "@/lib/config/core/probe-kinds/dns";
import { slug } from "@/lib/core/slug";
import { maintenanceConfigSchema } from "@/lib/config/core/maintenance/schemas";
import { sloConfigSchema } from "@/lib/config/core/slo/config";
import {
  instancesForThroughputSetting,
  MACHINE_TYPES,
  THROUGHPUT_SETTING_MBPS_PER_INSTANCE,
} from "@/lib/core/connector-capacity";

/**
 * The staging environment as code: one schema, shared by the loader, the emulator,
 * the probes, the tracker and the what-if model. Objects are strict so a typo in the
 * file is an error, not a silently ignored key.
 */

// Re-exported: the config's names and probe list are read from here by the rest of the app.
export { DNS_QUERY_TYPES, probeSchema, slug };
export type { ProbeConfig };

const duration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration such as "30s", "15m", "24h"');
export const roleSchema = z.enum(["viewer", "engineer", "admin"]);
export const machineTypeSchema = z.enum(MACHINE_TYPES);

const serviceSchema = z.strictObject({
  name: slug,
  goldenPath: z.boolean().default(false),
  /** false for a service that is referenced (by tests, docs) but is not deployed. */
  deployed: z.boolean().default(true),
  note: z.string().max(500).optional(),
  startup: z
    .strictObject({
      /** Instances that start at once on a deploy or scale-out. */
      burstInstances: z.int().min(1).max(1000).default(10),
      poolSize: z.int().min(1).max(100).default(5),
      dbTimeoutSeconds: z.number().min(1).max(600).default(8),
    })
    .prefault({}),
});

/** Google's older `minThroughput` / `maxThroughput` settings: Mbps in multiples of 100 (e2-micro terms). */
const throughputSetting = (min: number, max: number) =>
  z
    .int()
    .min(min)
    .max(max)
    .refine((v) => v % THROUGHPUT_SETTING_MBPS_PER_INSTANCE === 0, "must be a multiple of 100 (Mbps)");

/**
 * The connector as Google configures it: instance bounds (`minInstances` / `maxInstances`) or
 * the older throughput bounds, instances taking precedence as in the API. `perInstanceMbps` is
 * for a team that measured its own connector: the views then call the ceiling "configured,
 * not documented" (decision 0021).
 */
const connectorSchema = z
  .strictObject({
    name: slug,
    region: z.string().min(1),
    machineType: machineTypeSchema,
    minInstances: z.int().min(2).max(9).optional(),
    maxInstances: z.int().min(3).max(10).optional(),
    minThroughputMbps: throughputSetting(200, 900).optional(),
    maxThroughputMbps: throughputSetting(300, 1_000).optional(),
    perInstanceMbps: z.number().positive().max(20_000).optional(),
  })
  .transform((c, ctx) => {
    const fromThroughput = (mbps: number | undefined) =>
      mbps === undefined ? undefined : instancesForThroughputSetting(mbps);
    const minInstances = c.minInstances ?? fromThroughput(c.minThroughputMbps);
    const maxInstances = c.maxInstances ?? fromThroughput(c.maxThroughputMbps);
    if (minInstances === undefined || maxInstances === undefined) {
      const missing = minInstances === undefined ? "minInstances" : "maxInstances";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: `is required (or ${missing === "minInstances" ? "minThroughputMbps" : "maxThroughputMbps"})`,
      });
      return z.NEVER;
    }
    if (minInstances >= maxInstances) {
      ctx.addIssue({
        code: "custom",
        path: [c.maxInstances === undefined ? "maxThroughputMbps" : "maxInstances"],
        message: "must be greater than the minimum (2 ≤ min < max ≤ 10 instances)",
      });
      return z.NEVER;
    }
    return {
      name: c.name,
      region: c.region,
      machineType: c.machineType,
      minInstances,
      maxInstances,
      ...(c.perInstanceMbps === undefined ? {} : { perInstanceMbps: c.perInstanceMbps }),
    };
  });

const databaseSchema = z.strictObject({
  instanceId: slug,
  maxConnections: z.int().min(10).max(262_142),
});

/** An expression of the criteria environment, parsed here once into `ast` beside its text. */
function withAst<T extends { expr: string }>(value: T, ctx: z.RefinementCtx): T & { ast: Expr } {
  const parsed = parseCriterion(value.expr);
  if (parsed.ok) return { ...value, ast: parsed.ast };
  // A criterion that cannot be parsed could never pass; say so at start-up, with its column.
  ctx.addIssue({ code: "custom", path: ["expr"], message: parsed.error.message, input: value.expr });
  return z.NEVER;
}

const criterionSchema = z
  .strictObject({
    id: slug,
    /** The criterion as the incident states it, for people. */
    text: z.string().min(1).max(300),
    /** The same criterion as an expression over live data, e.g. startup_success_rate(all, 24h) > 0.95 */
    expr: z.string().min(1).max(300),
    holdFor: duration.optional(),
  })
  .transform(withAst);

const actionSchema = z.strictObject({
  id: slug,
  title: z.string().min(1).max(200),
  owner: z.string().min(1).max(100),
  status: z.enum(["todo", "in-progress", "done", "held"]).default("todo"),
  due: z.iso.date().optional(),
  links: z.array(z.url()).default([]),
});

export const phaseStatusSchema = z.enum(["not-started", "active", "held", "blocked", "done"]);

const phaseSchema = z.strictObject({
  id: slug,
  order: z.int().min(1),
  name: z.string().min(1).max(120),
  ownerTeam: z.string().min(1).max(100),
  status: phaseStatusSchema,
  blocking: z.boolean().default(false),
  /** Gate: the phase starts only after this phase is done. */
  startsAfter: slug.optional(),
  timeline: z.string().max(200).optional(),
  autoClose: z.boolean().default(false),
  actions: z.array(actionSchema).default([]),
  successCriteria: z.array(criterionSchema).default([]),
});

const evidenceSchema = z.strictObject({
  kind: z.enum(["metric", "probe", "logs"]),
  ref: z.string().min(1).max(300),
});

const incidentSchema = z.strictObject({
  id: z.string().min(1).max(20),
  title: z.string().min(1).max(200),
  severity: z.enum(["P0", "P1", "P2", "P3"]),
  status: z.enum(["open", "mitigated", "resolved"]),
  businessImpact: z.array(z.string().min(1)).min(1),
  fiveWhys: z
    .array(
      z.strictObject({ question: z.string().min(1), answer: z.string().min(1), evidence: evidenceSchema.optional() }),
    )
    .min(1),
  rootCauses: z.array(
    z.strictObject({
      kind: z.enum(["primary", "secondary"]),
      title: z.string().min(1),
      detail: z.array(z.string()).default([]),
    }),
  ),
  phases: z.array(phaseSchema).min(1),
});

const readinessCheckSchema = z
  .strictObject({
    id: slug,
    label: z.string().min(1).max(120),
    /** Same expression language as success criteria; "blocking_phases() == 0" etc. */
    expr: z.string().min(1).max(300),
    severity: z.enum(["blocker", "warning"]),
    maxAgeSeconds: z.int().min(10).max(86_400).default(300),
  })
  .transform(withAst);

/** Deprecated for `notifications.channels` (still read; a line at load says so): a JSON POST or a Slack incoming webhook. */
const readinessWebhookSchema = z.strictObject({
  url: safeUrl,
  kind: z.enum(["json", "slack"]).default("json"),
  /** For people and logs; the URL itself may hold a secret (Slack's do) and is never shown. */
  name: z.string().min(1).max(80).optional(),
  timeoutMs: z.int().min(100).max(60_000).default(5_000),
  /** Attempts per change, with exponential back-off between them. */
  maxAttempts: z.int().min(1).max(20).default(6),
});

const userSchema = z.strictObject({
  username: z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/, "must be 2–32 lower-case letters, digits, . _ -"),
  name: z.string().min(1).max(80),
  role: roleSchema,
  passwordHash: z.string().regex(/^\$2[aby]\$\d{2}\$.{53}$/, "must be a bcrypt hash ($2b$…)"),
});

export const stagingConfigSchema = z
  .strictObject({
    project: z.strictObject({
      id: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a GCP project id"),
      region: z.string().min(1),
    }),
    services: z.array(serviceSchema).min(1),
    connector: connectorSchema,
    database: databaseSchema,
    probes: z.array(probeSchema).default([]),
    incident: incidentSchema,
    readiness: z
      .strictObject({
        checks: z.array(readinessCheckSchema).default([]),
        webhooks: z.array(readinessWebhookSchema).default([]),
      })
      .prefault({}),
    slo: sloConfigSchema,
    notifications: notificationsSchema.prefault({}),
    /** Planned maintenance windows, one-off and recurring (docs/maintenance.md). */
    maintenance: maintenanceConfigSchema,
    auth: z
      .strictObject({
        users: z.array(userSchema).default([]),
        /** email → role for Google and IAP sign-in; re-read on every request. */
        roles: z.record(z.email(), roleSchema).default({}),
        /**
         * The role of a verified Google or IAP address not listed in `roles` (AUTH_ALLOWED_DOMAINS
         * still applies); "none" lets in only the listed addresses.
         */
        defaultRole: z.enum([...roleSchema.options, "none"]).default("viewer"),
      })
      .prefault({}),
  })
  .superRefine((cfg, ctx) => {
    const probeNames = new Set<string>();
    cfg.probes.forEach((p, i) => {
      if (probeNames.has(p.name))
        ctx.addIssue({ code: "custom", path: ["probes", i, "name"], message: `duplicate probe name "${p.name}"` });
      probeNames.add(p.name);
    });
    cfg.probes.forEach((p, i) =>
      p.conditions.forEach((c, j) => {
        // [DOMAIN_EXPIRATION] needs a registrable name: an http probe to an IP address has none.
        const domainHost = probeTypeOf(p).expiryHost?.(p) ?? null;
        const domain = domainHost === null ? null : expiryDomainOf(domainHost);
        if (domain?.ok === false && placeholdersOf(c).includes("DOMAIN_EXPIRATION"))
          ctx.addIssue({
            code: "custom",
            path: ["probes", i, "conditions", j],
            message: `"${c.text}": ${domain.reason}`,
          });
      }),
    );
    cfg.probes.forEach((p, i) => {
      const recheck = p.flap.recheckSeconds ?? 0;
      if (recheck > 0 && recheck >= p.intervalSeconds)
        ctx.addIssue({
          code: "custom",
          path: ["probes", i, "flap", "recheckSeconds"],
          message: `must be shorter than intervalSeconds (${p.intervalSeconds})`,
        });
    });
    cfg.probes.forEach((p, i) =>
      p.dependsOn.forEach((dep, j) => {
        if (!probeNames.has(dep))
          ctx.addIssue({ code: "custom", path: ["probes", i, "dependsOn", j], message: `unknown probe "${dep}"` });
      }),
    );
    const allServices = new Set(cfg.services.map((s) => s.name));
    cfg.probes.forEach((p, i) => {
      if (p.service && !allServices.has(p.service))
        ctx.addIssue({ code: "custom", path: ["probes", i, "service"], message: `unknown service "${p.service}"` });
    });
    const windowIds = new Set<string>();
    cfg.maintenance.windows.forEach((w, i) => {
      if (windowIds.has(w.id))
        ctx.addIssue({
          code: "custom",
          path: ["maintenance", "windows", i, "id"],
          message: `duplicate window id "${w.id}"`,
        });
      windowIds.add(w.id);
      const [kind, name] = w.scope.split(":");
      const known =
        kind === "service" ? allServices.has(name ?? "") : kind === "probe" ? probeNames.has(name ?? "") : true;
      if (!known)
        ctx.addIssue({
          code: "custom",
          path: ["maintenance", "windows", i, "scope"],
          message: `unknown ${kind} "${name}"`,
        });
    });
    const checkIds = new Set<string>();
    cfg.readiness.checks.forEach((c, i) => {
      if (checkIds.has(c.id))
        ctx.addIssue({
          code: "custom",
          path: ["readiness", "checks", i, "id"],
          message: `duplicate readiness check id "${c.id}"`,
        });
      checkIds.add(c.id);
    });
    const serviceNames = new Set(cfg.services.filter((s) => s.deployed).map((s) => s.name));
    for (const name of Object.keys(cfg.slo.services)) {
      if (!serviceNames.has(name))
        ctx.addIssue({
          code: "custom",
          path: ["slo", "services", name],
          message: `"${name}" is not a deployed service`,
        });
    }
    const probeSloIds = new Set<string>();
    cfg.slo.probes.forEach((p, i) => {
      if (probeSloIds.has(p.id))
        ctx.addIssue({ code: "custom", path: ["slo", "probes", i, "id"], message: `duplicate probe SLO id "${p.id}"` });
      probeSloIds.add(p.id);
      p.probes.forEach((name, j) => {
        if (!probeNames.has(name))
          ctx.addIssue({
            code: "custom",
            path: ["slo", "probes", i, "probes", j],
            message: `"${name}" is not a configured probe`,
          });
      });
    });
    const phaseIds = new Set(cfg.incident.phases.map((p) => p.id));
    cfg.incident.phases.forEach((p, i) => {
      if (p.startsAfter && !phaseIds.has(p.startsAfter))
        ctx.addIssue({
          code: "custom",
          path: ["incident", "phases", i, "startsAfter"],
          message: `unknown phase "${p.startsAfter}"`,
        });
    });
  });

export type StagingConfig = z.infer<typeof stagingConfigSchema>;
export type BrowserProbeConfig = Extract<ProbeConfig, { type: "browser" }>;
export type PhaseConfig = StagingConfig["incident"]["phases"][number];
export type ServiceConfig = StagingConfig["services"][number];
export type Role = z.infer<typeof roleSchema>;
export type MachineType = z.infer<typeof machineTypeSchema>;
