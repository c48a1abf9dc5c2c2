/**
 * DNS response codes by the names Gatus's [DNS_RCODE] uses (miekg/dns's RcodeToString, the same
 * as dns-packet's for 0–10). A leaf module: the condition parser (parse.ts) checks
 * literals against it at config load.
 */
export const DNS_RCODES = [
  "NOERROR",
  "FORMERR",
  "SERVFAIL",
  "NXDOMAIN",
  "NOTIMP",
  "REFUSED",
  "YXDOMAIN",
  "YXRRSET",
  "NXRRSET",
  "NOTAUTH",
  "NOTZONE",
] as const;
