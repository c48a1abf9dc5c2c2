import dgram from "node:dgram";
import * as dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerText } from "./dns-probe";
import { runProbe } from "./run-probe";
import { phaseNames, probeConfig } from "@/lib/probes/testing";

const secrets = { pgUser: "postgres" };

/**
 * A nameserver stand-in on loopback: a real UDP socket speaking DNS, whose behaviour the query
 * name picks. It keeps the questions it was asked, so the tests see what went on the wire.
 */
type Reply = { rcode?: number; answers?: dnsPacket.Answer[] } | "silent" | "garbled" | "stray-first";
const NOERROR = 0;
const SERVFAIL = 2;
const NXDOMAIN = 3;
const REFUSED = 5;
const replies: Record<string, Reply> = {
  "ok.test": {
    answers: [
      { type: "A", name: "ok.test", ttl: 60, data: "127.0.0.1" },
      { type: "A", name: "ok.test", ttl: 60, data: "127.0.0.2" },
    ],
  },
  "alias.test": {
    answers: [
      { type: "CNAME", name: "alias.test", ttl: 60, data: "target.test" },
      { type: "A", name: "target.test", ttl: 60, data: "127.0.0.9" },
    ],
  },
  "empty.test": { answers: [] },
  "missing.test": { rcode: NXDOMAIN },
  "broken.test": { rcode: SERVFAIL },
  "private.test": { rcode: REFUSED },
  "silent.test": "silent",
  "garbled.test": "garbled",
  "stray.test": "stray-first",
};
const asked: dnsPacket.DecodedPacket[] = [];
let server: dgram.Socket;
let port = 0;

function answer(query: dnsPacket.DecodedPacket, reply: Exclude<Reply, string>, id = query.id): Buffer {
  return dnsPacket.encode({
    type: "response",
    id,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (reply.rcode ?? NOERROR),
    questions: query.questions,
    answers: reply.answers ?? [],
  });
}

beforeAll(async () => {
  server = dgram.createSocket("udp4");
  server.on("message", (msg, peer) => {
    const query = dnsPacket.decode(msg);
    asked.push(query);
    const reply = replies[query.questions?.[0]?.name ?? ""] ?? { rcode: NXDOMAIN };
    const send = (buf: Buffer) => server.send(buf, peer.port, peer.address);
    if (reply === "silent") return;
    if (reply === "garbled") return send(Buffer.concat([msg.subarray(0, 2), Buffer.from([0x81, 0x80, 0, 1, 0, 1])]));
    if (reply === "stray-first") {
      // Somebody else's late answer arrives first; the probe must wait for its own id.
      send(
        answer(
          query,
          { answers: [{ type: "A", name: "stray.test", data: "127.0.0.66" }] },
          ((query.id ?? 0) + 1) % 65_536,
        ),
      );
      return send(answer(query, { answers: [{ type: "A", name: "stray.test", data: "127.0.0.7" }] }));
    }
    send(answer(query, reply));
  });
  await new Promise<void>((resolve) => server.bind(0, "127.0.0.1", resolve));
  port = server.address().port;
});
afterAll(() => new Promise<void>((resolve) => server.close(resolve)));

const dns = (queryName: string, extra: Record<string, unknown> = {}, queryType = "A") =>
  probeConfig({ type: "dns", host: "127.0.0.1", port, dns: { queryName, queryType }, timeoutMs: 1_000, ...extra });

/** A UDP port nothing listens on (bound, then released): the kernel answers with port unreachable. */
async function closedUdpPort(): Promise<number> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => s.bind(0, "127.0.0.1", resolve));
  const p = s.address().port;
  await new Promise<void>((resolve) => s.close(resolve));
  return p;
}

