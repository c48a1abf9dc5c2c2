/** A field the API named in a refusal (400): the form shows its message beside the field. */
export type FieldIssue = { field: string; message: string };

/**
 * The one error of a browser call to the API: the status, the API's own sentence (which names
 * the problem), the fields it named, and how long it asked to wait (429's Retry-After).
 */
export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

function isIssue(x: unknown): x is FieldIssue {
  return (
    !!x &&
    typeof x === "object" &&
    typeof (x as FieldIssue).field === "string" &&
    typeof (x as FieldIssue).message === "string"
  );
}

/** The FetchError of a non-2xx answer whose body (null when not JSON) was already read. */
export function fetchErrorOf(res: Response, body: unknown): FetchError {
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const message = typeof record.message === "string" ? record.message : `HTTP ${res.status}`;
  const issues = Array.isArray(record.issues) ? record.issues.filter(isIssue) : [];
  const header = Number(res.headers.get("Retry-After"));
  const retryAfter = Number.isFinite(header) && header > 0 ? header : null;
  return new FetchError(res.status, message, issues, retryAfter);
}

/**
 * The last answer of each GET that carried an ETag (the Overview's), by URL: sent back as
 * If-None-Match, so an unchanged answer costs the server no body and the browser no parse.
 * Kept here rather than in the HTTP cache because answers are `no-store` (per viewer, live).
 */
const revalidated = new Map<string, { etag: string; body: unknown }>();
const MAX_REVALIDATED = 32;

/**
 * A JSON API call from the browser; `json` is sent as the body. Response types come from the
 * shared zod schemas; the client trusts its own server rather than shipping zod's runtime in
 * every page's bundle.
 */
export async function fetchJson<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const isGet = (rest.method ?? "GET").toUpperCase() === "GET";
  const last = isGet ? revalidated.get(url) : undefined;
  const res = await fetch(url, {
    ...rest,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    headers: {
      accept: "application/json",
      ...(json !== undefined ? { "content-type": "application/json" } : {}),
      ...(last ? { "if-none-match": last.etag } : {}),
      ...rest.headers,
    },
    cache: "no-store",
  });
  if (res.status === 304 && last) return last.body as T;
  if (res.status === 204) return null as T;
  const unreadable = Symbol("unreadable");
  const body: unknown = await res.json().catch(() => unreadable);
  if (!res.ok) throw fetchErrorOf(res, body === unreadable ? null : body);
  // A 200 whose body was cut off (a dropped connection, a stopped page) or is not JSON is a failed
  // read, never an answer of `null`: a widget handed null renders nothing true, or crashes its view.
  if (body === unreadable) throw new FetchError(res.status, "The answer could not be read (cut off or not JSON).");
  const etag = res.headers.get("etag");
  if (isGet && etag) {
    revalidated.delete(url);
    if (revalidated.size >= MAX_REVALIDATED) revalidated.delete(revalidated.keys().next().value ?? "");
    revalidated.set(url, { etag, body });
  }
  return body as T;
}
