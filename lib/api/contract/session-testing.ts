import { encode } from "next-auth/jwt";
import { vi } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { startSession } from "@/lib/auth/sessions";
import { DEMO_USERS } from "@/lib/auth/users";
import { getStore } from "@/lib/store/db";

/**
 * Tests only: a session cookie the real withAuth accepts. The guard now reads the token's
 * `sid` and requires a live row in the store and a user in the directory, so this starts a
 * real session for a demo user of the role (the environment must set STAGEWATCH_DEMO=1, a
 * STAGEWATCH_DEMO_PASSWORD and the store's location before the first call).
 */
export const DEMO_ENV = { STAGEWATCH_DEMO: "1", STAGEWATCH_DEMO_PASSWORD: "contract-test-demo-password" } as const;

/**
 * The environment of the app under test with demo sign-in: its store a SQLite file in `dataDir`
 * (never a PostgreSQL the shell may point at), no probes or evaluators running behind the test.
 */
export function stubDemoAppEnv(secret: string, origin: string, dataDir: string): void {
  vi.stubEnv("NEXTAUTH_SECRET", secret);
  vi.stubEnv("NEXTAUTH_URL", origin);
  for (const [name, value] of Object.entries(DEMO_ENV)) vi.stubEnv(name, value);
  vi.stubEnv("STAGEWATCH_DATA_DIR", dataDir);
  vi.stubEnv("STAGEWATCH_DATABASE_URL", undefined);
  vi.stubEnv("STAGEWATCH_PROBES", "off");
  vi.stubEnv("STAGEWATCH_EVALUATORS", "off");
}

export async function sessionCookie(role: Role, secret: string): Promise<string> {
  return (await demoSession(role, secret)).cookie;
}

/** The same, with the session's id (to end it in a test). */
export async function demoSession(role: Role, secret: string): Promise<{ cookie: string; sid: string }> {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`no demo user with the role ${role}`);
  const sid = await startSession(
    (await getStore()).db,
    { username: user.username, provider: "credentials" },
    Date.now(),
  );
  const token = await encode({
    token: { sub: user.username, name: user.name, username: user.username, role, sid },
    secret,
  });
  return { cookie: `next-auth.session-token=${token}`, sid };
}

/** The headers a same-origin browser sends on a write (withAuth's cross-site check passes). */
export const sameOrigin = (url: string): Record<string, string> => ({ origin: new URL(url).origin });
