import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ceilingBitsPerSecond } from "@/lib/core/connector-capacity";
import { startEmulator, type RunningEmulator } from "./emulator";
import { connectorBasis } from "./model/world";
import { configWorld, FIXED_NOW, monitoringClient, testClock } from "./testing";

/**
 * One world: minutes read while they are the newest (live) are the minutes read later as
 * history, point for point, through the real client; and no minute carries more than the
 * connector's ceiling in force. (The reported "jump at now" of `npm run demo` is the demo's
 * recovery, not a second code path: see decision 0022.)
 */

const clock = testClock(FIXED_NOW);
let emulator: RunningEmulator;
let client: ReturnType<typeof monitoringClient>;
const PROJECT = "projects/netra-staging";

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", now: clock.now });
  client = monitoringClient(emulator.ports.grpc);
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});

async function raw(type: string, startMs: number, endMs: number) {
  const [series] = await client.listTimeSeries(
    {
      name: PROJECT,
      filter: `metric.type = "${type}"`,
      interval: { startTime: { seconds: startMs / 1000 }, endTime: { seconds: endMs / 1000 } },
      view: "FULL",
    },
    { autoPaginate: false },
  );
  return series.map((s) => ({
    labels: { ...s.metric?.labels, ...s.resource?.labels },
    points: (s.points ?? []).map((p) => [String(p.interval?.endTime?.seconds), JSON.stringify(p.value)]),
  }));
}

describe("history and live minutes are one world", () => {
  const types = [
    "vpcaccess.googleapis.com/connector/sent_bytes_count",
    "run.googleapis.com/container/startup_latencies",
    "run.googleapis.com/container/completed_probe_count",
  ];

  it.each(types)("%s: the newest minutes read again six hours later are the same points", async (type) => {
    const end = Math.floor((clock.now() - 60_000) / 60_000) * 60_000;
    const live = await raw(type, end - 10 * 60_000, end);
    expect(live.flatMap((s) => s.points).length).toBeGreaterThan(0);
    clock.advance(6 * 3_600_000);
    const later = await raw(type, end - 10 * 60_000, end);
    expect(later).toEqual(live);
    clock.advance(-6 * 3_600_000);
  });

  it("no minute of the incident's history or now carries more than the ceiling in force", async () => {
    const world = configWorld();
    const ceiling = ceilingBitsPerSecond(
      connectorBasis(world, world.connector.machineType),
      world.connector.maxInstances,
    );
    const end = Math.floor((clock.now() - 60_000) / 60_000) * 60_000;
    const [sent, received] = await Promise.all(
      ["sent", "received"].map((d) =>
        raw(`vpcaccess.googleapis.com/connector/${d}_bytes_count`, end - 36 * 3_600_000, end),
      ),
    );
    const bytes = new Map<string, number>();
    for (const s of [...(sent ?? []), ...(received ?? [])])
      for (const [t = "", v = "{}"] of s.points) {
        const value = JSON.parse(v) as { int64Value?: string };
        bytes.set(t, (bytes.get(t) ?? 0) + Number(value.int64Value ?? 0));
      }
    expect(bytes.size).toBeGreaterThan(36 * 60 - 5);
    const worst = Math.max(...[...bytes.values()].map((b) => (b * 8) / 60));
    expect(worst).toBeLessThanOrEqual(ceiling);
    // The incident runs at the ceiling: history is not a cheaper, quieter path.
    expect(worst).toBeGreaterThan(0.8 * ceiling);
  });

  it("a constant scenario's history looks like its live minutes: the incident 35 h ago is the incident now", async () => {
    const end = Math.floor((clock.now() - 60_000) / 60_000) * 60_000;
    const windows = { history: [end - 35 * 3_600_000, end - 34 * 3_600_000], live: [end - 3_600_000, end] } as const;
    const figures = async ([from, to]: readonly [number, number]) => {
      const [sent, received, probes] = await Promise.all([
        raw("vpcaccess.googleapis.com/connector/sent_bytes_count", from, to),
        raw("vpcaccess.googleapis.com/connector/received_bytes_count", from, to),
        raw("run.googleapis.com/container/completed_probe_count", from, to),
      ]);
      let bytes = 0;
      const minutes = new Set<string>();
      for (const s of [...sent, ...received])
        for (const [t = "", v = "{}"] of s.points) {
          bytes += Number((JSON.parse(v) as { int64Value?: string }).int64Value ?? 0);
          minutes.add(t);
        }
      let healthy = 0;
      let all = 0;
      for (const s of probes) {
        if (s.labels.probe_type?.toLowerCase() !== "startup") continue;
        for (const [, v = "{}"] of s.points) {
          const n = Number((JSON.parse(v) as { int64Value?: string }).int64Value ?? 0);
          all += n;
          if (s.labels.is_healthy === "true") healthy += n;
        }
      }
      return { mbps: (bytes * 8) / 60 / minutes.size / 1e6, success: healthy / all, minutes: minutes.size };
    };
    const history = await figures(windows.history);
    const live = await figures(windows.live);
    expect(history.minutes).toBeGreaterThan(55);
    expect(live.minutes).toBeGreaterThan(55);
    // Same minute function, same state: the hour-long means agree within sampling noise.
    expect(Math.abs(history.mbps - live.mbps) / live.mbps).toBeLessThan(0.1);
    expect(Math.abs(history.success - live.success)).toBeLessThan(0.1);
    expect(live.success).toBeLessThan(0.5);
  });
});
