import { processSingleton } from "@/lib/base/singleton";

/**
 * This process's short-lived looks at a user (lib/auth/iap-session.ts keeps one per address)
 * are dropped at once when this process ends a session or changes a block, so the admin who
 * did it sees the effect on their next request; other replicas see it within SESSION_RECHECK_MS.
 */
const forgetters = processSingleton("session-user-forgetters", () => new Set<(username: string) => void>());

export function onForgetUser(f: (username: string) => void): void {
  forgetters.add(f);
}

export function forgetUser(username: string): void {
  for (const f of forgetters) f(username.toLowerCase());
}
