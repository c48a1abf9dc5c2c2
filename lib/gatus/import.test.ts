import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { importGatus, slugOf } from "./import";

const fixture = path.join(__dirname, "fixtures", "gatus-example.yaml");
const example = () => parse(readFileSync(fixture, "utf8")) as unknown;

describe("Gatus import", () => {
  it("carries over what Stagewatch can probe and reports each thing it cannot", () => {
    const { probes, report } = importGatus(example());
    expect(probes.map((p) => p.name)).toEqual([
      "core-front-end",
      "core-back-end",
      "internal-monitoring",
      "example-dns-query",
      "check-domain-expiration",
      "postgres-port",
    ]);
    expect(probes[0]).toMatchObject({
      type: "http",
      url: "https://staging.example.test/health",
      intervalSeconds: 300,
      conditions: ["[STATUS] == 200", "[BODY].status == UP", "[RESPONSE_TIME] < 150"],
    });
    expect(probes[3]).toMatchObject({
      type: "dns",
      host: "127.0.0.53",
      port: 53,
      dns: { queryName: "example.test", queryType: "A" },
      conditions: ["[BODY] == 127.0.0.1", "[DNS_RCODE] == NOERROR"],
    });
    expect(probes[4]).toMatchObject({
      type: "http",
      url: "https://example.test/",
      conditions: ["[DOMAIN_EXPIRATION] > 720h"],
    });
    expect(probes[5]).toMatchObject({
      type: "tcp",
      host: "127.0.0.1",
      port: 5432,
      intervalSeconds: 30,
      flap: { failAfter: 5, recoverAfter: 2 },
    });
    expect(report).toEqual([
      expect.stringMatching(/^icmp-ping: skipped, icmp:\/\/ endpoints are not supported/),
      "price-aggregation-service: skipped, gRPC endpoints are not supported",
      "postgres port: alert thresholds are not per alert in Stagewatch: the first alert's became the probe's flap control",
      "postgres-port: its slack alert names a provider missing from alerting:; left out",
    ]);
  });

  it("maps alerting providers to channels and rules; secrets stay in the Gatus file, named for NOTIFY_* variables", () => {
    const secret = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
    const { probes, notifications, report } = importGatus(
      {
        alerting: {
          slack: { "webhook-url": secret, "default-alert": { "send-on-resolved": true } },
          googlechat: { "webhook-url": "https://chat.googleapis.com/v1/spaces/X/messages?key=k&token=t" },
          pagerduty: { "integration-key": "pd-secret-key" },
          email: {
            from: "gatus@example.com",
            to: "a@example.com, b@example.com",
            host: "smtp.example.com",
            port: 587,
            username: "u",
            password: "pw-secret",
          },
          custom: { url: "https://hooks.example.com/x", method: "POST", body: "[ALERT_DESCRIPTION]" },
          discord: { "webhook-url": "https://discord.example/x" },
        },
        endpoints: [
          {
            name: "api",
            url: "https://api.example.test/health",
            alerts: [
              { type: "pagerduty", "failure-threshold": 3, "send-on-resolved": true },
              { type: "slack", "minimum-reminder-interval": "30m" },
              { type: "discord" },
            ],
          },
          {
            name: "web",
            url: "https://web.example.test/",
            alerts: [
              { type: "slack", "send-on-resolved": false },
              { type: "email" },
              { type: "googlechat" },
              { type: "custom" },
            ],
          },
        ],
      },
      [],
      {
        channels: [
          {
            id: "hooks",
            kind: "json",
            urlEnv: "NOTIFY_HOOKS",
            timeoutMs: 5000,
            maxAttempts: 6,
            duringMaintenance: false,
          },
        ],
        rules: undefined,
      },
    );
    expect(probes.map((p) => [p.name, p.flap])).toEqual([
      ["api", { failAfter: 3 }],
      ["web", undefined],
    ]);
    expect(notifications.channels.map((c) => [c.id, c.kind])).toEqual([
      ["gatus-pagerduty", "pagerduty"],
      ["gatus-slack", "slack"],
      ["gatus-email", "email"],
      ["gatus-googlechat", "googlechat"],
      ["gatus-custom", "json"],
    ]);
    expect(notifications.channels[2]).toMatchObject({
      to: ["a@example.com", "b@example.com"],
      smtp: { host: "smtp.example.com", port: 587, user: "u", passwordEnv: "NOTIFY_GATUS_SMTP_PASSWORD" },
    });
    // The existing channel keeps the default routing it had; then one rule per provider.
    expect(notifications.rules.map((r) => [r.channels, r.sendOnResolved, r.remindEveryMinutes])).toEqual([
      [["hooks"], true, undefined],
      [["gatus-pagerduty"], true, undefined],
      [["gatus-slack"], true, 30], // from its default-alert
      [["gatus-email"], false, undefined],
      [["gatus-googlechat"], false, undefined],
      [["gatus-custom"], false, undefined],
    ]);
    expect(notifications.secrets).toContain("NOTIFY_GATUS_SLACK_URL: alerting.slack.webhook-url");
    const all = JSON.stringify({ probes, notifications, report });
    for (const s of [secret, "pd-secret-key", "pw-secret", "key=k&token=t"]) expect(all).not.toContain(s);
    expect(report).toEqual(
      expect.arrayContaining([
        "alerting.discord: Stagewatch has no such channel; left out",
        "api: its discord alert was left out (no such channel)",
        "web: its slack alert's send-on-resolved/reminder differ from the first; the first's apply to every probe",
        expect.stringMatching(/^alerting\.custom: became a Standard Webhooks JSON channel/),
      ]),
    );
    // The result is a valid staging config section.
    const cfg = JSON.parse(readFileSync("staging.config.json", "utf8")) as Record<string, unknown>;
    const parsed = parseStagingConfig(
      JSON.stringify({
        ...cfg,
        notifications: {
          channels: [{ id: "hooks", kind: "json", urlEnv: "NOTIFY_HOOKS" }, ...notifications.channels],
          rules: notifications.rules,
        },
      }),
      "t.json",
      {},
    );
    expect(parsed.notifications.channels).toHaveLength(6);
  });

  it("never overwrites an existing probe and never imports two of one name", () => {
    const { probes, report } = importGatus(
      {
        endpoints: [
          { name: "API", url: "http://127.0.0.1/" },
          { name: "api", url: "http://127.0.0.1/x" },
          { name: "db", url: "tcp://127.0.0.1:5432" },
        ],
      },
      ["db"],
    );
    expect(probes.map((p) => p.name)).toEqual(["api"]);
    expect(report).toEqual([
      "api: skipped, a probe named api already exists",
      "db: skipped, a probe named db already exists",
    ]);
  });

  it.each([
    [{}, "config endpoints"],
    [{ endpoints: [] }, "no endpoints to import"],
    [{ endpoints: [{ url: "http://x" }] }, "endpoints[0]: skipped, name"],
    [{ endpoints: [{ name: "a", url: "http://127.0.0.1", interval: "soon" }] }, "interval must be a Go duration"],
    [{ endpoints: [{ name: "a", url: "tcp://127.0.0.1" }] }, "needs a host and a port"],
    [{ endpoints: [{ name: "a", url: "127.0.0.1:80" }] }, "has no scheme Stagewatch can probe"],
    [{ endpoints: [{ name: "a", url: "http://127.0.0.1", method: "DELETE" }] }, "skipped, invalid as a probe: method"],
    [
      { endpoints: [{ name: "a", url: "tcp://127.0.0.1:1", conditions: ["[STATUS] == 200"] }] },
      "a tcp probe has no [STATUS]",
    ],
    [{ endpoints: [{ name: "a", url: "http://127.0.0.1", enabled: false }] }, "disabled in Gatus"],
    [
      { endpoints: [{ name: "a", url: "127.0.0.1", dns: { "query-name": "x.test", "query-type": "SOA" } }] },
      "DNS query type SOA is not supported",
    ],
    [
      { endpoints: [{ name: "a", url: "127.0.0.1:x", dns: { "query-name": "x.test", "query-type": "A" } }] },
      'DNS nameserver "127.0.0.1:x" must be host or host:port',
    ],
    [{ endpoints: [{ name: "a", url: "127.0.0.1", dns: { "query-type": "A" } }] }, "dns.query-name"],
    [
      { endpoints: [{ name: "a", url: "http://127.0.0.1/", conditions: ["[DOMAIN_EXPIRATION] > 720h"] }] },
      "127.0.0.1 is an IP address, which has no domain registration to expire",
    ],
  ])("reports bad or unsupported input %#", (config, message) => {
    const { probes, report } = importGatus(config);
    expect(probes).toEqual([]);
    expect(report.join("\n")).toContain(message);
  });

  it("carries a DNS endpoint's nameserver port and lower-case query type over", () => {
    const { probes, report } = importGatus({
      endpoints: [
        {
          name: "mx",
          url: "127.0.0.1:5353",
          dns: { "query-name": "example.test.", "query-type": "mx" },
          conditions: ["[DNS_RCODE] == NOERROR", "[STATUS] == 200"],
        },
      ],
    });
    expect(probes).toEqual([
      expect.objectContaining({
        type: "dns",
        host: "127.0.0.1",
        port: 5353,
        dns: { queryName: "example.test.", queryType: "MX" },
        conditions: ["[DNS_RCODE] == NOERROR"],
      }),
    ]);
    expect(report).toEqual([expect.stringContaining("a dns probe has no [STATUS]")]);
  });

  it("clamps intervals to what Stagewatch allows and says so", () => {
    const { probes, report } = importGatus({
      endpoints: [
        { name: "fast", url: "http://127.0.0.1", interval: "1s" },
        { name: "slow", url: "http://127.0.0.1", interval: "2h30m" },
      ],
    });
    expect(probes.map((p) => p.intervalSeconds)).toEqual([5, 3600]);
    expect(report).toEqual([
      expect.stringContaining("interval 1s is outside"),
      expect.stringContaining("interval 2h30m is outside"),
    ]);
  });

  it.each([
    [undefined, "Front End!", "front-end"],
    ["core", "API v2", "core-api-v2"],
    [undefined, "1st", "p-1st"],
  ])("names %s/%s as %s", (group, name, slug) => expect(slugOf(group, name)).toBe(slug));
});

