import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator } from "../../emulator/emulator";
import { worldWithServices } from "../../emulator/testing";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { QueryCache } from "@/lib/gcp/cache";
import { createGcpClients } from "@/lib/gcp/clients";
import { upstreamCalls } from "@/lib/gcp/counter";
import { createReader } from "@/lib/gcp/reader";
import { evaluateSlos, type SloDeps } from "@/lib/slo/service";
import { openStore } from "@/lib/store/db";

/**
 * Issue 18: SLO figures for 10 services over 28 days (11 SLOs: all + each service, every burn
 * window, alert steps recorded in SQLite), against the emulator's 30-day history over gRPC.
 * Cold = empty cache (both reads go upstream); warm = the same minute again (the shared cache
 * answers); next minute = a new 60-s interval (only the fine read goes upstream).
 *
 * Run by bench/slo-bench.ts in its own process under the react-server condition, because the
 * SLO service is server-only code (its `server-only` marker throws anywhere else).
 */

const RUNS = 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function measure(): Promise<string[]> {
  const world = worldWithServices(10);
  const emulator = await startEmulator({ world, scenario: "incident", historyDays: 30 });
  const clients = createGcpClients({
    projectId: "netra-staging",
    monitoringEmulatorHost: `127.0.0.1:${emulator.ports.grpc}`,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-slo-bench-"));
  const store = await openStore({ sqlitePath: path.join(dir, "s.sqlite") });
  try {
    const raw = JSON.parse(fs.readFileSync("staging.config.json", "utf8")) as Record<string, unknown>;
    raw.services = world.services.map((s) => ({ name: s.name }));
    const config = parseStagingConfig(JSON.stringify(raw), "bench", {});
    let cache = new QueryCache();
    const deps: SloDeps = {
      reader: () => createReader(clients, cache),
      config: () => config,
      db: async () => store.db,
      baseUrl: () => null,
    };
    const run = async (now: number) => {
      const before = upstreamCalls().listTimeSeries;
      const started = performance.now();
      const r = await evaluateSlos(now, deps);
      return {
        ms: performance.now() - started,
        calls: upstreamCalls().listTimeSeries - before,
        slos: r.response.slos.length,
      };
    };
    const now = Date.now();
    const cold = await run(now);
    const warm: { ms: number; calls: number }[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await run(now));
    const next = await run(now + 60_000);
    // Emulator warm, Stagewatch's cache empty: what a new replica pays for its first view.
    cache = new QueryCache();
    const coldCacheOnly = await run(now + 60_000);
    const warmCalls = warm.reduce((n, w) => n + w.calls, 0) / RUNS;
    return [
      `slo: ${cold.slos} SLOs (10 services + all) over 28 days, 6 burn windows, 3 rules each: cold ${cold.ms.toFixed(0)} ms (${cold.calls} ListTimeSeries), warm median ${median(warm.map((w) => w.ms)).toFixed(1)} ms (${warmCalls.toFixed(2)} upstream calls per refresh)`,
      `slo: next minute ${next.ms.toFixed(0)} ms (${next.calls} upstream calls; within the hour only the 60-s read is new); empty cache on a warm emulator ${coldCacheOnly.ms.toFixed(0)} ms (${coldCacheOnly.calls} calls)`,
    ];
  } finally {
    await store.close();
    await clients.monitoring.close();
    await clients.logging.close();
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

measure()
  .then((lines) => {
    process.stdout.write(`${JSON.stringify(lines)}\n`);
    process.exit(0);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
