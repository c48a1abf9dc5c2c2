/** Thrown for a non-2xx answer; carries the API's own message (which names the problem). */
export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

/**
 * GET a JSON API from the browser. Response types come from the shared zod schemas; the
 * client trusts its own server rather than shipping zod's runtime in every page's bundle.
 */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { accept: "application/json", ...init?.headers },
    cache: "no-store",
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body && typeof body === "object" && "message" in body ? String(body.message) : `HTTP ${res.status}`;
    throw new FetchError(res.status, message);
  }
  return body as T;
}
