import { z } from "zod";
import { forbiddenUrl } from "@/lib/config/core/forbidden-hosts";
import { secretNames, type NotificationsConfig } from "@/lib/config/core/notifications-schema";

/**
 * Every environment variable Stagewatch reads, validated once. Nothing else may read
 * process.env (an ESLint rule enforces it), so a typo fails at start-up, not mid-request.
 */
const loopbackHostPort = z
  .string()
  .regex(
    /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\]|[a-zA-Z0-9.-]+):\d{1,5}$/,
    "must be host:port, e.g. 127.0.0.1:8085",
  );

const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    NEXTAUTH_SECRET: z
      .string({ error: "NEXTAUTH_SECRET is required" })
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
    NEXTAUTH_URL: z.url("NEXTAUTH_URL must be a URL, e.g. http://localhost:3000").optional(),
    STAGEWATCH_CONFIG: z.string().min(1).default("staging.config.json"),
    STAGEWATCH_DATA_DIR: z.string().min(1).default("data"),
    STAGEWATCH_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "STAGEWATCH_DATABASE_URL must be a postgres:// URL")
      .optional(),
    STAGEWATCH_DEMO: flag,
    /** Refuses demo users under NODE_ENV=production unless this is also set (e2e, local demos of the built app). */
    STAGEWATCH_ALLOW_DEMO: flag,
    /** Proxies in front of the app that append to X-Forwarded-For (0 = clients connect directly; Cloud Run = 1). */
    STAGEWATCH_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    STAGEWATCH_DEMO_PASSWORD: z.string().min(8, "STAGEWATCH_DEMO_PASSWORD must be at least 8 characters").optional(),
    STAGEWATCH_PROBES: z.enum(["on", "off"]).default("on"),
    STAGEWATCH_EVALUATORS: z.enum(["on", "off"]).default("on"),
    /** Time to live of the leader lease (PostgreSQL store, several replicas); renewed every third of it. */
    STAGEWATCH_LEADER_LEASE_MS: z.coerce.number().int().min(1_000).max(120_000).default(15_000),
    /** Behind Identity-Aware Proxy: the expected `aud` of its signed header (enables IAP sign-in). */
    IAP_AUDIENCE: z
      .string()
      .regex(
        /^\/projects\/\d+\/(global\/backendServices\/\d+|apps\/[a-z][a-z0-9-]+)$/,
        "IAP_AUDIENCE must be /projects/NUMBER/global/backendServices/ID or /projects/NUMBER/apps/PROJECT_ID",
      )
      .optional(),
    /** Where IAP's public keys are fetched (tests point it at loopback). */
    IAP_JWKS_URL: z.url("IAP_JWKS_URL must be a URL").default("https://www.gstatic.com/iap/verify/public_key-jwk"),
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    /**
     * An OpenID Connect issuer that stands in for accounts.google.com (its discovery document
     * is read from <issuer>/.well-known/openid-configuration): for tests and local demos only.
     */
    GOOGLE_OIDC_ISSUER: z.url("GOOGLE_OIDC_ISSUER must be a URL").optional(),
    AUTH_ALLOWED_DOMAINS: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(",")
              .map((d) => d.trim().toLowerCase())
              .filter(Boolean)
          : [],
      ),
    GOOGLE_CLOUD_PROJECT: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "GOOGLE_CLOUD_PROJECT must be a GCP project id")
      .optional(),
    MONITORING_EMULATOR_HOST: loopbackHostPort.optional(),
    LOGGING_EMULATOR_HOST: loopbackHostPort.optional(),
    PROBE_JWT_SECRET: z.string().min(16, "PROBE_JWT_SECRET must be at least 16 characters").optional(),
    PROBE_PG_USER: z.string().min(1).optional(),
    PROBE_PG_PASSWORD: z.string().optional(),
    /** Probes running at once, across all targets. */
    PROBE_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
    PROBE_RAW_RETENTION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    /** Per-minute roll-ups; hourly ones are kept at least 400 days, daily ones 5 years. */
    PROBE_ROLLUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Signs public readiness share links; derived from NEXTAUTH_SECRET when unset (rotating either invalidates every link). */
    /** The Chromium the demo rehearsal drives (Debian's by default); a missing one makes the rehearsal unknown, never passed. */
    STAGEWATCH_CHROMIUM_PATH: z
      .string()
      .regex(/^\//, "STAGEWATCH_CHROMIUM_PATH must be an absolute path")
      .default("/usr/bin/chromium"),
    /** On-demand rehearsals (engineers' "run now", the readiness re-check): at most one per this many seconds. */
    STAGEWATCH_REHEARSAL_ON_DEMAND_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    STAGEWATCH_SHARE_SECRET: z.string().min(32, "STAGEWATCH_SHARE_SECRET must be at least 32 characters").optional(),
    /** Signs every webhook the Standard Webhooks way: `whsec_` + base64 of at least 24 random bytes. */
    STAGEWATCH_WEBHOOK_SECRET: z
      .string()
      .regex(
        /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/,
        "STAGEWATCH_WEBHOOK_SECRET must be whsec_ followed by base64 of at least 24 random bytes",
      )
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.STAGEWATCH_DEMO && env.NODE_ENV === "production" && !env.STAGEWATCH_ALLOW_DEMO) {
      ctx.addIssue({
        code: "custom",
        path: ["STAGEWATCH_DEMO"],
        message:
          "STAGEWATCH_DEMO=1 is refused when NODE_ENV=production (demo users have a shared password); set STAGEWATCH_ALLOW_DEMO=1 as well to run a demo of the built app",
      });
    }
    if (env.GOOGLE_OIDC_ISSUER && env.NODE_ENV === "production" && !env.STAGEWATCH_ALLOW_DEMO) {
      ctx.addIssue({
        code: "custom",
        path: ["GOOGLE_OIDC_ISSUER"],
        message:
          "GOOGLE_OIDC_ISSUER (a stand-in for Google sign-in) is refused when NODE_ENV=production unless STAGEWATCH_ALLOW_DEMO=1 is set",
      });
    }
    if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: [env.GOOGLE_CLIENT_ID ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID"],
        message: "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together",
      });
    }
    if (env.GOOGLE_CLIENT_ID && env.AUTH_ALLOWED_DOMAINS.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_ALLOWED_DOMAINS"],
        message: "AUTH_ALLOWED_DOMAINS must list at least one domain when Google sign-in is enabled",
      });
    }
  });

