import { z } from "zod";
import { notificationsSchema, safeUrl } from "./notifications-schema";
import { parseCondition, placeholdersOf, type Condition } from "@/lib/health/conditions/parse";
import { expiryDomainOf } from "@/lib/health/probes/expiry-domain";
import { parseCriterion } from "@/lib/health/criteria/parser";
import type { Expr } from "@/lib/health/criteria/types";
import type { ProbeKind } from "@/lib/health/probes/probe-kinds";
import { stepSchema } from "@/lib/health/rehearsal/steps";
import { maintenanceConfigSchema } from "@/lib/health/maintenance/schemas";
import { sloConfigSchema } from "@/lib/health/slo/config";
import {
  instancesForThroughputSetting,
  MACHINE_TYPES,
  THROUGHPUT_SETTING_MBPS_PER_INSTANCE,
} from "@/lib/health/connector-capacity";

/**
 * The staging environment as code: one schema, shared by the loader, the emulator,
 * the probes, the tracker and the what-if model. Objects are strict so a typo in the
 * file is an error, not a silently ignored key.
 */

export const slug = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "must be lower-case letters, digits and dashes");
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

/** Where [DOMAIN_EXPIRATION] is looked up (RDAP, RFC 9083); rdap.org redirects to the registry's server. */
const rdapUrl = z.url({ protocol: /^https?$/ }).optional();
const dnsName = z
  .string()
  .max(254)
  .regex(
    /^(?!-)[A-Za-z0-9_-]{1,63}(?:\.[A-Za-z0-9_-]{1,63})*\.?$/,
    "must be a domain name such as example.com (labels of letters, digits, - and _)",
  );
export const DNS_QUERY_TYPES = ["A", "AAAA", "CNAME", "MX", "NS", "TXT", "SRV", "PTR"] as const;

/**
 * A probe's conditions, parsed here once, at config load, into ASTs for its type; an error names
 * the condition (its index in the path) and the column in it. Probe attempts only evaluate.
 */
function conditionsFor(type: Exclude<ProbeKind, "browser">) {
  return z
    .array(z.string().min(1).max(200))
    .default([])
    .transform((texts, ctx) =>
      texts.flatMap((text, j): Condition[] => {
        const parsed = parseCondition(text, type);
        if (parsed.ok) return [parsed.condition];
        ctx.addIssue({ code: "custom", path: [j], message: parsed.error, input: text });
        return [];
      }),
    );
}

/** An expression of the criteria environment, parsed here once into `ast` beside its text. */
function withAst<T extends { expr: string }>(value: T, ctx: z.RefinementCtx): T & { ast: Expr } {
  const parsed = parseCriterion(value.expr);
  if (parsed.ok) return { ...value, ast: parsed.ast };
  // A criterion that cannot be parsed could never pass; say so at start-up, with its column.
  ctx.addIssue({ code: "custom", path: ["expr"], message: parsed.error.message, input: value.expr });
  return z.NEVER;
}

const probeBase = {
  name: slug,
  description: z.string().max(200).optional(),
  intervalSeconds: z.int().min(5).max(3600).default(30),
  timeoutMs: z.int().min(100).max(60_000).default(5_000),
  goldenPath: z.boolean().default(false),
  /** What this probe failing means for the Overview verdict; golden-path probes default to "down", others are not read. */
  impact: z.enum(["down", "degraded"]).optional(),
  /** Names of probes this target needs (service → connector → database). */
  dependsOn: z.array(slug).default([]),
  /** The service this probe checks: a maintenance window of that service covers the probe. */
  service: slug.optional(),
  /** Flap control: a new state needs `failAfter` / `recoverAfter` results in a row; `flapping` when the last `window` results changed status `changes` times. */
  flap: z
    .strictObject({
      failAfter: z.int().min(1).max(20).default(3),
      recoverAfter: z.int().min(1).max(20).default(2),
      window: z.int().min(4).max(50).default(10),
      changes: z.int().min(2).max(49).default(4),
      /**
       * After a failing result, the next attempt comes this many seconds later instead of a
       * whole interval, so `failAfter` is reached in seconds (0 = off). Golden-path probes
       * default to 3 s (lib/health/probes/confirm.ts); must be shorter than the interval.
       */
      recheckSeconds: z.int().min(0).max(30).optional(),
    })
    .prefault({}),
};

