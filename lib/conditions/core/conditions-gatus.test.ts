import { describe, expect, it } from "vitest";
import { evaluateCondition } from "./evaluate";
import type { ConditionContext } from "./placeholders";
import { parseCondition } from "./parse";
import { probeTypeNamed } from "@/lib/config/core/probe-kinds";

/**
 * The condition examples of Gatus's documentation (its README's "Conditions" table), each with a
 * passing and a failing input, so a Gatus user who moves a config over gets Gatus's answers.
 * [DNS_RCODE] and [DOMAIN_EXPIRATION] are refused at load on probe types that cannot measure them.
 */
const base: ConditionContext = { connected: true, status: 200, responseTimeMs: 100 };
const body = (b: unknown): ConditionContext => ({ ...base, body: typeof b === "string" ? b : JSON.stringify(b) });

const table: [condition: string, passing: ConditionContext[], failing: ConditionContext[]][] = [
  [
    "[STATUS] == 200",
    [{ ...base, status: 200 }],
    [
      { ...base, status: 201 },
      { ...base, status: 404 },
    ],
  ],
  [
    "[STATUS] < 300",
    [200, 201, 299].map((status) => ({ ...base, status })),
    [301, 302].map((status) => ({ ...base, status })),
  ],
  [
    "[STATUS] <= 299",
    [200, 201, 299].map((status) => ({ ...base, status })),
    [301, 302].map((status) => ({ ...base, status })),
  ],
  [
    "[STATUS] > 400",
    [401, 402, 403, 404].map((status) => ({ ...base, status })),
    [400, 200].map((status) => ({ ...base, status })),
  ],
  [
    "[STATUS] == any(200, 429)",
    [200, 429].map((status) => ({ ...base, status })),
    [201, 400].map((status) => ({ ...base, status })),
  ],
  ["[CONNECTED] == true", [{ ...base, connected: true }], [{ ...base, connected: false }]],
  [
    "[RESPONSE_TIME] < 500",
    [{ ...base, responseTimeMs: 499 }],
    [
      { ...base, responseTimeMs: 500 },
      { ...base, responseTimeMs: 501 },
    ],
  ],
  ["[IP] == 127.0.0.1", [{ ...base, ip: "127.0.0.1" }], [{ ...base, ip: "0.0.0.0" }]],
  ["[BODY] == 1", [body("1")], [body({})]],
  ["[BODY].user.name == john", [body({ user: { name: "john" } })], [body({ user: { name: "jane" } })]],
  ["[BODY].data[0].id == 1", [body({ data: [{ id: 1 }] })], [body({ data: [{ id: 2 }] })]],
  ["[BODY].age == [BODY].id", [body({ age: 1, id: 1 })], [body({ age: 1, id: 2 })]],
  ["len([BODY].data) < 5", [body({ data: [{ id: 1 }] })], [body({ data: [1, 2, 3, 4, 5] })]],
  ["len([BODY].name) == 8", [body({ name: "john.doe" })], [body({ name: "bob" })]],
  ["has([BODY].errors) == false", [body({})], [body({ errors: [] })]],
  ["[BODY].name == pat(john*)", [body({ name: "john.doe" })], [body({ name: "bob" })]],
  ["[BODY].id == any(1, 2)", [body({ id: 1 }), body({ id: 2 })], [body({ id: 3 })]],
  [
    "[CERTIFICATE_EXPIRATION] > 48h",
    [{ ...base, certificateExpirationMs: 49 * 3_600_000 }],
    [{ ...base, certificateExpirationMs: 47 * 3_600_000 }],
  ],
  // What the issue found missing: functions on the left, placeholders on the right, arrays by items.
  ["any(200, 429) == [STATUS]", [{ ...base, status: 429 }], [{ ...base, status: 500 }]],
  ["pat(*ok*) == [BODY]", [body("all ok")], [body("failed")]],
  [
    "[STATUS] == [BODY].status",
    [{ ...body({ status: 200 }), status: 200 }],
    [{ ...body({ status: 503 }), status: 200 }],
  ],
  ["len([BODY]) == 3", [body([1, 2, 3])], [body([1, 2])]],
  ["len([BODY]) == 4", [body("pong")], [body("ping!")]],
  [
    "[HEADERS].content-type == pat(application/json*)",
    [{ ...base, headers: { "content-type": "application/json; charset=utf-8" } }],
    [
      { ...base, headers: { "content-type": "text/html" } },
      { ...base, headers: {} },
    ],
  ],
  [
    "[RESPONSE_TIME] > [BODY].limit",
    [{ ...body({ limit: 50 }), responseTimeMs: 60 }],
    [{ ...body({ limit: 500 }), responseTimeMs: 60 }, body({})],
  ],
  ["[DNS_RCODE] == NOERROR", [{ ...base, dnsRcode: "NOERROR" }], [{ ...base, dnsRcode: "NXDOMAIN" }]],
  [
    "[DOMAIN_EXPIRATION] > 720h",
    [{ ...base, domainExpirationMs: 721 * 3_600_000 }],
    [{ ...base, domainExpirationMs: 719 * 3_600_000 }],
  ],
];

describe("conditions: Gatus's documented examples", () => {
  it.each(table)("%s", (text, passing, failing) => {
    const parsed = parseCondition(text);
    expect(parsed.ok, parsed.ok ? "" : parsed.error).toBe(true);
    if (!parsed.ok) return;
    for (const ctx of passing) expect(evaluateCondition(parsed.condition, ctx).passed, JSON.stringify(ctx)).toBe(true);
    for (const ctx of failing) expect(evaluateCondition(parsed.condition, ctx).passed, JSON.stringify(ctx)).toBe(false);
  });

  it.each([
    ["[DNS_RCODE] == NOERROR", "http", "a http probe has no [DNS_RCODE]"],
    ["[DOMAIN_EXPIRATION] > 720h", "tcp", "a tcp probe has no [DOMAIN_EXPIRATION]"],
  ] as const)("%s is refused at load on a %s probe, never compared as text", (text, type, error) => {
    const parsed = parseCondition(text, probeTypeNamed(type));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
  });

  it("shows both measured values when a placeholder is on each side", () => {
    const parsed = parseCondition("[BODY].age == [BODY].id");
    if (!parsed.ok) throw new Error(parsed.error);
    expect(evaluateCondition(parsed.condition, body({ age: 1, id: 2 })).value).toBe("1 vs 2");
  });

  it("a header name is matched without regard to case", () => {
    const parsed = parseCondition("[HEADERS].X-Request-Id == abc");
    if (!parsed.ok) throw new Error(parsed.error);
    expect(evaluateCondition(parsed.condition, { ...base, headers: { "x-request-id": "abc" } }).passed).toBe(true);
  });

  it("a header the attempt never received is absent; before the response it is not measured", () => {
    const parsed = parseCondition("[HEADERS].etag == x");
    if (!parsed.ok) throw new Error(parsed.error);
    expect(evaluateCondition(parsed.condition, { ...base, headers: {} })).toMatchObject({
      passed: false,
      value: "(absent)",
    });
    expect(evaluateCondition(parsed.condition, { connected: false })).toMatchObject({ passed: null });
  });
});
