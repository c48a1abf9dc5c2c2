import "server-only";
import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";
import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { Role } from "./roles";
import { processSingleton } from "@/lib/base/singleton";

export type DirectoryUser = { username: string; name: string; role: Role; passwordHash: string };

export const DEMO_USERS: ReadonlyArray<{ username: string; name: string; role: Role }> = [
  { username: "leader", name: "Leadership (demo)", role: "viewer" },
  { username: "engineer", name: "Engineer (demo)", role: "engineer" },
  { username: "sales", name: "Sales (demo)", role: "viewer" },
  { username: "admin", name: "Admin (demo)", role: "admin" },
];

/**
 * Demo users exist only in demo mode. Their password comes from STAGEWATCH_DEMO_PASSWORD
 * (`npm run demo` generates and prints one). It is never logged by the server: logs are
 * shipped and read by more people than should sign in. Without it, a random password
 * nobody knows is used, so the demo users cannot sign in.
 */
function demoUsers(): DirectoryUser[] {
  const env = getEnv();
  if (!env.STAGEWATCH_DEMO) return [];
  return processSingleton("demo-users", () => {
    const password = env.STAGEWATCH_DEMO_PASSWORD ?? randomBytes(9).toString("base64url");
    if (!env.STAGEWATCH_DEMO_PASSWORD) {
      console.warn(
        "Stagewatch demo users are disabled until STAGEWATCH_DEMO_PASSWORD is set (npm run demo sets and prints one).",
      );
    }
    return DEMO_USERS.map((u) => ({ ...u, passwordHash: bcrypt.hashSync(password, 10) }));
  });
}

export function findUser(username: string): DirectoryUser | undefined {
  const configured = getStagingConfig().auth.users.find((u) => u.username === username);
  return configured ?? demoUsers().find((u) => u.username === username);
}

/** Prepares the demo directory at start-up so the password is printed before anyone signs in. */
export function initUsers(): void {
  demoUsers();
}

// A hash of a random string, compared against when the user does not exist, so a wrong
// username costs the same time as a wrong password.
const DUMMY_HASH = bcrypt.hashSync(randomBytes(12).toString("hex"), 10);

export async function verifyPassword(username: string, password: string): Promise<DirectoryUser | null> {
  const user = findUser(username);
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  return ok && user ? user : null;
}
