import { ApiError } from "./errors";

/** Answers are per viewer (behind sign-in) and live: no shared or browser caching. */
export const NO_STORE = { "Cache-Control": "private, no-store" };

// A memoised body (the same object for every viewer within its second) is serialised once.
const serialised = new WeakMap<object, string>();

/** A JSON answer whose text is reused while the body object is the same (SecondMemo hands out one object per second). */
export function jsonOnce(body: object): Response {
  let text = serialised.get(body);
  if (text === undefined) {
    text = JSON.stringify(body);
    serialised.set(body, text);
  }
  return new Response(text, { headers: { "content-type": "application/json", ...NO_STORE } });
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
