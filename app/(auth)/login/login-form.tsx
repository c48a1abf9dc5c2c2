"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

const ERROR_TEXT: Record<string, string> = {
  AccessDenied: "That Google account is not allowed here (check AUTH_ALLOWED_DOMAINS).",
  CredentialsSignin: "Wrong username or password.",
};

export function LoginForm({
  callbackUrl,
  google,
  initialError,
}: {
  callbackUrl: string;
  google: boolean;
  initialError?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(
    initialError ? (ERROR_TEXT[initialError] ?? initialError) : undefined,
  );
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setError(ERROR_TEXT[result?.error ?? ""] ?? result?.error ?? "Sign-in failed.");
  }

  return (
    <>
      <form onSubmit={onSubmit} className="login-card" aria-describedby={error ? "login-error" : undefined}>
        <div className="field">
          <label htmlFor="username">Username</label>
          <input id="username" name="username" autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        {error ? (
          <p id="login-error" role="alert" className="error-text">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {google ? (
        <button type="button" className="btn" onClick={() => signIn("google", { callbackUrl })}>
          Sign in with Google
        </button>
      ) : null}
    </>
  );
}
