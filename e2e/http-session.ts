import { readFileSync } from "node:fs";
import { storageStateFor, type DemoUser } from "./stack-state";

/** A tiny cookie jar over fetch, for requests a browser would not send (forged headers, bursts). */
export class Jar {
  readonly cookies = new Map<string, string>();
  keep(res: Response): Response {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const value = pair.slice(eq + 1);
      if (value === "") this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
    return res;
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }
}

/** The Cookie header of a demo user's saved session (signed in once by auth.setup.ts). */
export function savedCookie(user: DemoUser): string {
  const state = JSON.parse(readFileSync(storageStateFor(user), "utf8")) as {
    cookies: { name: string; value: string }[];
  };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

export type SignInAttempt = { status: number; retryAfter: string | null; jar: Jar; signedIn: boolean };

/** One credentials sign-in over HTTP, as next-auth's client does it (CSRF token, then the callback). */
export async function signInOverHttp(
  baseURL: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<SignInAttempt> {
  const jar = new Jar();
  const csrf = jar.keep(await fetch(`${baseURL}/api/auth/csrf`, { headers }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = jar.keep(
    await fetch(`${baseURL}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
      body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
    }),
  );
  await res.body?.cancel();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), jar, signedIn: jar.hasSession() };
}

/** next-auth's sign-out (POST with its CSRF token), as the app's menu does it. */
export async function signOutOverHttp(baseURL: string, jar: Jar): Promise<void> {
  const csrf = jar.keep(await fetch(`${baseURL}/api/auth/csrf`, { headers: { cookie: jar.header() } }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseURL}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  await res.body?.cancel();
  if (res.status >= 400) throw new Error(`sign-out answered ${res.status}`);
}

/** Status and headers only: the body is dropped (an event stream never ends). */
export async function hit(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; text: () => Promise<string> }> {
  const res = await fetch(url, { redirect: "manual", ...init, signal: AbortSignal.timeout(30_000) });
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("text/event-stream")) {
    await res.body?.cancel();
    return { status: res.status, headers: res.headers, text: async () => "" };
  }
  const body = await res.text();
  return { status: res.status, headers: res.headers, text: async () => body };
}
