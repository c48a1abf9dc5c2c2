import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { iapAssertionEmail, iapSettings } from "@/lib/auth/iap";
import { isPublicPath } from "@/lib/auth/public-paths";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { getEnv } from "@/lib/config/env";
import { buildCsp, hstsHeader, SECURITY_HEADERS } from "@/lib/security/csp";
import { malformedPath } from "@/lib/security/malformed";

/**
 * Every request: a fresh CSP nonce and the security headers; pages without a session go
 * to /login, API routes without one get 401 JSON. Roles are checked where the data is
 * (route handlers and pages), because the proxy cannot know what a route needs.
 */
export async function proxy(request: NextRequest) {
  const env = getEnv();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = buildCsp(nonce, env.NODE_ENV === "development");
  const { pathname, search } = request.nextUrl;

  const hsts = hstsHeader(env.NEXTAUTH_URL);
  const withHeaders = (res: NextResponse) => {
    res.headers.set("Content-Security-Policy", csp);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
    if (hsts) res.headers.set("Strict-Transport-Security", hsts);
    return res;
  };

  // Next decodes path segments for route params and answers 500 on bad percent-encoding.
  const bad = malformedPath(request.nextUrl.pathname);
  if (bad) {
    return withHeaders(NextResponse.json({ error: "bad_request", message: `path: ${bad}` }, { status: 400 }));
  }

  if (!isPublicPath(pathname) && !(await signedIn(request, env))) {
    if (pathname.startsWith("/api/")) {
      return withHeaders(NextResponse.json({ error: "unauthenticated", message: "Sign in first." }, { status: 401 }));
    }
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return withHeaders(NextResponse.redirect(login));
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }));
}

/**
 * Behind IAP, a verified `x-goog-iap-jwt-assertion` is the identity and a refused one is
 * nobody, whatever cookie comes with it; without IAP (or without the header) the session
 * cookie decides. Role, block and session row are checked where the data is (guard.ts).
 */
async function signedIn(request: NextRequest, env: ReturnType<typeof getEnv>): Promise<boolean> {
  const iap = await iapAssertionEmail(request.headers, iapSettings(), Date.now());
  if (iap.kind !== "absent") return iap.kind === "verified";
  const token = await getToken({
    req: request,
    secret: env.NEXTAUTH_SECRET,
    decode: decodeSessionToken,
    secureCookie: env.NEXTAUTH_URL?.startsWith("https://") ?? false,
  });
  return token !== null;
}

export const config = {
  matcher: [
    // Static assets carry no data and need no nonce.
    { source: "/((?!_next/static|_next/image|favicon.ico|robots.txt).*)" },
  ],
};