describe("DNS probe", () => {
  it("asks the nameserver, and [BODY] is the last answer's data as in Gatus", async () => {
    const r = await runProbe(
      dns("ok.test", {
        conditions: [
          "[DNS_RCODE] == NOERROR",
          "[BODY] == 127.0.0.2",
          "[CONNECTED] == true",
          "[RESPONSE_TIME] < 1000",
          "[IP] == 127.0.0.1",
        ],
      }),
      secrets,
    );
    expect(r).toMatchObject({ type: "dns", status: "up", errorClass: null, failedPhase: null });
    expect(r.conditions.map((c) => [c.condition, c.passed])).toEqual([
      ["[DNS_RCODE] == NOERROR", true],
      ["[BODY] == 127.0.0.2", true],
      ["[CONNECTED] == true", true],
      ["[RESPONSE_TIME] < 1000", true],
      ["[IP] == 127.0.0.1", true],
    ]);
    expect(phaseNames(r)).toEqual(["dns", "total"]);
    expect(r.details).toMatchObject({ rcode: "NOERROR", answers: 2, answerData: "127.0.0.1, 127.0.0.2" });
  });

  it("puts the question on the wire as configured, asking for recursion", async () => {
    await runProbe(dns("ok.test.", {}, "MX"), secrets);
    const last = asked.at(-1);
    expect(last?.questions).toEqual([{ name: "ok.test", type: "MX", class: "IN" }]);
    expect(last?.flag_rd).toBe(true);
  });

  it("a nameserver given by name is looked up first (localhost, from the hosts file)", async () => {
    const r = await runProbe(dns("ok.test", { host: "localhost" }), secrets);
    expect(r).toMatchObject({ status: "up" });
    expect(r.details.nameserver).toBe(`127.0.0.1:${port}`);
  });

  it("follows a CNAME chain to its address, like Gatus", async () => {
    const r = await runProbe(dns("alias.test", { conditions: ["[BODY] == 127.0.0.9"] }), secrets);
    expect(r).toMatchObject({ status: "up" });
  });

  it("an empty answer is NOERROR with an empty [BODY]", async () => {
    const r = await runProbe(dns("empty.test", { conditions: ['[BODY] == ""', "len([BODY]) == 0"] }), secrets);
    expect(r).toMatchObject({ status: "up" });
    expect(r.details).toMatchObject({ rcode: "NOERROR", answers: 0 });
  });

  it.each([
    ["missing.test", "NXDOMAIN"],
    ["broken.test", "SERVFAIL"],
    ["private.test", "REFUSED"],
  ])("%s answers %s: by default the probe is down on that condition", async (name, rcode) => {
    const r = await runProbe(dns(name), secrets);
    expect(r).toMatchObject({ status: "down", errorClass: "conditions", failedPhase: null });
    expect(r.conditions).toEqual([
      { condition: "[DNS_RCODE] == NOERROR", passed: false, value: JSON.stringify(rcode), soft: false },
    ]);
    expect(r.errorMessage).toContain(rcode);
  });

  it("a condition may expect a name not to exist", async () => {
    const r = await runProbe(dns("missing.test", { conditions: ["[DNS_RCODE] == NXDOMAIN"] }), secrets);
    expect(r).toMatchObject({ status: "up" });
  });

  it("a silent nameserver times out in the dns phase, within timeout + 100 ms", async () => {
    const started = Date.now();
    const r = await runProbe(dns("silent.test", { timeoutMs: 400 }), secrets);
    expect(Date.now() - started).toBeLessThan(500);
    expect(r).toMatchObject({ status: "down", errorClass: "timeout", failedPhase: "dns" });
    expect(r.conditions[0]).toMatchObject({ condition: "[DNS_RCODE] == NOERROR", passed: null });
  });

  it("waits for the answer to its own query id, ignoring a stray one", async () => {
    const r = await runProbe(dns("stray.test", { conditions: ["[BODY] == 127.0.0.7"] }), secrets);
    expect(r).toMatchObject({ status: "up" });
  });

  it("an answer that is not a DNS message is a dns failure, not a pass", async () => {
    const r = await runProbe(dns("garbled.test"), secrets);
    expect(r).toMatchObject({ status: "down", errorClass: "dns", failedPhase: "dns" });
    expect(r.errorMessage).toContain("not a valid DNS message");
  });

  it("nothing listening on a loopback port is missing", async () => {
    const r = await runProbe(
      probeConfig({
        type: "dns",
        host: "127.0.0.1",
        port: await closedUdpPort(),
        dns: { queryName: "ok.test", queryType: "A" },
      }),
      secrets,
    );
    expect(r).toMatchObject({ status: "missing", errorClass: "refused", failedPhase: "dns" });
  });
});

describe("answer data as [BODY] text", () => {
  it.each<[dnsPacket.Answer, string | null]>([
    [{ type: "A", name: "a", data: "127.0.0.1" }, "127.0.0.1"],
    [{ type: "AAAA", name: "a", data: "::1" }, "::1"],
    [{ type: "CNAME", name: "a", data: "target.test" }, "target.test."],
    [{ type: "NS", name: "a", data: "ns1.test" }, "ns1.test."],
    [{ type: "PTR", name: "a", data: "localhost" }, "localhost."],
    [{ type: "MX", name: "a", data: { preference: 10, exchange: "mail.test" } }, "mail.test."],
    [{ type: "TXT", name: "a", data: [Buffer.from("v=spf1 "), Buffer.from("-all")] }, "v=spf1 -all"],
    [
      { type: "SRV", name: "a", data: { priority: 10, weight: 5, port: 8080, target: "svc.test" } },
      "10 5 8080 svc.test.",
    ],
    [{ type: "SOA", name: "a", data: { mname: "ns.test", rname: "admin.test" } }, null],
  ])("%j → %s", (a, text) => expect(answerText(a)).toBe(text));

  it("each query type's answer survives the wire", async () => {
    replies["mx.test"] = { answers: [{ type: "MX", name: "mx.test", data: { preference: 5, exchange: "mail.test" } }] };
    replies["txt.test"] = { answers: [{ type: "TXT", name: "txt.test", data: "hello world" }] };
    const mx = await runProbe(dns("mx.test", { conditions: ["[BODY] == mail.test."] }, "MX"), secrets);
    const txt = await runProbe(dns("txt.test", { conditions: ['[BODY] == "hello world"'] }, "TXT"), secrets);
    expect([mx.status, txt.status]).toEqual(["up", "up"]);
  });
});
