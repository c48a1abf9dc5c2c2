import type { Worker } from "node:worker_threads";

/**
 * A fixed set of worker threads with a bounded queue, for CPU work that must not hold the
 * event loop (the what-if's simulation). A full queue refuses at once with an estimate of
 * when to come back, instead of letting every caller wait. A worker that dies or overruns
 * its task's time is replaced; only its own task fails.
 *
 * Why not piscina: Next bundles route code, and its bundler follows only a literal
 * `new Worker(new URL("./x.ts", import.meta.url))` to emit the worker's code; a pool that
 * takes a file name would need a second build and copying into the standalone image
 * (decision 0028). The spawning is the caller's, so that literal stays in its module.
 */

type Reply<Out> = { id: number } & ({ ok: true; value: Out } | { ok: false; error: string });

export class PoolFullError extends Error {
  constructor(readonly retryAfterMs: number) {
    super("the worker pool's queue is full");
    this.name = "PoolFullError";
  }
}

export interface WorkerPoolOptions {
  spawn: () => Worker;
  size: number;
  /** Tasks waiting for a free worker beyond those running; one more is refused. */
  maxQueue: number;
  taskTimeoutMs: number;
}

interface Task<In, Out> {
  id: number;
  input: In;
  resolve: (v: Out) => void;
  reject: (e: Error) => void;
}

interface Slot<In, Out> {
  worker: Worker;
  task: Task<In, Out> | null;
  timer: NodeJS.Timeout | null;
}

export class WorkerPool<In, Out> {
  private slots: Slot<In, Out>[] = [];
  private queue: Task<In, Out>[] = [];
  private nextId = 1;
  /** Moving average of a task's run time, for Retry-After. */
  private avgMs = 500;
  private started = new Map<number, number>();

  constructor(private readonly opts: WorkerPoolOptions) {}

  get queued(): number {
    return this.queue.length;
  }

  get busy(): number {
    return this.slots.filter((s) => s.task).length;
  }

  run(input: In): Promise<Out> {
    if (this.queue.length >= this.opts.maxQueue) {
      const ahead = this.queue.length + this.opts.size;
      throw new PoolFullError((ahead / this.opts.size) * this.avgMs);
    }
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every worker; queued and running tasks fail. */
  async close(): Promise<void> {
    const failed = new Error("the worker pool was closed");
    for (const t of this.queue.splice(0)) t.reject(failed);
    const slots = this.slots.splice(0);
    for (const s of slots) this.finish(s, failed);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length) {
      const slot = this.slots.find((s) => !s.task) ?? (this.slots.length < this.opts.size ? this.add() : null);
      if (!slot) return;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      this.started.set(task.id, performance.now());
      slot.timer = setTimeout(() => this.replace(slot, new Error("the task ran out of time")), this.opts.taskTimeoutMs);
      slot.worker.postMessage({ id: task.id, input: task.input });
    }
  }

  private add(): Slot<In, Out> {
    const slot: Slot<In, Out> = { worker: this.opts.spawn(), task: null, timer: null };
    // An idle pool never keeps the process alive (tests, shutdown).
    slot.worker.unref();
    slot.worker.on("message", (reply: Reply<Out>) => {
      const task = slot.task;
      if (!task || reply.id !== task.id) return;
      const began = this.started.get(task.id);
      if (began !== undefined) this.avgMs = 0.8 * this.avgMs + 0.2 * (performance.now() - began);
      if (reply.ok) this.finish(slot, null, reply.value);
      else this.finish(slot, new Error(reply.error));
      this.dispatch();
    });
    slot.worker.on("error", (err) => this.replace(slot, err));
    slot.worker.on("exit", (code) => this.replace(slot, new Error(`the worker exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot<In, Out>, err: Error | null, value?: Out): void {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    if (!task) return;
    this.started.delete(task.id);
    if (err) task.reject(err);
    else task.resolve(value as Out);
  }

  /** A dead or overrunning worker: its task fails, the thread goes, the next task gets a new one. */
  private replace(slot: Slot<In, Out>, err: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    this.finish(slot, err);
    this.dispatch();
  }
}
