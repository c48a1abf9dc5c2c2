/** What an attempt measured, as the conditions see it; undefined = this attempt never got that far. */
export interface ConditionContext {
  connected: boolean;
  responseTimeMs?: number;
  status?: number;
  /** Body text (HTTP), first message (WebSocket) or answer data (DNS), already capped. */
  body?: string;
  certificateExpirationMs?: number;
  /** The address the connection went to. */
  ip?: string;
  /** Response headers, names in lower case. */
  headers?: Record<string, string>;
  /** DNS response code by name (NOERROR, NXDOMAIN, SERVFAIL, …). */
  dnsRcode?: string;
  /** Time until the domain's registration expires (RDAP), ms. */
  domainExpirationMs?: number;
  /** Why a placeholder has no value although the attempt got that far (e.g. RDAP unreachable). */
  unmeasured?: Partial<Record<Placeholder, string>>;
}

export interface PlaceholderSpec {
  /** Failing makes the target degraded (slow, expiring), not down. */
  soft: boolean;
  /** What may follow it: nothing, a JSON path (`.items[0].id`) or a header name (`.content-type`). */
  fields: "none" | "json" | "header";
  /** The measured value; undefined when the attempt never got that far. */
  read: (ctx: ConditionContext) => unknown;
  /** A measured number of milliseconds, shown as a duration (lib/core/format.ts): "183 ms", "36 h", "3 d". */
  shows?: "duration";
}

/**
 * Every placeholder of the probe environment, one line each: a new one is registered here
 * (and its value added to ConditionContext, filled by the probe type that measures it). Which
 * probe types offer it is said by each type (`placeholders` in lib/probes/core/kinds).
 */
export const PLACEHOLDERS = {
  STATUS: { soft: false, fields: "none", read: (c) => c.status },
  RESPONSE_TIME: {
    soft: true,
    fields: "none",
    read: (c) => c.responseTimeMs,
    shows: "duration",
  },
  BODY: { soft: false, fields: "json", read: (c) => c.body },
  CERTIFICATE_EXPIRATION: {
    soft: true,
    fields: "none",
    read: (c) => c.certificateExpirationMs,
    shows: "duration",
  },
  CONNECTED: { soft: false, fields: "none", read: (c) => c.connected },
  IP: { soft: false, fields: "none", read: (c) => c.ip },
  HEADERS: { soft: false, fields: "header", read: (c) => c.headers },
  DNS_RCODE: { soft: false, fields: "none", read: (c) => c.dnsRcode },
  DOMAIN_EXPIRATION: {
    soft: true,
    fields: "none",
    read: (c) => c.domainExpirationMs,
    shows: "duration",
  },
} satisfies Record<string, PlaceholderSpec>;

export type Placeholder = keyof typeof PLACEHOLDERS;

export function placeholderSpec(p: Placeholder): PlaceholderSpec {
  return PLACEHOLDERS[p];
}

export function isPlaceholder(name: string): name is Placeholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}

export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as Placeholder[];
