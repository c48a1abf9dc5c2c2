import "server-only";
import { NextResponse } from "next/server";
import { getEnv } from "@/lib/config/env";
import { clientAddress } from "@/lib/security/client-address";
import { getLimiters, reserve } from "@/lib/security/rate-limits";

/** The account a credentials sign-in names, normalised as authorize() does; null when there is none. */
export async function accountOf(req: Request): Promise<string | null> {
  try {
    const form = await req.clone().formData();
    const username = form.get("username");
    if (typeof username !== "string") return null;
    const normalised = username.trim().toLowerCase();
    return normalised ? normalised.slice(0, 64) : null;
  } catch {
    return null;
  }
}

function hasSessionCookie(res: Response): boolean {
  return res.headers.getSetCookie().some((c) => /^(__Secure-)?next-auth\.session-token=[^;]/.test(c));
}

/**
 * Guards a credentials sign-in (POST /api/auth/callback/credentials). A point is reserved per
 * client address and per account BEFORE the password is compared, atomically in the store, so
 * neither a parallel burst nor a new X-Forwarded-For per try gets more guesses. A success gives
 * the account's points back (its owner is not locked out by their own typos) and returns the
 * address's point; a refusal is 429 with Retry-After, in the JSON shape next-auth's client reads.
 */
export async function throttledSignIn(req: Request, run: () => Promise<Response>): Promise<Response> {
  const limiters = await getLimiters();
  const address = clientAddress(req.headers, getEnv().STAGEWATCH_TRUSTED_PROXY_HOPS);
  const account = await accountOf(req);

  const byAddress = await reserve(limiters.signInAddress, address);
  const byAccount = byAddress.ok && account ? await reserve(limiters.signInAccount, account) : byAddress;
  if (!byAddress.ok || !byAccount.ok) {
    const wait = !byAddress.ok ? byAddress.retryAfterSeconds : byAccount.ok ? 1 : byAccount.retryAfterSeconds;
    const message = `Too many sign-in attempts. Try again in ${wait} s.`;
    const url = new URL("/login", req.url);
    url.searchParams.set("error", message);
    return NextResponse.json(
      { error: "rate_limited", message, retryAfterSeconds: wait, url: url.toString() },
      { status: 429, headers: { "Retry-After": String(wait), "Cache-Control": "no-store" } },
    );
  }

  const res = await run();
  if (hasSessionCookie(res)) {
    if (account) await limiters.signInAccount.delete(account);
    await limiters.signInAddress.reward(address, 1);
  }
  return res;
}
