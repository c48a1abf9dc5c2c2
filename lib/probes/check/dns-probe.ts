import type { Answer } from "dns-packet";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import type { Measured, ProbeAttempt, Timeline } from "./attempt";
import { queryDns } from "./dns-query";

export type DnsProbeConfig = Extract<ProbeConfig, { type: "dns" }>;

/** Names as Gatus shows them (miekg/dns): fully qualified, with the trailing dot. */
const fqdn = (name: string) => (name.endsWith(".") ? name : `${name}.`);

function textOf(data: string | Buffer | (string | Buffer)[]): string {
  return (Array.isArray(data) ? data : [data]).map((d) => (typeof d === "string" ? d : d.toString("utf8"))).join("");
}

/**
 * One answer record as [BODY] text, the way Gatus writes it for the types it knows (address,
 * target name, MX exchange); TXT (its strings joined), SRV ("priority weight port target") and
 * PTR are Stagewatch's additions. Other record types (a DNSSEC signature, say) give null.
 */
export function answerText(a: Answer): string | null {
  switch (a.type) {
    case "A":
    case "AAAA":
      return a.data;
    case "CNAME":
    case "NS":
    case "PTR":
      return fqdn(a.data);
    case "MX":
      return fqdn(a.data.exchange);
    case "SRV":
      return `${a.data.priority ?? 0} ${a.data.weight ?? 0} ${a.data.port} ${fqdn(a.data.target)}`;
    case "TXT":
      return textOf(a.data);
    default:
      return null;
  }
}

/**
 * DNS: ask the nameserver one question and keep what it said. An answer with any response code is
 * a completed attempt (the conditions judge [DNS_RCODE]); no answer at all is a failure. As in
 * Gatus, [BODY] is the last answer record's data (the address at the end of a CNAME chain), ""
 * when the answer section is empty.
 */
export async function runDns(cfg: DnsProbeConfig, t: Timeline, m: Measured, signal: AbortSignal): Promise<void> {
  t.begin("dns");
  const res = await queryDns(
    { host: cfg.host, port: cfg.port },
    { name: cfg.dns.queryName, type: cfg.dns.queryType },
    signal,
  );
  t.end();
  const texts = res.answers.map(answerText).filter((x): x is string => x !== null);
  m.ctx.connected = true;
  m.ctx.ip = res.from;
  m.ctx.dnsRcode = res.rcode;
  m.ctx.body = texts.at(-1) ?? "";
  m.details.rcode = res.rcode;
  m.details.answers = res.answers.length;
  m.details.nameserver = `${res.from}:${cfg.port}`;
  if (texts.length > 1) m.details.answerData = texts.join(", ").slice(0, 500);
  if (res.truncated) m.details.truncated = true;
}

export const dnsAttempt: ProbeAttempt<DnsProbeConfig> = {
  run: (cfg, t, m, signal) => runDns(cfg, t, m, signal),
  host: (cfg) => cfg.host,
};
