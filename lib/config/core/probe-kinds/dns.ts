import { z } from "zod";
import { CONNECT_PHASES, defineProbeType, probeBase, rdapUrl } from "./base";

export const DNS_QUERY_TYPES = ["A", "AAAA", "CNAME", "MX", "NS", "TXT", "SRV", "PTR"] as const;

const dnsName = z
  .string()
  .max(254)
  .regex(
    /^(?!-)[A-Za-z0-9_-]{1,63}(?:\.[A-Za-z0-9_-]{1,63})*\.?$/,
    "must be a domain name such as example.com (labels of letters, digits, - and _)",
  );

/** One DNS query to one nameserver over UDP, like Gatus's `dns:` endpoints; judged on [DNS_RCODE] and [BODY]. */
export const dnsProbeType = defineProbeType({
  type: "dns",
  placeholders: ["RESPONSE_TIME", "BODY", "CONNECTED", "IP", "DNS_RCODE", "DOMAIN_EXPIRATION"],
  config: (conditions) =>
    z.strictObject({
      ...probeBase,
      type: z.literal("dns"),
      conditions,
      /** The nameserver. */
      host: z.string().min(1),
      port: z.coerce.number().int().min(1).max(65_535).default(53),
      dns: z.strictObject({ queryName: dnsName, queryType: z.enum(DNS_QUERY_TYPES) }),
      rdapUrl,
    }),
  defaults: ["[DNS_RCODE] == NOERROR"],
  phases: { dns: CONNECT_PHASES.dns },
  describeTarget: (p) => `${p.dns.queryType} ${p.dns.queryName} @ ${p.host}:${p.port}`,
  expiryHost: (p) => p.dns.queryName,
});
