import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseStagingConfig } from "@/lib/config/staging-config";

/** DNS probes and [DOMAIN_EXPIRATION] in the staging config: what loads, and what is refused naming the field. */

const TEXT = readFileSync(path.join(process.cwd(), "staging.config.json"), "utf8");

function withProbe(probe: Record<string, unknown>): { text: string; index: number } {
  const cfg = JSON.parse(TEXT) as { probes: unknown[] };
  cfg.probes.push({ name: "dns-check", ...probe });
  return { text: JSON.stringify(cfg), index: cfg.probes.length - 1 };
}

function problemsOf(text: string): string[] {
  try {
    parseStagingConfig(text, "test.json", {});
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

const dnsProbe = { type: "dns", host: "127.0.0.1", dns: { queryName: "example.test", queryType: "A" } };

describe("dns probes in the staging config", () => {
  it("load with port 53 by default, and take [DNS_RCODE], [BODY] and [DOMAIN_EXPIRATION]", () => {
    const { text, index } = withProbe({
      ...dnsProbe,
      conditions: [
        "[DNS_RCODE] == NOERROR",
        "[DNS_RCODE] == any(NOERROR, NXDOMAIN)",
        "len([DNS_RCODE]) == 7",
        "[BODY] == 127.0.0.1",
        "[DOMAIN_EXPIRATION] > 720h",
      ],
    });
    const probe = parseStagingConfig(text, "test.json", {}).probes[index];
    expect(probe).toMatchObject({ type: "dns", host: "127.0.0.1", port: 53, dns: { queryType: "A" } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a missing query name", { ...dnsProbe, dns: { queryType: "A" } }, "dns.queryName"],
    [
      "a query name that is no name",
      { ...dnsProbe, dns: { queryName: "not a name", queryType: "A" } },
      "dns.queryName: must be a domain name",
    ],
    [
      "an unsupported query type",
      { ...dnsProbe, dns: { queryName: "example.test", queryType: "SOA" } },
      "dns.queryType",
    ],
    ["a missing dns block", { type: "dns", host: "127.0.0.1" }, ".dns"],
    ["a nameserver port out of range", { ...dnsProbe, port: 70_000 }, ".port"],
    ["[STATUS] on a dns probe", { ...dnsProbe, conditions: ["[STATUS] == 200"] }, "a dns probe has no [STATUS]"],
    [
      "[DOMAIN_EXPIRATION] on a tcp probe",
      { type: "tcp", host: "127.0.0.1", port: 5432, conditions: ["[DOMAIN_EXPIRATION] > 720h"] },
      'conditions[0]: "[DOMAIN_EXPIRATION] > 720h" at column 1: a tcp probe has no [DOMAIN_EXPIRATION]',
    ],
    [
      "[DOMAIN_EXPIRATION] on a postgres probe",
      { type: "postgres", host: "127.0.0.1", conditions: ["[DOMAIN_EXPIRATION] > 720h"] },
      "a postgres probe has no [DOMAIN_EXPIRATION]",
    ],
    [
      "[DNS_RCODE] on an http probe",
      { type: "http", url: "https://example.test/", conditions: ["[DNS_RCODE] == NOERROR"] },
      "a http probe has no [DNS_RCODE]",
    ],
    [
      "[DOMAIN_EXPIRATION] on an http probe to an IP address",
      { type: "http", url: "http://127.0.0.1:8080/", conditions: ["[DOMAIN_EXPIRATION] > 720h"] },
      'conditions[0]: "[DOMAIN_EXPIRATION] > 720h": 127.0.0.1 is an IP address',
    ],
    [
      "[DOMAIN_EXPIRATION] on a single-label host",
      { type: "http", url: "http://localhost:8080/", conditions: ["[DOMAIN_EXPIRATION] > 720h"] },
      "localhost is not a registrable domain name",
    ],
    [
      "[DOMAIN_EXPIRATION] on a dns probe asking about an address",
      { ...dnsProbe, dns: { queryName: "127.0.0.1", queryType: "A" }, conditions: ["[DOMAIN_EXPIRATION] > 1h"] },
      "127.0.0.1 is an IP address",
    ],
    [
      "a misspelt response code",
      { ...dnsProbe, conditions: ["[DNS_RCODE] == NOERORR"] },
      'conditions[0]: "[DNS_RCODE] == NOERORR" at column 16: NOERORR is not a DNS response code (NOERROR, FORMERR',
    ],
    [
      "a response code in lower case (never equal to what the server sends)",
      { ...dnsProbe, conditions: ["[DNS_RCODE] != any(NOERROR, nxdomain)"] },
      "at column 16: nxdomain is not a DNS response code",
    ],
    ["an RDAP URL that is not http(s)", { ...dnsProbe, rdapUrl: "ftp://rdap.test" }, ".rdapUrl"],
  ])("%s is a config error naming the field", (_what, probe, expected) => {
    const { text, index } = withProbe(probe);
    const problems = problemsOf(text).join("\n");
    expect(problems).toContain(`probes[${index}]`);
    expect(problems).toContain(expected);
  });
});
