/**
 * Process-wide values. Next may load one module once per route bundle, and its dev server
 * re-evaluates modules on every hot reload, so a module-level `let` would give one store,
 * one cache or one scheduler per bundle or per edit. These live on globalThis instead, under
 * one registry, by a key that names what they hold.
 */

const REGISTRY = Symbol.for("stagewatch.process-singletons");

function registry(): Map<string, unknown> {
  const g = globalThis as { [REGISTRY]?: Map<string, unknown> };
  return (g[REGISTRY] ??= new Map());
}

/** The one value under `key` in this process, created by `create` on first use. */
export function processSingleton<T>(key: string, create: () => T): T {
  const values = registry();
  if (!values.has(key)) values.set(key, create());
  return values.get(key) as T;
}

/** A process-wide place for a value that is replaced or dropped (a memo, a reloaded config). */
export type ProcessSlot<T> = {
  get(): T | undefined;
  set(value: T): void;
  clear(): void;
};

export function processSlot<T>(key: string): ProcessSlot<T> {
  return {
    get: () => registry().get(key) as T | undefined,
    set: (value) => void registry().set(key, value),
    clear: () => void registry().delete(key),
  };
}

/**
 * One shared promise per process that forgets a rejection: a store or limiter that could not
 * be opened is tried again by the next caller, not failed forever.
 */
export function processPromise<T>(key: string, create: () => Promise<T>): Promise<T> {
  const slot = processSlot<Promise<T>>(key);
  const current = slot.get();
  if (current) return current;
  const next = create();
  slot.set(next);
  next.catch(() => {
    if (slot.get() === next) slot.clear();
  });
  return next;
}
