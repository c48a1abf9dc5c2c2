import { LRUCache } from "lru-cache";
import { z } from "zod";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import type { Measured } from "./attempt";
import { placeholdersOf, type Condition } from "@/lib/conditions/core";
import { expiryDomainOf, rdapCandidates } from "@/lib/config/core/probe-kinds/expiry-domain";
import { probeTypeOf } from "@/lib/config/core/probe-kinds";

/**
 * [DOMAIN_EXPIRATION]: time until a domain's registration expires. Gatus asks WHOIS; Stagewatch
 * asks RDAP (RFC 9083), the registries' JSON successor, at `<rdapUrl>/domain/<name>` and reads
 * the `expiration` event. Answers are cached per domain for hours (registrations change rarely,
 * and RDAP servers rate-limit); a failed lookup is cached for minutes and leaves the condition
 * unmeasured with its cause: never passed.
 */

export const DEFAULT_RDAP_URL = "https://rdap.org";
const HOUR = 3_600_000;
const ANSWER_TTL_MS = 12 * HOUR;
const FAILURE_TTL_MS = 5 * 60_000;

export type DomainExpiry =
  { ok: true; domain: string; expiresAt: number } | { ok: false; domain: string; error: string };

const rdapDomainSchema = z.looseObject({
  events: z.array(z.looseObject({ eventAction: z.string(), eventDate: z.string() })).default([]),
});

const reason = (err: unknown) =>
  err instanceof Error ? (err.name === "TimeoutError" ? "no answer in time" : err.message) : String(err);

async function askRdap(rdapUrl: string, domain: string, signal: AbortSignal): Promise<DomainExpiry> {
  const base = rdapUrl.replace(/\/+$/, "");
  const candidates = rdapCandidates(domain);
  for (const name of candidates) {
    let res: Response;
    try {
      res = await fetch(`${base}/domain/${name}`, { headers: { accept: "application/rdap+json" }, signal });
    } catch (err) {
      return { ok: false, domain, error: `RDAP at ${base} is unreachable (${reason(err)})` };
    }
    // 404: no registry holds this name; its parent may be the registered domain.
    if (res.status === 404) {
      await res.body?.cancel();
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, domain, error: `RDAP at ${base} answered HTTP ${res.status} for ${name}` };
    }
    const parsed = rdapDomainSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) return { ok: false, domain, error: `RDAP's answer for ${name} is not a domain object` };
    const event = parsed.data.events.find((e) => e.eventAction === "expiration");
    const expiresAt = event ? Date.parse(event.eventDate) : NaN;
    if (!Number.isFinite(expiresAt)) return { ok: false, domain, error: `RDAP gives no expiration date for ${name}` };
    return { ok: true, domain: name, expiresAt };
  }
  return { ok: false, domain, error: `no registry knows ${domain} (RDAP answered 404 for ${candidates.join(", ")})` };
}

// One cache per process; fetch() also shares a lookup already in flight between probes of one domain.
const cache = new LRUCache<string, DomainExpiry, { rdapUrl: string; domain: string; timeoutMs: number }>({
  max: 1_000,
  ttl: ANSWER_TTL_MS,
  fetchMethod: async (_key, _stale, { signal, options, context }) => {
    const answer = await askRdap(
      context.rdapUrl,
      context.domain,
      AbortSignal.any([signal, AbortSignal.timeout(context.timeoutMs)]),
    );
    if (!answer.ok) options.ttl = FAILURE_TTL_MS;
    return answer;
  },
});

/** The registration expiry of `domain`, from the cache or RDAP; never throws. */
export async function domainExpiry(domain: string, rdapUrl: string, timeoutMs: number): Promise<DomainExpiry> {
  try {
    const hit = await cache.fetch(`${rdapUrl}\u0000${domain}`, { context: { rdapUrl, domain, timeoutMs } });
    return hit ?? { ok: false, domain, error: "RDAP lookup was cancelled" };
  } catch (err) {
    return { ok: false, domain, error: `RDAP lookup failed (${reason(err)})` };
  }
}

/**
 * Starts the lookup for a probe whose conditions read [DOMAIN_EXPIRATION] (null otherwise), so it
 * runs beside the attempt and within its timeout; the answer is usually already cached.
 */
export function startDomainExpiry(cfg: ProbeConfig, conditions: readonly Condition[]): Promise<DomainExpiry> | null {
  const reads = conditions.some((c) => placeholdersOf(c).includes("DOMAIN_EXPIRATION"));
  const hostOf = probeTypeOf(cfg).expiryHost;
  if (!reads || !hostOf) return null;
  const host = hostOf(cfg);
  const name = expiryDomainOf(host);
  if (!name.ok) return Promise.resolve({ ok: false, domain: host, error: name.reason });
  const rdapUrl = "rdapUrl" in cfg ? cfg.rdapUrl : undefined;
  return domainExpiry(name.domain, rdapUrl ?? DEFAULT_RDAP_URL, cfg.timeoutMs);
}

/** Puts the answer where the conditions read it: the time left, or why there is none. */
export function recordDomainExpiry(answer: DomainExpiry, m: Measured, now = Date.now()): void {
  if (answer.ok) {
    m.ctx.domainExpirationMs = answer.expiresAt - now;
    m.details.domainExpiresAt = new Date(answer.expiresAt).toISOString();
  } else {
    const why = `domain expiration unknown: ${answer.error}`;
    m.ctx.unmeasured = { ...m.ctx.unmeasured, DOMAIN_EXPIRATION: why };
    m.details.domainExpiration = why;
  }
}
