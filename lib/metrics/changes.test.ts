import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { configWorld, FIXED_NOW, testClock } from "@/emulator/testing";
import { ApiError } from "@/lib/base/api-error";
import { QueryCache } from "@/lib/gcp/cache";
import { createGcpClients, type GcpClients } from "@/lib/gcp/clients";
import { upstreamCalls } from "@/lib/gcp/counter";
import { seedConfig } from "@/lib/tracker/testing";
import { parseTimeRange } from "@/lib/core/time-range";
import { changes } from "./changes";
import { connector } from "./connector";
import { metricsContext } from "@/lib/gcp/read-context";
import { overview } from "./overview";
import { createReader } from "@/lib/gcp/reader";

/**
 * Changes through the whole read path on the emulator's demo: the Overview names the deploy
 * before the incident as a correlation, /api/changes lists the deploys, the failed and the
 * successful resize; with Cloud Logging unreachable the connector still answers and changes are
 * an error (unknown), never an empty list.
 */

const config = seedConfig();
const clock = testClock(FIXED_NOW);
let emulator: RunningEmulator;
const opened: GcpClients[] = [];

function readerAt(loggingHost: string) {
  const clients = createGcpClients({
    projectId: "netra-staging",
    monitoringEmulatorHost: `127.0.0.1:${emulator.ports.grpc}`,
    loggingEmulatorHost: loggingHost,
  });
  opened.push(clients);
  return createReader(clients, new QueryCache({ now: clock.now, errorTtlMs: 0, maxAttempts: 1 }));
}
const ctxOf = (reader: ReturnType<typeof readerAt>, range: string) => {
  const parsed = parseTimeRange(new URLSearchParams(range), new Date(clock.now()));
  if (!parsed.ok) throw new Error("bad range");
  return metricsContext(reader, config, parsed.range, clock.now());
};

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "demo", now: clock.now, recoverAfterMinutes: 10 });
}, 60_000);
afterAll(async () => {
  for (const c of opened) await Promise.all([c.logging.close(), c.monitoring.close(), c.logMetrics.close()]);
  await emulator.close();
});

describe("changes on the emulator's demo", () => {
  it("the Overview's reason names the deploy before the incident, as a correlation", async () => {
    const reader = readerAt(`127.0.0.1:${emulator.ports.grpc}`);
    const body = await overview(ctxOf(reader, "range=24h"), async () => []);
    expect(body.verdict.status).toBe("down");
    expect(body.verdict.reason).toMatch(
      /Start-ups failing since before the range; the last change before it: [a-z]+-\d{5}-[a-z]{3} was deployed at .* \(a correlation in time, not a confirmed cause\)\.$/,
    );
  });

  it("lists deploys with revision and actor, and one Logging read per cache period whatever the viewers", async () => {
    clock.advance(12 * 60_000);
    // A long range is a few pages of one read (Logging stops a long scan and hands a token back).
    const calls = async (viewers: number) => {
      const reader = readerAt(`127.0.0.1:${emulator.ports.grpc}`);
      const before = upstreamCalls().listLogEntries ?? 0;
      const answers = await Promise.all(
        Array.from({ length: viewers }, () => changes(ctxOf(reader, "range=7d"), {}, true)),
      );
      return { answers, calls: (upstreamCalls().listLogEntries ?? 0) - before };
    };
    const one = await calls(1);
    const { answers, calls: many } = await calls(20);
    expect(many).toBe(one.calls);
    expect(one.answers[0]?.truncated).toBe(false);
    const [body] = answers;
    const deploys = body?.changes.filter((c) => c.kind === "deploy") ?? [];
    expect(deploys.length).toBeGreaterThan(0);
    expect(deploys[0]?.actor).toBe("deployer@netra-staging.iam.gserviceaccount.com");
    expect(deploys[0]?.details.revision).toMatch(/-\d{5}-[a-z]{3}$/);
    // The 7-day range is aligned to whole periods: the failed resize of the incident is in it.
    expect(body?.changes.filter((c) => c.kind === "connector").map((c) => [c.outcome, c.actor])).toEqual([
      ["failed", "maria.keller@example.com"],
    ]);
    // The recovery's resize, 4 min ago, is in the last hour (for an engineer, and without the email for a viewer).
    const reader = readerAt(`127.0.0.1:${emulator.ports.grpc}`);
    const hour = await changes(ctxOf(reader, "range=1h"), { kind: "connector" }, true);
    expect(hour.changes.map((c) => [c.outcome, c.actor, c.details.machineType])).toEqual([
      ["succeeded", "maria.keller@example.com", "e2-standard-4"],
    ]);
    const viewer = await changes(ctxOf(reader, "range=1h"), { kind: "connector" }, false);
    expect(viewer.changes.map((c) => c.actor)).toEqual([null]);
  });

  it("after the recorded resize the connector's throughput is drawn against the ceiling in force", async () => {
    // 12 min after the start: the resize to e2-standard-4 finished at 9 min 35 s.
    const body = await connector(ctxOf(readerAt(`127.0.0.1:${emulator.ports.grpc}`), "range=1h"));
    expect(body.connector.machineType).toBe("e2-standard-4");
    const ceilingAt = new Map(body.ceiling.map((p) => [p.t, p.bps]));
    const points = body.throughput.filter((p) => p.total !== null);
    expect(points.length).toBeGreaterThan(30);
    for (const p of points) expect(p.total ?? 0).toBeLessThanOrEqual(ceilingAt.get(p.t) ?? 0);
    expect(body.ceiling.at(-1)?.bps).toBe(3 * 1600e6);
    expect(body.ceiling[0]?.bps).toBe(3 * 100e6);
  });

  it("with Cloud Logging unreachable the connector still answers and changes are unknown, not empty", async () => {
    const reader = readerAt("127.0.0.1:1");
    const ctx = ctxOf(reader, "range=1h");
    await expect(connector(ctx)).resolves.toMatchObject({ stale: false });
    const failure = await changes(ctx, {}, true).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBeGreaterThanOrEqual(502);
  });
});
