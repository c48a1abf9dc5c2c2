/**
 * Addresses a notification channel may never point at: the cloud metadata service (it hands out
 * the instance's credentials to anyone on the box who asks) and link-local ranges in general.
 * Checked when the config is loaded, so a mistyped or hostile config fails start-up instead of
 * posting alerts — and whatever the metadata server answers — somewhere it should not.
 */
const METADATA_NAMES = new Set(["metadata.google.internal", "metadata"]);

/** 169.254.0.0/16, including the IPv4-mapped IPv6 form (::ffff:a9fe:…). */
function linkLocalV4(host: string): boolean {
  return /^169\.254\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** fe80::/10: the first 10 bits are 1111111010, i.e. fe80–febf. */
function linkLocalV6(host: string): boolean {
  const h = host.toLowerCase();
  if (/^fe[89ab][0-9a-f]:/.test(h)) return true;
  // ::ffff:169.254.x.y as WHATWG URL spells it after parsing (::ffff:a9fe:xxxx).
  return /^::ffff:a9fe:[0-9a-f]{1,4}$/.test(h) || /^::ffff:169\.254\./.test(h);
}

/** Why this host is refused, or null. `host` is a URL's hostname (IPv6 in brackets is accepted). */
export function forbiddenHost(host: string): string | null {
  const h = host
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (METADATA_NAMES.has(h)) return `${h}, the cloud metadata service`;
  if (linkLocalV4(h)) return `${h}, a link-local address (169.254.0.0/16)`;
  if (h.includes(":") && linkLocalV6(h)) return `${h}, a link-local address (fe80::/10)`;
  return null;
}

/** Why this URL is refused as a notification target, or null (also refuses what is not http(s)). */
export function forbiddenUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an http(s) URL";
  const why = forbiddenHost(url.hostname);
  return why ? `points at ${why}` : null;
}
