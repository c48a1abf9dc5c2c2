import { processSingleton } from "@/lib/base/singleton";

/**
 * Process-local cool-downs: one start per key per window ("run now" per probe, the readiness
 * re-check). They guard this replica's own work; what must hold across replicas is a limit in
 * rate-limits.ts, kept in the store.
 */

/**
 * Claims `key`'s slot in the cool-down `name`: 0 when granted (the window starts now), else
 * the milliseconds left of the window started by the last granted claim.
 */
export function claimCooldown(name: string, key: string, now: number, windowMs: number): number {
  const lastStart = processSingleton(`cooldown:${name}`, () => new Map<string, number>());
  const last = lastStart.get(key);
  if (last !== undefined && now - last < windowMs) return windowMs - (now - last);
  lastStart.set(key, now);
  return 0;
}

/** The whole seconds a caller is told to wait (Retry-After): at least 1 while any wait is left. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}
