import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { parseStagingConfig } from "./staging-config";
import { importGatus, slugOf } from "./gatus-import";

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
      expect.stringMatching(/^postgres port: alerts are not per probe/),
    ]);
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
