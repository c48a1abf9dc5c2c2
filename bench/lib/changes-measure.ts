import fs from "node:fs";
import { startEmulator } from "../../emulator/emulator";
import { configWorld, testClock } from "../../emulator/testing";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { QueryCache } from "@/lib/gcp/cache";
import { createGcpClients } from "@/lib/gcp/clients";
import { upstreamCalls } from "@/lib/gcp/counter";
import { changes } from "@/lib/metrics/changes";
import { metricsContext } from "@/lib/gcp/read-context";
import { createReader } from "@/lib/gcp/reader";
import { parseTimeRange } from "@/lib/core/time-range";

/**
 * Issue 25: the upstream calls changes add. 1 and 100 viewers each ask for the range's changes
 * every 5 s (what a chart's markers and the Changes view poll) for 10 minutes of a simulated
 * clock, against the emulator's Logging (the counting stand-in: lib/gcp/counter counts every
 * ListLogEntries call, page by page). Goal: one Logging read per cache period whatever the viewers.
 *
 * Run by bench/changes-bench.ts in its own process under the react-server condition (the
 * metrics code is server-only).
 */

const POLL_MS = 5_000;
const MINUTES = 10;

async function measure(): Promise<string[]> {
  const config = parseStagingConfig(fs.readFileSync("staging.config.json", "utf8"), "bench", {});
  const lines: string[] = [];
  for (const viewers of [1, 100]) {
    const clock = testClock(Date.now());
    const emulator = await startEmulator({ world: configWorld(), scenario: "demo", now: clock.now });
    const host = `127.0.0.1:${emulator.ports.grpc}`;
    const clients = createGcpClients({ projectId: config.project.id, loggingEmulatorHost: host });
    const reader = createReader(clients, new QueryCache({ now: clock.now }));
    try {
      const before = upstreamCalls().listLogEntries ?? 0;
      const fetches = new Set<string | null>();
      for (let t = 0; t < MINUTES * 60_000; t += POLL_MS) {
        const parsed = parseTimeRange(new URLSearchParams("range=1h"), new Date(clock.now()));
        if (!parsed.ok) throw new Error("range");
        const ctx = metricsContext(reader, config, parsed.range, clock.now());
        const answers = await Promise.all(Array.from({ length: viewers }, () => changes(ctx, {}, false)));
        for (const a of answers) fetches.add(a.measuredAt);
        clock.advance(POLL_MS);
      }
      const calls = (upstreamCalls().listLogEntries ?? 0) - before;
      // Distinct fetch times seen by the viewers: each is one cached read (its pages included).
      const reads = fetches.size;
      lines.push(
        `changes, ${viewers} viewer${viewers === 1 ? "" : "s"} polling /api/changes?range=1h every 5 s for ${MINUTES} simulated minutes: ${(calls / MINUTES).toFixed(1)} ListLogEntries calls per minute = ${reads} reads (${(calls / reads).toFixed(1)} pages each: 49 h of audit log) in ${MINUTES} periods of 60 s, goal ≤ 1 read per period plus the first ${reads <= MINUTES + 1 ? "PASS" : "FAIL"}`,
      );
    } finally {
      await clients.logging.close();
      await clients.monitoring.close();
      await clients.logMetrics.close();
      await emulator.close();
    }
  }
  return lines;
}

measure().then(
  (lines) => {
    console.log(JSON.stringify(lines));
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
