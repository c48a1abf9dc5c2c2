/** Paths reachable without a session. Everything else needs one (enforced in proxy.ts). */
const PUBLIC_EXACT = new Set(["/login", "/api/health", "/api/ready"]);
const PUBLIC_PREFIXES = ["/api/auth/", "/share/", "/api/share/"];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_EXACT.has(pathname) || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
}
