/**
 * A one-second memo for derived responses. While the shared cache holds the same upstream
 * answers (the very objects, compared by identity), the figures computed from them change only
 * through their ages, which are whole seconds: so a body reused within the same second of the
 * clock is at most that second behind a fresh computation, and a hundred viewers polling cost
 * one computation per second, not a hundred. A new upstream answer, a stale flag or a new
 * config changes the inputs and misses.
 */

type Slot = { second: number; inputs: readonly unknown[]; value: unknown };

const MAX_SLOTS = 256;

export class SecondMemo {
  private readonly slots = new Map<string, Slot>();

  get<T>(key: string, inputs: readonly unknown[], nowMs: number, compute: () => T): T {
    const second = Math.floor(nowMs / 1000);
    const slot = this.slots.get(key);
    if (slot && slot.second === second && sameInputs(slot.inputs, inputs)) return slot.value as T;
    const value = compute();
    if (!slot && this.slots.size >= MAX_SLOTS) {
      const oldest = this.slots.keys().next().value;
      if (oldest !== undefined) this.slots.delete(oldest);
    }
    this.slots.set(key, { second, inputs, value });
    return value;
  }
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

/** What a cache read contributes to a memo's inputs. */
export function readInputs(
  reads: readonly { value: unknown; fetchedAt: number; stale: boolean; error?: unknown }[],
): unknown[] {
  return reads.flatMap((r) => [r.value, r.fetchedAt, r.stale, r.error]);
}
