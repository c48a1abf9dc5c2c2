import os from "node:os";
import { startBenchStack } from "./lib/stack";

/**
 * Issue 28: no request waits behind the what-if. Twelve what-ifs of 200 seeds are posted at
 * once (distinct, so none is a cached answer) while one client asks /api/health and another
 * /api/overview back to back; their p95 must stay under 50 ms. Then more at once than the
 * pool's workers and queue hold: the surplus must be 429s with Retry-After, never a 5xx.
 */

const PARALLEL = 12;
const GOAL_MS = 50;
const BURST = 40;

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? NaN;
}

const scenario = (i: number) =>
  JSON.stringify({
    // 200 seeds × 25 instances: the largest prediction one request may ask for (maxInstanceRuns).
    services: [{ name: "backend", instances: 25, poolSize: 5, dbTimeoutSeconds: 8 + (i % 500) }],
    connector: { machineType: "e2-micro", minInstances: 2, maxInstances: 3 },
    database: { maxConnections: 100 },
    seeds: 200,
  });

function postWhatIf(baseURL: string, cookie: string, i: number): Promise<Response> {
  return fetch(`${baseURL}/api/what-if`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", origin: baseURL },
    body: scenario(i),
  });
}

/** Back-to-back GETs of `path` until `done` settles; their latencies (ms). */
async function probeWhile(url: string, cookie: string, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const latencies: number[] = [];
  while (!finished) {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status} during the what-ifs`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

export async function benchWhatIfLoad(): Promise<string[]> {
  const stack = await startBenchStack({ STAGEWATCH_EVALUATORS: "off" }, "healthy");
  try {
    const { baseURL, cookie } = stack;
    // Warm both routes and the what-if route's modules, so the figure is about the what-ifs.
    for (const path of ["/api/health", "/api/overview?range=1h"])
      await fetch(`${baseURL}${path}`, { headers: { cookie } });
    await postWhatIf(baseURL, cookie, 10_000);

    // The same two clients with no what-if running: on a shared machine the load, not the what-if,
    // may be what holds the p95 up, and this says how much.
    const idle = new Promise((r) => setTimeout(r, 8_000));
    const [healthIdle, overviewIdle] = await Promise.all([
      probeWhile(`${baseURL}/api/health`, cookie, idle),
      probeWhile(`${baseURL}/api/overview?range=1h`, cookie, idle),
    ]);
    const load = os.loadavg()[0] ?? NaN;

    const started = performance.now();
    const runs = Promise.all(Array.from({ length: PARALLEL }, (_, i) => postWhatIf(baseURL, cookie, i)));
    const [health, overview, answers] = await Promise.all([
      probeWhile(`${baseURL}/api/health`, cookie, runs),
      probeWhile(`${baseURL}/api/overview?range=1h`, cookie, runs),
      runs,
    ]);
    const seconds = (performance.now() - started) / 1000;
    const statuses = answers.map((a) => a.status);
    const ok = statuses.filter((s) => s === 200).length;
    const h = p95(health);
    const o = p95(overview);

    const burst = await Promise.all(Array.from({ length: BURST }, (_, i) => postWhatIf(baseURL, cookie, 1_000 + i)));
    const busy = burst.filter((r) => r.status === 429);
    const retryAfter = busy.map((r) => Number(r.headers.get("retry-after")));
    const bad = burst.filter((r) => r.status !== 200 && r.status !== 429).map((r) => r.status);
    const burstPass = busy.length > 0 && retryAfter.every((s) => s >= 1) && bad.length === 0;

    return [
      `what-if under load: ${PARALLEL} what-ifs of 200 seeds in parallel (${ok} answered 200, ${seconds.toFixed(1)} s): /api/health p95 ${h.toFixed(1)} ms over ${health.length} requests (goal < ${GOAL_MS} ms) ${h < GOAL_MS ? "PASS" : "FAIL"}; /api/overview p95 ${o.toFixed(1)} ms over ${overview.length} requests (goal < ${GOAL_MS} ms) ${o < GOAL_MS ? "PASS" : "FAIL"}${ok === PARALLEL ? "" : ` — only ${ok} of ${PARALLEL} answered`}`,
      `what-if under load, the same clients with no what-if running just before: /api/health p95 ${p95(healthIdle).toFixed(1)} ms, /api/overview p95 ${p95(overviewIdle).toFixed(1)} ms (load average ${load.toFixed(1)} on ${os.availableParallelism()} CPUs)`,
      `what-if burst of ${BURST} at once: ${burst.length - busy.length - bad.length} answered, ${busy.length} refused with 429 (Retry-After ${retryAfter.length ? `${Math.min(...retryAfter)}–${Math.max(...retryAfter)} s` : "n/a"}), ${bad.length} other statuses ${burstPass ? "PASS" : `FAIL${bad.length ? ` (${bad.join(", ")})` : ""}`}`,
    ];
  } finally {
    await stack.stop();
  }
}
