import { createHash } from "node:crypto";
import { ApiError } from "@/lib/base/api-error";

/** Answers are per viewer (behind sign-in) and live: no shared or browser caching. */
export const NO_STORE = { "Cache-Control": "private, no-store" };

/**
 * A memoised body (the same object for every viewer within its second) is serialised once,
 * and hashed once for its ETag. The hash leaves out `ageSeconds`: ages move every second while
 * nothing else changes, and the browser recomputes them from `measuredAt` on its own clock
 * (components/ui/figure-card.tsx), so a 304 for an answer that differs only in ages is right.
 */
type Serialised = { text: string; hash: string; tags: Map<string, string> };
const serialised = new WeakMap<object, Serialised>();

function serialise(body: object): Serialised {
  let s = serialised.get(body);
  if (s === undefined) {
    const text = JSON.stringify(body);
    const stable = JSON.stringify(body, (key, value: unknown) => (key === "ageSeconds" ? undefined : value));
    s = { text, hash: createHash("sha256").update(stable).digest("base64url"), tags: new Map() };
    serialised.set(body, s);
  }
  return s;
}

/** A JSON answer whose text is reused while the body object is the same (SecondMemo hands out one object per second). */
export function jsonOnce(body: object): Response {
  return new Response(serialise(body).text, { headers: { "content-type": "application/json", ...NO_STORE } });
}

/**
 * The weak ETag of `body` for `audience` (the viewer's role): answers for different roles
 * never share a tag, so one role's tag can never validate another role's answer.
 */
export function etagOf(body: object, audience: string): string {
  const s = serialise(body);
  let tag = s.tags.get(audience);
  if (tag === undefined) {
    tag = `W/"${createHash("sha256").update(`${audience}\0${s.hash}`).digest("base64url").slice(0, 32)}"`;
    s.tags.set(audience, tag);
  }
  return tag;
}

/** If-None-Match against `etag`, weak comparison (RFC 9110 §13.1.2): a list, `*`, or W/ on either side. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, "");
  const want = opaque(etag);
  return header.split(",").some((t) => t.trim() === "*" || opaque(t) === want);
}

/**
 * jsonOnce with an ETag for `audience`; a request whose If-None-Match holds it gets a 304 and
 * no body. Still `no-store`: the browser client keeps the last answer itself (lib/query/fetch-json.ts).
 */
export function jsonRevalidated(req: Request, body: object, audience: string): Response {
  const etag = etagOf(body, audience);
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), etag))
    return new Response(null, { status: 304, headers: { ETag: etag, ...NO_STORE } });
  return new Response(serialise(body).text, {
    headers: { "content-type": "application/json", ETag: etag, ...NO_STORE },
  });
}

/** Body limits per route: each is well above the largest real request of its route. */
export const BODY_LIMITS = {
  /** A readiness re-check or share link: a few short fields. */
  small: 4 * 1024,
  /** A tracker edit: a note or a link list. */
  edit: 16 * 1024,
  /** A what-if scenario: 20 services and every assumption is about 3 KB. */
  scenario: 32 * 1024,
} as const;

const sizeText = (bytes: number) => (bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`);

/**
 * The JSON body of a request, or undefined when it is empty (an optional body). A 413 naming
 * the limit when it has more than `maxBytes` bytes (said by Content-Length or found on
 * reading); a 400 when it is not UTF-8 or not JSON. Never a 500.
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new ApiError(413, "too_large", `(body): at most ${sizeText(maxBytes)}`);
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw tooLarge();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "bad_request", "(body): not valid UTF-8");
  }
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad_request", "(body): not valid JSON");
  }
}
