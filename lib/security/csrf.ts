/**
 * Cross-site request checks for state-changing API calls, in depth behind SameSite=Lax:
 * the request must come from the app's own origin (Origin header, or Sec-Fetch-Site:
 * same-origin when a browser sent no Origin), and a body must be JSON, which a cross-site
 * <form> cannot send and a cross-site fetch cannot send without a CORS preflight we never allow.
 */
export type CsrfProblem = { status: 403 | 415; code: string; message: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Headers = { get(name: string): string | null };

/** A declared body: a length, chunked encoding, or any Content-Type (HTTP/2 may send neither length nor encoding). */
function hasBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  if (length !== null && length.trim() !== "") return Number(length) !== 0;
  return headers.get("transfer-encoding") !== null || headers.get("content-type") !== null;
}

export function csrfProblem(method: string, headers: Headers, appOrigin: string): CsrfProblem | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const origin = headers.get("origin");
  const fetchSite = headers.get("sec-fetch-site");
  const sameOrigin = origin !== null ? origin === appOrigin : fetchSite === "same-origin";
  if (!sameOrigin) {
    return {
      status: 403,
      code: "cross_origin",
      message:
        origin !== null
          ? `Origin: ${origin.slice(0, 100)} is not this app's origin.`
          : "Origin: missing (and Sec-Fetch-Site is not same-origin).",
    };
  }
  if (hasBody(headers)) {
    const type = (headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") {
      return {
        status: 415,
        code: "unsupported_media_type",
        message: `Content-Type: expected application/json, got ${type || "none"}.`,
      };
    }
  }
  return null;
}
