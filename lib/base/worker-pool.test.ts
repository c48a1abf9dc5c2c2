import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { PoolFullError, WorkerPool } from "./worker-pool";

/** A real worker thread: "spin:<ms>" busies its CPU, "crash" exits, "hang" never answers, else echoes. */
const WORKER = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ id, input }) => {
  if (input === "crash") process.exit(3);
  if (input === "hang") for (;;);
  if (input === "fail") return parentPort.postMessage({ id, ok: false, error: "bad input" });
  if (input.startsWith("spin:")) { const end = Date.now() + Number(input.slice(5)); while (Date.now() < end); }
  parentPort.postMessage({ id, ok: true, value: input.toUpperCase() });
});`;

let pool: WorkerPool<string, string> | null = null;
const open = (size: number, maxQueue: number, taskTimeoutMs = 10_000) =>
  (pool = new WorkerPool<string, string>({
    spawn: () => new Worker(WORKER, { eval: true }),
    size,
    maxQueue,
    taskTimeoutMs,
  }));

afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe("worker pool", () => {
  it("runs tasks on worker threads and answers each caller", async () => {
    const p = open(2, 4);
    expect(await Promise.all(["a", "b", "c"].map((x) => p.run(x)))).toEqual(["A", "B", "C"]);
  });

  it("refuses a task beyond its queue at once, with a time to come back; the accepted ones finish", async () => {
    const p = open(1, 2);
    const accepted = ["spin:300", "spin:300", "spin:300"].map((x) => p.run(x));
    expect(p.busy).toBe(1);
    expect(p.queued).toBe(2);
    let refused: unknown = null;
    try {
      await p.run("x");
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(PoolFullError);
    expect((refused as PoolFullError).retryAfterMs).toBeGreaterThan(0);
    expect(await Promise.all(accepted)).toEqual(["SPIN:300", "SPIN:300", "SPIN:300"]);
    expect(await p.run("after")).toBe("AFTER");
  });

  it("a task's error fails that task only", async () => {
    const p = open(1, 4);
    await expect(p.run("fail")).rejects.toThrow("bad input");
    expect(await p.run("ok")).toBe("OK");
  });

  it("a worker that dies fails its task and is replaced", async () => {
    const p = open(1, 4);
    const [dead, next] = [p.run("crash"), p.run("next")];
    await expect(dead).rejects.toThrow("exited (3)");
    expect(await next).toBe("NEXT");
  });

  it("a task that overruns its time is ended with its thread; the pool goes on", async () => {
    const p = open(1, 4, 500);
    const [hung, next] = [p.run("hang"), p.run("next")];
    await expect(hung).rejects.toThrow("ran out of time");
    expect(await next).toBe("NEXT");
  });

  it("the event loop stays free while the workers compute", async () => {
    const p = open(1, 8);
    const lags: number[] = [];
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      lags.push(now - last - 10);
      last = now;
    }, 10);
    await Promise.all(Array.from({ length: 4 }, () => p.run("spin:400")));
    clearInterval(tick);
    // 1.6 s of CPU ran meanwhile; on the event loop the worst lag would be ≥ 400 ms.
    expect(Math.max(...lags)).toBeLessThan(200);
  });
});
