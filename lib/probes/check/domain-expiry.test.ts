import dgram from "node:dgram";
import http from "node:http";
import * as dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Measured } from "./attempt";
import { domainExpiry, recordDomainExpiry, startDomainExpiry } from "./domain-expiry";
import { expiryDomainOf, rdapCandidates } from "@/lib/config/core/probe-kinds/expiry-domain";
import { runProbe } from "./run-probe";
import { closeAll, closedPort, listen, probeConfig, track } from "@/lib/probes/testing";

const HOUR = 3_600_000;
const secrets = { pgUser: "postgres" };

/**
 * An RDAP server stand-in on loopback (RFC 9083 domain objects), counting the requests per name
 * so the tests see the cache and the walk up to the registered domain.
 */
const inDays = (days: number) => new Date(Date.now() + days * 24 * HOUR).toISOString();
const domains: Record<string, () => { status: number; body: string }> = {
  "example.test": () => ({
    status: 200,
    body: JSON.stringify({
      objectClassName: "domain",
      ldhName: "example.test",
      events: [
        { eventAction: "registration", eventDate: "2001-01-01T00:00:00Z" },
        { eventAction: "expiration", eventDate: inDays(40) },
      ],
    }),
  }),
  "soon.test": () => ({
    status: 200,
    body: JSON.stringify({ events: [{ eventAction: "expiration", eventDate: inDays(10) }] }),
  }),
  "noexp.test": () => ({
    status: 200,
    body: JSON.stringify({ events: [{ eventAction: "registration", eventDate: "2001-01-01T00:00:00Z" }] }),
  }),
  "down.test": () => ({ status: 503, body: "" }),
  "junk.test": () => ({ status: 200, body: "<html>not rdap</html>" }),
};
const requests: string[] = [];
let rdap: http.Server;
let rdapSockets: ReturnType<typeof track>;
let rdapOrigin = "";
let rdapUrl = "";

let silent: http.Server;
let silentSockets: ReturnType<typeof track>;
let silentUrl = "";

let nameserver: dgram.Socket;
let nsPort = 0;

beforeAll(async () => {
  rdap = http.createServer((req, res) => {
    // Any base path: a test that needs an empty cache uses a base URL of its own.
    const name = /\/domain\/([^/?]+)$/.exec(req.url ?? "")?.[1] ?? "";
    requests.push(name);
    const answer = domains[name]?.() ?? { status: 404, body: JSON.stringify({ errorCode: 404 }) };
    res.writeHead(answer.status, { "content-type": "application/rdap+json" }).end(answer.body);
  });
  rdapSockets = track(rdap);
  rdapOrigin = `http://127.0.0.1:${await listen(rdap)}`;
  rdapUrl = `${rdapOrigin}/rdap/`;
  silent = http.createServer(() => {});
  silentSockets = track(silent);
  silentUrl = `http://127.0.0.1:${await listen(silent)}`;
  // The DNS probes only need an answer; what they are judged on here is the domain's expiry.
  nameserver = dgram.createSocket("udp4");
  nameserver.on("message", (msg, peer) => {
    const q = dnsPacket.decode(msg);
    const reply = dnsPacket.encode({
      type: "response",
      id: q.id,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: q.questions,
      answers: [{ type: "A", name: q.questions?.[0]?.name ?? "", data: "127.0.0.1" }],
    });
    nameserver.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => nameserver.bind(0, "127.0.0.1", resolve));
  nsPort = nameserver.address().port;
});
afterAll(async () => {
  await closeAll(rdap, rdapSockets);
  await closeAll(silent, silentSockets);
  await new Promise<void>((resolve) => nameserver.close(resolve));
});

const dnsProbe = (queryName: string, conditions: string[], url = rdapUrl) =>
  probeConfig({
    type: "dns",
    host: "127.0.0.1",
    port: nsPort,
    dns: { queryName, queryType: "A" },
    rdapUrl: url,
    timeoutMs: 1_000,
    conditions,
  });

describe("the domain a probe's [DOMAIN_EXPIRATION] is about", () => {
  it.each([
    ["Example.TEST.", "example.test"],
    ["api.staging.example.test", "api.staging.example.test"],
    ["_http._tcp.example.test", "_http._tcp.example.test"],
  ])("%s → %s", (host, domain) => expect(expiryDomainOf(host)).toEqual({ ok: true, domain }));

  it.each([
    ["127.0.0.1", "is an IP address"],
    ["[::1]", "is an IP address"],
    ["localhost", "is not a registrable domain name"],
    ["bad..name", "is not a registrable domain name"],
  ])("%s is refused: %s", (host, reason) => {
    const got = expiryDomainOf(host);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.reason).toContain(reason);
  });

  it("asks for the longest name first, down to two labels", () =>
    expect(rdapCandidates("a.b.example.test")).toEqual(["a.b.example.test", "b.example.test", "example.test"]));
});

