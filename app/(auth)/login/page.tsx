import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { currentUser } from "@/lib/auth/guard";
import { googleEnabled } from "@/lib/auth/options";
import { DEMO_USERS } from "@/lib/auth/users";
import { getEnv } from "@/lib/config/env";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const demo = getEnv().STAGEWATCH_DEMO;
  const error = typeof params.error === "string" ? params.error : undefined;
  return (
    <main className="login-wrap">
      <div className="card login-card">
        <h1>Stagewatch</h1>
        <p className="muted">Sign in to see the health of staging.</p>
        {getEnv().IAP_AUDIENCE ? (
          // Behind IAP nobody signs in here: a verified header would have gone straight on.
          <p role="alert" data-testid="iap-refused">
            Identity-Aware Proxy did not vouch for this request, or your address has no access to Stagewatch. Ask an
            admin if you expected to get in.
          </p>
        ) : null}
        <LoginForm callbackUrl={callbackUrl} google={googleEnabled()} initialError={error} />
        {demo ? (
          <p className="muted">
            Demo users: {DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(", ")}. The password was printed when
            the demo started.
          </p>
        ) : null}
      </div>
    </main>
  );
}
