import { describe, expect, it } from "vitest";
import { evaluateCondition } from "./evaluate";
import type { ConditionContext } from "./placeholders";
import { parseCondition } from "./parse";
import { probeTypeNamed } from "@/lib/config/core/probe-kinds";

const http: ConditionContext = {
  connected: true,
  status: 200,
  responseTimeMs: 183.4,
  body: JSON.stringify({ status: "UP", items: [{ name: "a" }, { name: "b" }], count: 7, text: "all ok here" }),
  certificateExpirationMs: 72 * 3_600_000,
};

function run(text: string, ctx: ConditionContext = http) {
  const parsed = parseCondition(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return evaluateCondition(parsed.condition, ctx);
}

describe("conditions: evaluation", () => {
  it.each([
    ["[STATUS] == 200", true, "200"],
    ["[STATUS] != 200", false, "200"],
    ["[STATUS] == any(200, 204)", true, "200"],
    ["[STATUS] == any(500, 503)", false, "200"],
    ["[STATUS] < 400", true, "200"],
    ["[RESPONSE_TIME] < 300", true, "183 ms"],
    ["[RESPONSE_TIME] < 100ms", false, "183 ms"],
    ["[RESPONSE_TIME] <= 1s", true, "183 ms"],
    ['[BODY].status == "UP"', true, '"UP"'],
    ["[BODY].status == UP", true, '"UP"'],
    ['[BODY].status == "DOWN"', false, '"UP"'],
    ["[BODY].items[1].name == b", true, '"b"'],
    ["[BODY].count >= 7", true, "7"],
    ["[BODY].count > 7", false, "7"],
    ["[BODY].missing == x", false, "(absent)"],
    ["[BODY].missing != x", true, "(absent)"],
    ["len([BODY].items) == 2", true, "2"],
    ["has([BODY].status) == true", true, "true"],
    ["has([BODY].nope) == true", false, "false"],
    ["[BODY] == pat(*all ok*)", true, undefined],
    ["[BODY] == pat(*broken*)", false, undefined],
    ["[BODY] != pat(*broken*)", true, undefined],
    ["[CERTIFICATE_EXPIRATION] > 48h", true, "3 d"],
    ["[CERTIFICATE_EXPIRATION] > 96h", false, "3 d"],
    ["[CONNECTED] == true", true, "true"],
  ])("%s → %s", (text, passed, value) => {
    const r = run(text);
    expect(r.passed).toBe(passed);
    if (value !== undefined) expect(r.value).toBe(value);
  });

  it("plain text bodies work for pat() and fail field lookups instead of throwing", () => {
    const ctx: ConditionContext = { connected: true, status: 200, responseTimeMs: 5, body: "pong" };
    expect(run("[BODY] == pong", ctx).passed).toBe(true);
    expect(run("[BODY].status == UP", ctx)).toMatchObject({ passed: false, value: "(absent)" });
  });

  it("a value the attempt never reached is not evaluated (null), never passed", () => {
    const r = run("[STATUS] == 200", { connected: false, responseTimeMs: 12 });
    expect(r).toMatchObject({ passed: null, value: null });
    expect(run("[CONNECTED] == true", { connected: false }).passed).toBe(false);
  });

  it("marks latency and certificate conditions soft (degraded), others hard", () => {
    expect(run("[RESPONSE_TIME] < 300").soft).toBe(true);
    expect(run("[CERTIFICATE_EXPIRATION] > 48h").soft).toBe(true);
    expect(run("[STATUS] == 200").soft).toBe(false);
  });
});

describe("conditions: parse errors name the problem", () => {
  it.each([
    ["[STATUS] 200", "expected a comparison"],
    ["[STATUS] ==", "nothing after =="],
    ["STATUS == 200", "one side must be a placeholder"],
    ["200 == any(200, 204)", "one side must be a placeholder"],
    ["[STATUS] == [STATSU]", "unknown placeholder [STATSU]"],
    ["pat(*a*) == any(1)", "one side must be a placeholder"],
    ["len(200) == 3", "len() takes a placeholder"],
    ["[HEADERS] == x", "needs a header name"],
    ["== 200", "nothing before =="],
    ["[LATENCY] < 3", "unknown placeholder [LATENCY]"],
    ["[STATUS].code == 1", "only [BODY] and [HEADERS] have fields"],
    ["[BODY]..x == 1", "bad path"],
    ["[BODY] < pat(*x*)", "only work with == and !="],
    ["[RESPONSE_TIME] < fast", "needs a number or a duration"],
    ["fast > [RESPONSE_TIME]", "needs a number or a duration"],
    ["any(200, 429) < [STATUS]", "only work with == and !="],
  ])("%s", (text, message) => {
    const r = parseCondition(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("checks that the probe type supplies the placeholder", () => {
    const r = parseCondition("[STATUS] == 200", probeTypeNamed("tcp"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("a tcp probe has no [STATUS]");
    expect(parseCondition("[BODY].type == connected", probeTypeNamed("websocket")).ok).toBe(true);
    // A placeholder on the right is checked too.
    const right = parseCondition("200 == [STATUS]", probeTypeNamed("tcp"));
    expect(!right.ok && right.error).toContain("a tcp probe has no [STATUS]");
    expect(parseCondition("[IP] == 127.0.0.1", probeTypeNamed("postgres")).ok).toBe(true);
  });

  it("does not split on operators inside quotes", () => {
    const r = parseCondition('[BODY].op == "<="');
    expect(r.ok && r.condition.op === "==" && r.condition.right).toEqual({
      kind: "literal",
      literal: { text: "<=", number: null },
    });
  });
});

describe("conditions: DNS and domain expiry", () => {
  const dns: ConditionContext = { connected: true, responseTimeMs: 4, dnsRcode: "NOERROR", body: "127.0.0.1" };

  it.each([
    ["[DNS_RCODE] == NOERORR", 1, 16, "NOERORR is not a DNS response code (NOERROR, FORMERR"],
    ["[DNS_RCODE] != any(NOERROR, nxdomain)", 1, 16, "nxdomain is not a DNS response code"],
    ["SERVFAIL2 == [DNS_RCODE]", 1, 1, "SERVFAIL2 is not a DNS response code"],
  ])("%s is refused with its line and column", (text, line, column, message) => {
    const r = parseCondition(text, probeTypeNamed("dns"));
    expect(r).toMatchObject({ ok: false, line, column });
    if (!r.ok) expect(r.error).toContain(`${JSON.stringify(text)} at column ${column}: ${message}`);
  });

  it("takes every response code by name, and len() of one as a number", () => {
    expect(run("[DNS_RCODE] == any(NXDOMAIN, SERVFAIL)", { ...dns, dnsRcode: "NXDOMAIN" }).passed).toBe(true);
    expect(run("[DNS_RCODE] == NOERROR", dns)).toMatchObject({ passed: true, value: '"NOERROR"', soft: false });
    expect(parseCondition("len([DNS_RCODE]) == 7", probeTypeNamed("dns")).ok).toBe(true);
  });

  it("supplies [DNS_RCODE] on dns probes only, [DOMAIN_EXPIRATION] on http and dns probes", () => {
    for (const type of ["http", "tcp", "postgres", "websocket"] as const)
      expect(parseCondition("[DNS_RCODE] == NOERROR", probeTypeNamed(type)).ok, type).toBe(false);
    for (const type of ["tcp", "postgres", "websocket"] as const)
      expect(parseCondition("[DOMAIN_EXPIRATION] > 720h", probeTypeNamed(type)).ok, type).toBe(false);
    for (const text of [
      "[DOMAIN_EXPIRATION] > 720h",
      "[BODY] == 127.0.0.1",
      "[IP] == 127.0.0.1",
      "[RESPONSE_TIME] < 50",
    ])
      expect(parseCondition(text, probeTypeNamed("dns")).ok, text).toBe(true);
    expect(parseCondition("[DOMAIN_EXPIRATION] > 720h", probeTypeNamed("http")).ok).toBe(true);
  });

  it("shows the domain's time left in hours and makes its failure soft (degraded)", () => {
    const r = run("[DOMAIN_EXPIRATION] > 720h", { ...dns, domainExpirationMs: 36 * 3_600_000 });
    expect(r).toMatchObject({ passed: false, value: "36 h", soft: true });
  });

  it("a placeholder the attempt could not measure names the cause, never passes", () => {
    const why = "domain expiration unknown: RDAP at https://rdap.test is unreachable";
    expect(run("[DOMAIN_EXPIRATION] > 720h", { ...dns, unmeasured: { DOMAIN_EXPIRATION: why } })).toMatchObject({
      passed: null,
      value: null,
      error: why,
    });
    expect(run("[DOMAIN_EXPIRATION] > 720h", dns).error).toBe("not measured: the attempt failed first");
  });
});
