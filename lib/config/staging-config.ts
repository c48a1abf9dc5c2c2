import { readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { EnvError, envProblemsWithConfig, getEnv } from "./env";
import { stagingConfigSchema, type StagingConfig } from "@/lib/config/core/staging-schema";
import { processSlot } from "@/lib/base/singleton";

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid staging config ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    "",
  );
}

/** For a problem inside a probe, the probe's name (and the journey step's number), so a long file need not be counted by hand. */
function whereInProbes(raw: unknown, p: readonly PropertyKey[]): string {
  if (p[0] !== "probes" || typeof p[1] !== "number" || !raw || typeof raw !== "object") return "";
  const probe: unknown = (raw as { probes?: unknown[] }).probes?.[p[1]];
  const name =
    probe && typeof probe === "object" && "name" in probe && typeof probe.name === "string"
      ? probe.name
      : `#${p[1] + 1}`;
  if (p[2] === "steps" && typeof p[3] === "number") return ` (journey "${name}", step ${p[3] + 1})`;
  return ` (probe "${name}")`;
}

function formatIssues(error: z.ZodError, raw: unknown): string[] {
  return error.issues.map(
    (issue) => `${formatPath(issue.path) || "(root)"}: ${issue.message}${whereInProbes(raw, issue.path)}`,
  );
}

/**
 * Replaces ${STAGING_X} (or ${STAGING_X:-default}) in every string with the variable's value;
 * an unset name without a default is an error. Only STAGING_* variables are visible here.
 */
function interpolate(value: unknown, vars: Record<string, string>, at: PropertyKey[], problems: string[]): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (match, name: string, fallback: string | undefined) => {
      const v = name.startsWith("STAGING_") ? (vars[name] ?? fallback) : undefined;
      if (v === undefined) {
        problems.push(`${formatPath(at)}: \${${name}} is not set (only STAGING_* variables can be referenced)`);
        return match;
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, vars, [...at, i], problems));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars, [...at, k], problems)]));
  }
  return value;
}

/** Parses config text; pure apart from nothing, so the file watcher and tests can reuse it. */
export function parseStagingConfig(text: string, file: string, vars: Record<string, string>): StagingConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  const problems: string[] = [];
  const interpolated = interpolate(raw, vars, [], problems);
  if (problems.length) throw new ConfigError(file, problems);
  const result = stagingConfigSchema.safeParse(interpolated);
  if (!result.success) throw new ConfigError(file, formatIssues(result.error, interpolated));
  return result.data;
}

export function configPath(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), getEnv().STAGEWATCH_CONFIG);
}

export function readStagingConfigFile(file: string): StagingConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(file, [`cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  const env = getEnv();
  const config = parseStagingConfig(text, file, env.stagingVars);
  const problems = envProblemsWithConfig(env, config);
  if (problems.length) throw new EnvError(problems);
  const legacy = config.readiness.webhooks.length;
  if (legacy > 0)
    console.warn(
      `${file}: readiness.webhooks (${legacy}) is deprecated and still read; move them to notifications.channels with the URL in a NOTIFY_* variable (docs/notifications.md)`,
    );
  return config;
}

const current = processSlot<StagingConfig>("staging-config");

/** The current staging config (loaded once; replaced by reloadStagingConfig on a valid edit). */
export function getStagingConfig(): StagingConfig {
  const loaded = current.get();
  if (loaded) return loaded;
  const read = readStagingConfigFile(configPath());
  current.set(read);
  return read;
}

/** Re-reads the file; on error the previous config stays in force and the error is thrown. */
export function reloadStagingConfig(): StagingConfig {
  const next = readStagingConfigFile(configPath());
  current.set(next);
  return next;
}