export type Env = z.infer<typeof schema> & {
  /** STAGING_* variables, available to ${NAME} references in the staging config. */
  stagingVars: Record<string, string>;
  /** REHEARSAL_* variables: secrets a browser journey's `fill` steps name (never shown). */
  rehearsalSecrets: Record<string, string>;
  /** NOTIFY_* variables: channel secrets (webhook URLs, routing keys, SMTP passwords) the config names. */
  notifySecrets: Record<string, string>;
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

type RawEnv = Record<string, string | undefined>;

export function parseEnv(raw: RawEnv): Env {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "");
        // Messages already start with the variable's name; prefix the others.
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      }),
    );
  }
  const stagingVars: Record<string, string> = {};
  const rehearsalSecrets: Record<string, string> = {};
  const notifySecrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith("STAGING_") && value !== undefined) stagingVars[key] = value;
    if (key.startsWith("REHEARSAL_") && value !== undefined) rehearsalSecrets[key] = value;
    if (key.startsWith("NOTIFY_") && value !== undefined && value !== "") notifySecrets[key] = value;
  }
  return { ...result.data, stagingVars, rehearsalSecrets, notifySecrets };
}

/**
 * The rules that need the staging config as well as the environment, checked wherever a config
 * is read (start-up and every reload). Under NODE_ENV=production a webhook must be signed:
 * unsigned, a receiver cannot tell Stagewatch's verdict from anyone's POST to its URL. Every
 * secret a channel names must be set, and a URL held in one is refused when it points at the
 * metadata service or a link-local address (the file's own URLs are checked by its schema).
 */
export function envProblemsWithConfig(
  env: Pick<Env, "NODE_ENV" | "STAGEWATCH_WEBHOOK_SECRET"> & Partial<Pick<Env, "notifySecrets">>,
  config: { readiness: { webhooks: readonly unknown[] }; notifications?: Pick<NotificationsConfig, "channels"> },
): string[] {
  const problems: string[] = [];
  const channels = config.notifications?.channels ?? [];
  const signed = channels.filter((c) => c.kind === "json" || c.kind === "slack").length;
  const hooks = config.readiness.webhooks.length + signed;
  if (env.NODE_ENV === "production" && hooks > 0 && !env.STAGEWATCH_WEBHOOK_SECRET)
    problems.push(
      `STAGEWATCH_WEBHOOK_SECRET is required when NODE_ENV=production and the staging config lists webhooks (readiness.webhooks: ${config.readiness.webhooks.length}, json/slack channels: ${signed}); without it they would go out unsigned`,
    );
  const secrets = env.notifySecrets ?? {};
  channels.forEach((c, i) => {
    const where = `notifications.channels[${i}] ("${c.id}")`;
    for (const name of secretNames(c)) {
      if (secrets[name] === undefined) problems.push(`${name} is not set (${where} names it)`);
    }
    if ("urlEnv" in c && secrets[c.urlEnv] !== undefined) {
      const why = forbiddenUrl(secrets[c.urlEnv] ?? "");
      if (why) problems.push(`${c.urlEnv} ${why} (${where}); refused`);
    }
  });
  return problems;
}

let cached: Env | undefined;

/** The validated environment of this process; throws EnvError naming every bad variable. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests only: forget the cached environment. */
export function resetEnvForTests(): void {
  cached = undefined;
}
