// Test harness: the emulator in-process on a clock the test moves, and a reader over it.
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { configWorld, testClock } from "@/emulator/testing";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { QueryCache } from "@/lib/gcp/cache";
import { createGcpClients, type GcpClients } from "@/lib/gcp/clients";
import type { ScenarioName } from "@/emulator/model";
import { createReader, type Reader } from "@/lib/gcp/reader";
import type { EvidenceSources } from "./snapshot";

export interface EmulatedStaging {
  emulator: RunningEmulator;
  clock: ReturnType<typeof testClock>;
  reader: Reader;
  sources: (config: StagingConfig) => EvidenceSources;
  close(): Promise<void>;
}

/** Starts the real emulator (gRPC Monitoring + Logging) with a controllable clock. */
export async function emulatedStaging(scenario: ScenarioName, start: number): Promise<EmulatedStaging> {
  const clock = testClock(start);
  const emulator = await startEmulator({ world: configWorld(), scenario, now: clock.now, historyDays: 1 });
  const host = `127.0.0.1:${emulator.ports.grpc}`;
  const clients: GcpClients = createGcpClients({
    projectId: "netra-staging",
    monitoringEmulatorHost: host,
    loggingEmulatorHost: host,
  });
  // errorTtlMs 0: a test that breaks the upstream sees the next read fail, not a remembered one.
  const reader = createReader(clients, new QueryCache({ now: clock.now, errorTtlMs: 0 }));
  return {
    emulator,
    clock,
    reader,
    sources: (config) => ({
      reader: () => reader,
      config: () => config,
      // The probe store is the probes helper's; these tests cover metrics and phases.
      probes: async () => ({}),
      blockingPhases: async () => 0,
    }),
    close: async () => {
      await clients.monitoring.close();
      await clients.logging.close();
      await clients.logMetrics.close();
      await emulator.close();
    },
  };
}