describe("npm run import:gatus", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("adds the probes to a copy of the staging config, which then loads like any config", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "gatus-import-"));
    const into = path.join(dir, "staging.config.json");
    copyFileSync("staging.config.json", into);
    const before = (JSON.parse(readFileSync(into, "utf8")) as { probes: unknown[] }).probes.length;
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", "scripts/import-gatus.ts", fixture, "--into", into],
      { encoding: "utf8" },
    );
    expect(out).toContain(
      "Imported 6 probe(s): core-front-end, core-back-end, internal-monitoring, example-dns-query, check-domain-expiration, postgres-port",
    );
    expect(out).toContain("not carried over — icmp-ping");
    const text = readFileSync(into, "utf8");
    const loaded = parseStagingConfig(text, into, {});
    expect(loaded.probes).toHaveLength(before + 6);
  }, 30_000);

  it("writes nothing when the result would not be a valid staging config", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "gatus-import-"));
    const into = path.join(dir, "staging.config.json");
    writeFileSync(into, JSON.stringify({ probes: [] }));
    let failed = false;
    try {
      execFileSync(process.execPath, ["--import", "tsx", "scripts/import-gatus.ts", fixture, "--into", into], {
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (err) {
      failed = true;
      expect(String((err as { stderr?: string }).stderr)).toContain("Invalid staging config");
    }
    expect(failed).toBe(true);
    expect(readFileSync(into, "utf8")).toBe(JSON.stringify({ probes: [] }));
  }, 30_000);

  it("answers a bad command line or a bad file with one line and a non-zero exit, never a stack trace", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "gatus-import-"));
    const notYaml = path.join(dir, "broken.yaml");
    writeFileSync(notYaml, "endpoints: [unclosed");
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/import-gatus.ts", ...args], { encoding: "utf8" });
    const cases: [string[], number, RegExp][] = [
      [["--help"], 0, /^usage: npm run import:gatus/],
      [[], 2, /^usage: npm run import:gatus/],
      [["--bogus", fixture], 2, /Unknown option '--bogus'[\s\S]*usage:/],
      [[path.join(dir, "missing.yaml")], 1, /^cannot read the Gatus config .*missing\.yaml: ENOENT/],
      [[fixture, "--into", path.join(dir, "missing.json")], 1, /^cannot read the staging config .*: ENOENT/],
      [[notYaml, "--dry-run"], 1, /broken\.yaml is not valid YAML/],
    ];
    for (const [args, status, text] of cases) {
      const r = run(...args);
      expect(r.status, args.join(" ")).toBe(status);
      expect(status === 0 ? r.stdout : r.stderr, args.join(" ")).toMatch(text);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});