export const probeSchema = z.discriminatedUnion("type", [
  z.strictObject({
    ...probeBase,
    type: z.literal("http"),
    conditions: conditionsFor("http"),
    url: z.url({ protocol: /^https?$/ }),
    method: z.enum(["GET", "HEAD", "POST", "PUT"]).default("GET"),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.string().max(65_536).optional(),
    maxBodyBytes: z
      .int()
      .min(1)
      .max(10 * 1024 * 1024)
      .default(1024 * 1024),
    maxRedirects: z.int().min(0).max(10).default(3),
    insecureTls: z.boolean().default(false),
    rdapUrl,
  }),
  z.strictObject({
    ...probeBase,
    type: z.literal("tcp"),
    conditions: conditionsFor("tcp"),
    host: z.string().min(1),
    port: z.coerce.number().int().min(1).max(65_535),
  }),
  z.strictObject({
    ...probeBase,
    type: z.literal("postgres"),
    conditions: conditionsFor("postgres"),
    host: z.string().min(1),
    port: z.coerce.number().int().min(1).max(65_535).default(5432),
    database: z.string().min(1).default("postgres"),
    ssl: z.boolean().default(false),
    /**
     * TLS like libpq's sslmode; wins over `ssl` when set. "require" encrypts without checking
     * the certificate; "verify-full" checks the chain (against sslRootCert, a PEM file, or the
     * system CAs) and that the certificate names the host.
     */
    sslMode: z.enum(["disable", "require", "verify-full"]).optional(),
    sslRootCert: z.string().min(1).optional(),
    /** The first query, timed; SELECT 1 unless a check needs more. Credentials come from PROBE_PG_USER / PROBE_PG_PASSWORD. */
    query: z.string().min(1).max(500).default("SELECT 1"),
  }),
  z.strictObject({
    ...probeBase,
    type: z.literal("websocket"),
    conditions: conditionsFor("websocket"),
    url: z.url({ protocol: /^wss?$/ }),
    jwt: z
      .strictObject({ subject: z.string().min(1).default("stagewatch-probe"), issuer: z.string().min(1).optional() })
      .prefault({}),
    firstMessageTimeoutMs: z.int().min(100).max(60_000).default(3_000),
  }),
  /** One DNS query to one nameserver over UDP, like Gatus's `dns:` endpoints; judged on [DNS_RCODE] and [BODY]. */
  z.strictObject({
    ...probeBase,
    type: z.literal("dns"),
    conditions: conditionsFor("dns"),
    /** The nameserver. */
    host: z.string().min(1),
    port: z.coerce.number().int().min(1).max(65_535).default(53),
    dns: z.strictObject({ queryName: dnsName, queryType: z.enum(DNS_QUERY_TYPES) }),
    rdapUrl,
  }),
  /** A demo rehearsal: a real browser walks these steps (decision 0012). */
  z.strictObject({
    ...probeBase,
    type: z.literal("browser"),
    intervalSeconds: z.int().min(60).max(86_400).default(300),
    /** The whole journey's deadline. */
    timeoutMs: z.int().min(1_000).max(300_000).default(60_000),
    conditions: z
      .array(z.string())
      .max(0, "a browser probe is judged by its steps, not conditions")
      .default([])
      .transform((): Condition[] => []),
    steps: z.array(stepSchema).min(1, "a journey needs at least one step").max(50),
    viewport: z
      .strictObject({ width: z.int().min(320).max(3840), height: z.int().min(240).max(2160) })
      .default({ width: 1280, height: 800 }),
  }),
]);

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
        const domainHost = p.type === "http" ? new URL(p.url).hostname : p.type === "dns" ? p.dns.queryName : null;
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
export type ProbeConfig = z.infer<typeof probeSchema>;
export type BrowserProbeConfig = Extract<ProbeConfig, { type: "browser" }>;
export type PhaseConfig = StagingConfig["incident"]["phases"][number];
export type ServiceConfig = StagingConfig["services"][number];
export type Role = z.infer<typeof roleSchema>;
export type MachineType = z.infer<typeof machineTypeSchema>;