describe("[DOMAIN_EXPIRATION] from RDAP", () => {
  it("a dns probe gets the time left on its query name's registration", async () => {
    const r = await runProbe(
      dnsProbe("example.test", ["[DNS_RCODE] == NOERROR", "[DOMAIN_EXPIRATION] > 720h"]),
      secrets,
    );
    expect(r).toMatchObject({ status: "up" });
    const c = r.conditions[1];
    expect(c).toMatchObject({ passed: true, soft: true });
    // 960 h left, less the moments the test has run, shown as a duration (lib/core/format.ts).
    expect(c?.value).toMatch(/^(39 d 23 h|40 d)$/);
    expect(r.details.domainExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("a registration that expires soon makes the probe degraded, not down", async () => {
    const r = await runProbe(dnsProbe("www.soon.test", ["[DOMAIN_EXPIRATION] > 720h"]), secrets);
    expect(r).toMatchObject({ status: "degraded", errorClass: "conditions" });
    expect(r.conditions[0]).toMatchObject({ passed: false, soft: true });
    expect(r.conditions[0]?.value).toMatch(/^(9 d 23 h|10 d)$/);
  });

  it("walks up from a host name to the registered domain", async () => {
    requests.length = 0;
    const got = await domainExpiry("api.staging.example.test", rdapUrl, 1_000);
    expect(got).toMatchObject({ ok: true, domain: "example.test" });
    expect(requests).toEqual(["api.staging.example.test", "staging.example.test", "example.test"]);
  });

  it("asks RDAP once per domain: concurrent and later lookups share the answer", async () => {
    const url = `${rdapOrigin}/cache-test`;
    requests.length = 0;
    const concurrent = await Promise.all([1, 2, 3].map(() => domainExpiry("example.test", url, 1_000)));
    expect(concurrent.every((a) => a.ok)).toBe(true);
    expect(requests).toEqual(["example.test"]);
    expect(await domainExpiry("example.test", url, 1_000)).toEqual(concurrent[0]);
    expect(requests).toEqual(["example.test"]);
  });

  it("an http probe's domain is its URL's host", async () => {
    const cfg = probeConfig({
      type: "http",
      url: "https://api.example.test/health",
      rdapUrl,
      conditions: ["[DOMAIN_EXPIRATION] > 720h"],
    });
    const got = await startDomainExpiry(cfg, cfg.conditions);
    expect(got).toMatchObject({ ok: true, domain: "example.test" });
    const statusOnly = probeConfig({
      type: "http",
      url: "https://api.example.test/health",
      conditions: ["[STATUS] == 200"],
    });
    expect(startDomainExpiry(statusOnly, statusOnly.conditions)).toBeNull();
  });

  it.each([
    ["noexp.test", "RDAP gives no expiration date for noexp.test"],
    ["down.test", "answered HTTP 503 for down.test"],
    ["junk.test", "RDAP's answer for junk.test is not a domain object"],
    ["nowhere.test", "no registry knows nowhere.test (RDAP answered 404 for nowhere.test)"],
  ])("%s: the lookup fails with its cause", async (domain, error) => {
    const got = await domainExpiry(domain, rdapUrl, 1_000);
    expect(got).toEqual({ ok: false, domain, error: expect.stringContaining(error) as string });
  });

  it("an unreachable RDAP server leaves the condition unmeasured with its cause, never passed", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const r = await runProbe(dnsProbe("example.test", ["[DOMAIN_EXPIRATION] > 720h"], url), secrets);
    expect(r.status).toBe("degraded");
    expect(r.conditions[0]).toMatchObject({ passed: null, value: null, soft: true });
    expect(r.conditions[0]?.error).toContain(`domain expiration unknown: RDAP at ${url} is unreachable`);
    expect(r.details.domainExpiration).toContain("is unreachable");
    expect(r.errorMessage).toBe(
      `Condition failed: [DOMAIN_EXPIRATION] > 720h (${r.conditions[0]?.error ?? "the cause is missing"})`,
    );
  });

  it("a silent RDAP server is given up on at the probe's timeout", async () => {
    const started = Date.now();
    const got = await domainExpiry("example.test", silentUrl, 300);
    expect(Date.now() - started).toBeLessThan(800);
    expect(got).toMatchObject({ ok: false, error: `RDAP at ${silentUrl} is unreachable (no answer in time)` });
  });

  it("records the time left against the clock it is given", () => {
    const m: Measured = { ctx: { connected: true }, details: {} };
    recordDomainExpiry({ ok: true, domain: "example.test", expiresAt: 10 * HOUR }, m, 4 * HOUR);
    expect(m.ctx.domainExpirationMs).toBe(6 * HOUR);
    expect(m.details.domainExpiresAt).toBe(new Date(10 * HOUR).toISOString());
  });
});
