import { describe, expect, it } from "vitest";
import { PLACEHOLDER_NAMES, parseCondition } from "@/lib/conditions/core";
import { PROBE_PHASES } from "@/lib/criteria/core";
import { PHASE_LABELS, PROBE_KINDS, PROBE_TYPE_DEFS as PROBE_TYPE_LIST, probeSchema, probeTypeNamed } from "./index";

describe("the probe-type registry", () => {
  it("holds each type once, under the name its schema's `type` accepts", () => {
    expect(new Set(PROBE_KINDS).size).toBe(PROBE_KINDS.length);
    for (const t of PROBE_TYPE_LIST) expect(t.schema.shape.type.value).toBe(t.type);
    expect(probeSchema.options.map((o) => o.shape.type.value)).toEqual([...PROBE_KINDS]);
    expect(() => probeTypeNamed("smtp")).toThrow('no probe type "smtp" is registered');
  });

  // The table decision 0017 and docs/probe-conditions.md give: a placeholder a type does not list is refused at load.
  it.each([
    [
      "http",
      ["STATUS", "RESPONSE_TIME", "BODY", "HEADERS", "CERTIFICATE_EXPIRATION", "CONNECTED", "IP", "DOMAIN_EXPIRATION"],
    ],
    ["tcp", ["RESPONSE_TIME", "CONNECTED", "IP"]],
    ["postgres", ["RESPONSE_TIME", "CONNECTED", "IP"]],
    ["websocket", ["RESPONSE_TIME", "BODY", "CONNECTED", "IP"]],
    ["dns", ["RESPONSE_TIME", "BODY", "CONNECTED", "IP", "DNS_RCODE", "DOMAIN_EXPIRATION"]],
    ["browser", []],
  ])("a %s probe's conditions may read exactly %j", (type, offered) => {
    const target = probeTypeNamed(type);
    for (const p of PLACEHOLDER_NAMES) {
      const text = p === "HEADERS" ? "[HEADERS].x == 1" : p === "DNS_RCODE" ? "[DNS_RCODE] == NOERROR" : `[${p}] == 1`;
      const parsed = parseCondition(text, target);
      const refusal = parsed.ok ? null : parsed.error;
      if (offered.includes(p)) expect(refusal, p).toBeNull();
      else expect(refusal, p).toContain(`a ${type} probe has no [${p}]`);
    }
  });

  it("names the host of [DOMAIN_EXPIRATION] exactly for the types that offer it", () => {
    for (const t of PROBE_TYPE_LIST)
      expect(t.expiryHost !== undefined, t.type).toBe(t.placeholders.includes("DOMAIN_EXPIRATION"));
  });

  it("parses each type's default conditions against its own placeholders", () => {
    expect(Object.fromEntries(PROBE_TYPE_LIST.map((t) => [t.type, t.defaultConditions.map((c) => c.text)]))).toEqual({
      http: ["[STATUS] < 400"],
      tcp: ["[CONNECTED] == true"],
      postgres: ["[CONNECTED] == true"],
      websocket: ["[CONNECTED] == true"],
      dns: ["[DNS_RCODE] == NOERROR"],
      browser: [],
    });
  });

  it("labels every phase a type times, as the Probes view always has", () => {
    expect(PHASE_LABELS).toEqual({
      dns: "DNS",
      connect: "Connect",
      tls: "TLS",
      "first-byte": "First byte",
      body: "Body",
      auth: "Auth",
      "first-query": "First query",
      upgrade: "Upgrade",
      "first-message": "First message",
      total: "Total",
    });
    for (const t of PROBE_TYPE_LIST)
      for (const phase of Object.keys(t.phases))
        expect(PHASE_LABELS[phase], `${t.type} ${phase}`).toBe(t.phases[phase]);
  });

  it("lets criteria name every phase a type times (a phase missing there could never be read)", () => {
    const timed = new Set(PROBE_TYPE_LIST.flatMap((t) => Object.keys(t.phases)));
    for (const phase of timed) expect(PROBE_PHASES, phase).toContain(phase);
    expect([...PROBE_PHASES].sort()).toEqual([...timed, "total"].sort());
  });
});
