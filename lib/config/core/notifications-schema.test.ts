import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envProblemsWithConfig } from "@/lib/config/env";
import { forbiddenHost } from "./forbidden-hosts";
import { ConfigError, parseStagingConfig } from "@/lib/config/staging-config";

const TEXT = readFileSync(path.join(process.cwd(), "staging.config.json"), "utf8");

function parse(notifications: unknown, readiness?: unknown) {
  const cfg = JSON.parse(TEXT) as Record<string, unknown>;
  cfg.notifications = notifications;
  if (readiness) cfg.readiness = readiness;
  return parseStagingConfig(JSON.stringify(cfg), "test.json", {});
}

function problems(notifications: unknown, readiness?: unknown): string[] {
  try {
    parse(notifications, readiness);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

const SLACK = { id: "team-slack", kind: "slack", urlEnv: "NOTIFY_SLACK_URL" };
const PD = { id: "on-call", kind: "pagerduty", routingKeyEnv: "NOTIFY_PD_KEY" };
const MAIL = {
  id: "leads",
  kind: "email",
  smtp: { host: "smtp.example.com", user: "stagewatch", passwordEnv: "NOTIFY_SMTP_PASSWORD" },
  from: "stagewatch@example.com",
  to: ["leads@example.com"],
};

describe("notifications.channels in the config file", () => {
  it("reads every kind with its defaults; the file holds only the names of secrets", () => {
    const cfg = parse({ channels: [SLACK, PD, MAIL, { id: "chat", kind: "googlechat", urlEnv: "NOTIFY_CHAT" }] });
    expect(cfg.notifications.channels.map((c) => [c.id, c.kind, c.timeoutMs, c.duringMaintenance])).toEqual([
      ["team-slack", "slack", 5_000, false],
      ["on-call", "pagerduty", 5_000, false],
      ["leads", "email", 5_000, false],
      ["chat", "googlechat", 5_000, false],
    ]);
    expect(cfg.notifications.channels[1]).toMatchObject({ eventsUrl: "https://events.pagerduty.com/v2/enqueue" });
    expect(cfg.notifications.rules).toBeUndefined();
    expect(parse(undefined).notifications).toEqual({ channels: [] });
  });

  it.each<[string, unknown, RegExp]>([
    ["a URL in the file instead of a variable", { ...SLACK, url: "https://hooks.slack.com/x" }, /channels\[0\]/],
    ["a variable outside NOTIFY_*", { ...SLACK, urlEnv: "NEXTAUTH_SECRET" }, /urlEnv: must name a NOTIFY_\*/],
    ["an unknown kind", { ...SLACK, kind: "teams" }, /channels\[0\]\.kind/],
    [
      "a PagerDuty endpoint at the metadata service",
      { ...PD, eventsUrl: "http://metadata.google.internal/computeMetadata/v1/" },
      /eventsUrl: refused: points at metadata\.google\.internal, the cloud metadata service/,
    ],
    [
      "an SMTP host at the metadata address",
      { ...MAIL, smtp: { host: "169.254.169.254" } },
      /smtp\.host: refused: points at 169\.254\.169\.254, a link-local address/,
    ],
    ["an address that is not an email", { ...MAIL, to: ["not an address"] }, /to\[0\]/],
  ])("refuses %s", (_name, channel, expected) => {
    expect(problems({ channels: [channel] }).join("\n")).toMatch(expected);
  });

  it("refuses a rule naming an unknown channel and two channels with one id", () => {
    expect(problems({ channels: [SLACK, SLACK], rules: [{ channels: ["nope"] }] })).toEqual([
      'notifications.channels[1].id: duplicate channel id "team-slack"',
      'notifications.rules[0].channels[0]: unknown channel "nope"',
    ]);
  });

  it("refuses an old readiness webhook at a link-local or metadata address", () => {
    for (const url of ["http://169.254.169.254/latest", "http://[fe80::1]/hook", "http://metadata/computeMetadata"])
      expect(problems({}, { checks: [], webhooks: [{ url }] }).join("\n")).toMatch(
        /readiness\.webhooks\[0\]\.url: refused/,
      );
  });
});

describe("secrets named by channels, checked at load", () => {
  const cfg = () => parse({ channels: [SLACK, PD, MAIL] });
  const env = (notifySecrets: Record<string, string>) => ({
    NODE_ENV: "development" as const,
    STAGEWATCH_WEBHOOK_SECRET: undefined,
    notifySecrets,
  });
  const all = {
    NOTIFY_SLACK_URL: "https://hooks.slack.com/services/T/B/x",
    NOTIFY_PD_KEY: "r",
    NOTIFY_SMTP_PASSWORD: "p",
  };

  it("every named variable must be set", () => {
    expect(envProblemsWithConfig(env(all), cfg())).toEqual([]);
    expect(envProblemsWithConfig(env({ NOTIFY_PD_KEY: "r" }), cfg())).toEqual([
      'NOTIFY_SLACK_URL is not set (notifications.channels[0] ("team-slack") names it)',
      'NOTIFY_SMTP_PASSWORD is not set (notifications.channels[2] ("leads") names it)',
    ]);
  });

  it.each([
    "http://169.254.169.254/computeMetadata/v1/",
    "http://0xA9FEA9FE/", // the same address in hex: the URL parser normalises it
    "http://[fe80::a:1]/hook",
    "http://[::ffff:169.254.169.254]/",
    "https://metadata.google.internal./x",
    "http://metadata/x",
  ])("a webhook URL held in a variable is refused at load: %s", (url) => {
    const p = envProblemsWithConfig(env({ ...all, NOTIFY_SLACK_URL: url }), cfg());
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^NOTIFY_SLACK_URL points at .* \(notifications\.channels\[0\] \("team-slack"\)\); refused$/);
  });

  it("production needs the signing secret for JSON and Slack channels too", () => {
    const p = envProblemsWithConfig({ ...env(all), NODE_ENV: "production" }, cfg());
    expect(p).toEqual([expect.stringMatching(/STAGEWATCH_WEBHOOK_SECRET is required .*json\/slack channels: 1/)]);
  });
});

describe("forbiddenHost", () => {
  it.each<[string, boolean]>([
    ["169.254.0.1", true],
    ["169.254.255.255", true],
    ["169.255.0.1", false],
    ["fe80::1", true],
    ["[febf::1]", true],
    ["fec0::1", false],
    ["metadata.google.internal", true],
    ["METADATA", true],
    ["metadata.example.com", false],
    ["127.0.0.1", false],
    ["hooks.slack.com", false],
  ])("%s → %s", (host, refused) => {
    expect(forbiddenHost(host) !== null).toBe(refused);
  });
});

describe("notifications.digest", () => {
  it("off when absent; the schedule defaults to Monday 09:00 Europe/London", () => {
    expect(parse({ channels: [MAIL] }).notifications.digest).toBeUndefined();
    expect(parse({ channels: [MAIL], digest: { channels: ["leads"] } }).notifications.digest).toEqual({
      channels: ["leads"],
      schedule: { cron: "0 9 * * 1", timeZone: "Europe/London" },
    });
  });

  it("refuses PagerDuty (a digest is not an incident) and an unknown channel, naming them", () => {
    expect(problems({ channels: [PD, MAIL], digest: { channels: ["leads", "on-call", "nobody"] } })).toEqual([
      'notifications.digest.channels[1]: channel "on-call" is PagerDuty, which is not a digest channel',
      'notifications.digest.channels[2]: unknown channel "nobody"',
    ]);
  });

  it.each([
    [{ cron: "0 9 * * 1", timeZone: "Mars/Olympus" }, 'unknown time zone "Mars/Olympus"'],
    [{ cron: "* * * * * *", timeZone: "UTC" }, "must have five fields (minute hour day month weekday)"],
  ])("refuses the schedule %j", (schedule, message) => {
    expect(problems({ channels: [MAIL], digest: { channels: ["leads"], schedule } })).toEqual([
      `notifications.digest.schedule.cron: ${message}`,
    ]);
  });
});
