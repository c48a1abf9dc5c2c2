import { describe, expect, it } from "vitest";
import { EnvError, envProblemsWithConfig, parseEnv } from "./env";

const SECRET = "x".repeat(32);

function problems(raw: Record<string, string | undefined>): string[] {
  try {
    parseEnv(raw);
  } catch (err) {
    if (err instanceof EnvError) return err.problems;
    throw err;
  }
  return [];
}

describe("parseEnv", () => {
  it("accepts a minimal valid environment and applies defaults", () => {
    const env = parseEnv({ NEXTAUTH_SECRET: SECRET });
    expect(env.STAGEWATCH_CONFIG).toBe("staging.config.json");
    expect(env.STAGEWATCH_DEMO).toBe(false);
    expect(env.AUTH_ALLOWED_DOMAINS).toEqual([]);
    expect(env.STAGEWATCH_PROBES).toBe("on");
    expect(env.STAGEWATCH_EVALUATORS).toBe("on");
  });

  it("defaults the rehearsal's Chromium to Debian's, takes only an absolute path, and collects REHEARSAL_* secrets", () => {
    const env = parseEnv({
      NEXTAUTH_SECRET: SECRET,
      REHEARSAL_DEMO_PASSWORD: "pw",
      NEXTAUTH_URL: "http://localhost:3000",
    });
    expect(env.STAGEWATCH_CHROMIUM_PATH).toBe("/usr/bin/chromium");
    expect(env.rehearsalSecrets).toEqual({ REHEARSAL_DEMO_PASSWORD: "pw" });
    expect(
      parseEnv({ NEXTAUTH_SECRET: SECRET, STAGEWATCH_CHROMIUM_PATH: "/opt/chrome/chrome" }).STAGEWATCH_CHROMIUM_PATH,
    ).toBe("/opt/chrome/chrome");
    expect(problems({ NEXTAUTH_SECRET: SECRET, STAGEWATCH_CHROMIUM_PATH: "chromium" })).toEqual([
      "STAGEWATCH_CHROMIUM_PATH must be an absolute path",
    ]);
  });

  it("collects STAGING_* variables for config references and nothing else", () => {
    const env = parseEnv({ NEXTAUTH_SECRET: SECRET, STAGING_BACKEND_URL: "http://127.0.0.1:1", OTHER: "x" });
    expect(env.stagingVars).toEqual({ STAGING_BACKEND_URL: "http://127.0.0.1:1" });
  });

  it("splits and lower-cases AUTH_ALLOWED_DOMAINS", () => {
    const env = parseEnv({
      NEXTAUTH_SECRET: SECRET,
      GOOGLE_CLIENT_ID: "id",
      GOOGLE_CLIENT_SECRET: "s",
      AUTH_ALLOWED_DOMAINS: "Netra.ai, example.com",
    });
    expect(env.AUTH_ALLOWED_DOMAINS).toEqual(["netra.ai", "example.com"]);
  });

  it.each([
    [{}, "NEXTAUTH_SECRET is required"],
    [{ NEXTAUTH_SECRET: "short" }, "NEXTAUTH_SECRET must be at least 32 characters"],
    [{ NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: "not a url" }, "NEXTAUTH_URL must be a URL, e.g. http://localhost:3000"],
    [{ NEXTAUTH_SECRET: SECRET, STAGEWATCH_DEMO: "yes" }, "STAGEWATCH_DEMO:"],
    [
      { NEXTAUTH_SECRET: SECRET, STAGEWATCH_DEMO_PASSWORD: "abc" },
      "STAGEWATCH_DEMO_PASSWORD must be at least 8 characters",
    ],
    [{ NEXTAUTH_SECRET: SECRET, MONITORING_EMULATOR_HOST: "127.0.0.1" }, "MONITORING_EMULATOR_HOST: must be host:port"],
    [
      { NEXTAUTH_SECRET: SECRET, STAGEWATCH_DATABASE_URL: "mysql://x" },
      "STAGEWATCH_DATABASE_URL must be a postgres:// URL",
    ],
    [
      { NEXTAUTH_SECRET: SECRET, GOOGLE_CLIENT_ID: "id" },
      "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together",
    ],
    [
      { NEXTAUTH_SECRET: SECRET, GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "s" },
      "AUTH_ALLOWED_DOMAINS must list at least one domain",
    ],
    [{ NEXTAUTH_SECRET: SECRET, GOOGLE_CLOUD_PROJECT: "Bad_Project" }, "GOOGLE_CLOUD_PROJECT must be a GCP project id"],
    [{ NEXTAUTH_SECRET: SECRET, STAGEWATCH_PROBES: "maybe" }, "STAGEWATCH_PROBES:"],
    [{ NEXTAUTH_SECRET: SECRET, STAGEWATCH_EVALUATORS: "no" }, "STAGEWATCH_EVALUATORS:"],
    [
      { NEXTAUTH_SECRET: SECRET, NODE_ENV: "production", STAGEWATCH_DEMO: "1" },
      "STAGEWATCH_DEMO=1 is refused when NODE_ENV=production",
    ],
    [{ NEXTAUTH_SECRET: SECRET, STAGEWATCH_DEMO: "1" }, "STAGEWATCH_DEMO=1 is refused when NODE_ENV=production"],
    [{ NEXTAUTH_SECRET: SECRET, STAGEWATCH_TRUSTED_PROXY_HOPS: "-1" }, "STAGEWATCH_TRUSTED_PROXY_HOPS:"],
    [
      { NEXTAUTH_SECRET: SECRET, GOOGLE_OIDC_ISSUER: "http://127.0.0.1:9999" },
      "GOOGLE_OIDC_ISSUER (a stand-in for Google sign-in) is refused",
    ],
    [
      { NEXTAUTH_SECRET: SECRET, NODE_ENV: "test", GOOGLE_OIDC_ISSUER: "not a url" },
      "GOOGLE_OIDC_ISSUER must be a URL",
    ],
    [{ NEXTAUTH_SECRET: SECRET, STAGEWATCH_TRUSTED_PROXY_HOPS: "one" }, "STAGEWATCH_TRUSTED_PROXY_HOPS:"],
  ])("rejects %j naming the variable", (raw, expected) => {
    const found = problems(raw);
    expect(found.some((p) => p.includes(expected))).toBe(true);
  });

  it("allows demo users in production only with STAGEWATCH_ALLOW_DEMO=1, and anywhere else", () => {
    expect(
      parseEnv({ NEXTAUTH_SECRET: SECRET, NODE_ENV: "production", STAGEWATCH_DEMO: "1", STAGEWATCH_ALLOW_DEMO: "1" })
        .STAGEWATCH_DEMO,
    ).toBe(true);
    expect(parseEnv({ NEXTAUTH_SECRET: SECRET, NODE_ENV: "development", STAGEWATCH_DEMO: "1" }).STAGEWATCH_DEMO).toBe(
      true,
    );
  });

  it("takes the socket's address unless proxy hops are configured", () => {
    expect(parseEnv({ NEXTAUTH_SECRET: SECRET }).STAGEWATCH_TRUSTED_PROXY_HOPS).toBe(0);
    expect(
      parseEnv({ NEXTAUTH_SECRET: SECRET, STAGEWATCH_TRUSTED_PROXY_HOPS: "1" }).STAGEWATCH_TRUSTED_PROXY_HOPS,
    ).toBe(1);
  });

  it("reports every bad variable at once", () => {
    expect(problems({ NEXTAUTH_SECRET: "short", STAGEWATCH_DEMO_PASSWORD: "abc" })).toHaveLength(2);
  });
});

describe("envProblemsWithConfig: production webhooks must be signed", () => {
  const WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr";
  const hooks = (n: number) => ({ readiness: { webhooks: Array.from({ length: n }, () => ({})) } });
  it.each<[string, "production" | "development" | "test", string | undefined, number, boolean]>([
    ["production, webhooks, no secret: refused", "production", undefined, 2, true],
    ["production, webhooks, a secret: fine", "production", WHSEC, 2, false],
    ["production, no webhooks: fine without a secret", "production", undefined, 0, false],
    ["development, webhooks, no secret: fine (local receivers)", "development", undefined, 1, false],
  ])("%s", (_name, NODE_ENV, STAGEWATCH_WEBHOOK_SECRET, n, refused) => {
    const problems = envProblemsWithConfig({ NODE_ENV, STAGEWATCH_WEBHOOK_SECRET }, hooks(n));
    if (!refused) expect(problems).toEqual([]);
    else {
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^STAGEWATCH_WEBHOOK_SECRET is required when NODE_ENV=production/);
      expect(problems[0]).toContain(`readiness.webhooks: ${n}`);
      expect(problems[0]).not.toContain("\n");
    }
  });
});
