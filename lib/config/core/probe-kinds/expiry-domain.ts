/**
 * Which domain name a probe's [DOMAIN_EXPIRATION] is about: the host of an http probe's URL, the
 * query name of a dns probe. A leaf module (no imports) so the config schema can refuse a probe
 * that has no such name at load time without an import cycle.
 */

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

export type ExpiryDomain = { ok: true; domain: string } | { ok: false; reason: string };

/** The name as registries know it: lower case, no trailing dot; refused when it is an address or has one label. */
export function expiryDomainOf(host: string): ExpiryDomain {
  const name = host
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(":"))
    return { ok: false, reason: `${host} is an IP address, which has no domain registration to expire` };
  const labels = name.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)))
    return { ok: false, reason: `${host} is not a registrable domain name (such as example.com)` };
  return { ok: true, domain: name };
}

/**
 * The names to ask RDAP about, longest first: registries only hold registered domains, so
 * `api.staging.example.com` is answered as `example.com`. Without a public-suffix list the lookup
 * walks up until a registry knows the name, stopping at two labels.
 */
export function rdapCandidates(domain: string): string[] {
  const labels = domain.split(".");
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join("."));
  return out;
}
