import { PEER_ADDRESS_HEADER } from "./peer-address-header";

type HeaderSource = { get(name: string): string | null } | Record<string, unknown> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === "function")
    return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  const v = (headers as Record<string, unknown>)[name];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v.join(",") : undefined;
}

/**
 * The client's address for rate limits. With `trustedHops` = 0 it is the TCP peer (stamped by
 * peer-address.ts); with N hops, each trusted proxy appended the address it saw to
 * X-Forwarded-For, so the client is the entry N places from the right of [...XFF, peer].
 * Entries further left are written by the client and never used. When the chain is shorter
 * than configured (a request that bypassed the proxies), the leftmost trusted entry is used.
 */
export function clientAddress(headers: HeaderSource, trustedHops: number): string {
  const peer = header(headers, PEER_ADDRESS_HEADER)?.trim() || "unknown";
  if (trustedHops <= 0) return peer;
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  const index = Math.max(chain.length - 1 - trustedHops, 0);
  return chain[index] ?? peer;
}
