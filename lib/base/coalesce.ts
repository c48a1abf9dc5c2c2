/**
 * In-flight sharing: callers that ask for the same key while a run is on its way share that
 * run instead of starting another (one upstream read or evaluation for a hundred viewers).
 * Nothing is remembered once it settles, a failure included: the next call starts afresh.
 */
export class Coalescer<K, T> {
  private readonly running = new Map<K, Promise<T>>();

  /** The run on its way for `key`, if any. */
  current(key: K): Promise<T> | undefined {
    return this.running.get(key);
  }

  /** Joins the run on its way for `key`, or starts one with `start`. */
  run(key: K, start: () => Promise<T>): Promise<T> {
    const running = this.running.get(key);
    if (running) return running;
    const started = start().finally(() => {
      if (this.running.get(key) === started) this.running.delete(key);
    });
    this.running.set(key, started);
    return started;
  }
}
