import { readFileSync } from "node:fs";
import path from "node:path";
import { MetricServiceClient } from "@google-cloud/monitoring";
import { protos as loggingProtos, v2 as loggingV2 } from "@google-cloud/logging";
import { googleAuthLibrary, grpc, type CallOptions } from "google-gax";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { worldFromConfig, type World } from "./model";

/**
 * Shared by the emulator's contract tests and the bench: worlds, a controllable clock, and
 * the real Google clients pointed at the emulator (insecure channel, no credentials).
 */

/** A fixed instant for deterministic tests: 2025-09-17 12:00:30 UTC. */
export const FIXED_NOW = Date.UTC(2025, 8, 17, 12, 0, 30);

export function configWorld(): World {
  const file = path.resolve(process.cwd(), "staging.config.json");
  return worldFromConfig(parseStagingConfig(readFileSync(file, "utf8"), file, {}));
}

/** The seed world widened to `count` deployed services (for the bench). */
export function worldWithServices(count: number): World {
  const base = configWorld();
  return {
    ...base,
    services: Array.from({ length: count }, (_, i) => ({
      name: i === 0 ? "backend" : i === 1 ? "auth" : `service-${i}`,
      deployed: true,
      burstInstances: 6 + (i % 5),
      poolSize: 5,
      dbTimeoutSeconds: 8,
    })),
    database: { ...base.database, maxConnections: 500 },
  };
}

export function testClock(start = FIXED_NOW) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

const clientOptions = (port: number) => ({
  apiEndpoint: "127.0.0.1",
  port,
  sslCreds: grpc.credentials.createInsecure(),
  authClient: new googleAuthLibrary.PassThroughClient(),
});

export function monitoringClient(port: number): MetricServiceClient {
  return new MetricServiceClient(clientOptions(port));
}

type ILogEntry = loggingProtos.google.logging.v2.ILogEntry;
type IListLogEntriesRequest = loggingProtos.google.logging.v2.IListLogEntriesRequest;
type IListLogEntriesResponse = loggingProtos.google.logging.v2.IListLogEntriesResponse;

/**
 * @google-cloud/logging 11 declares `v2` as `any`; its v2 clients come from
 * @google-cloud/logging-api (google-gax 5), so this names the one method the tests use.
 */
export interface LoggingClient {
  listLogEntries(
    request: IListLogEntriesRequest,
    options?: CallOptions,
  ): Promise<[ILogEntry[], IListLogEntriesRequest | null, IListLogEntriesResponse]>;
  close(): Promise<void>;
}

export function loggingClient(port: number): LoggingClient {
  const Client = (
    loggingV2 as { LoggingServiceV2Client: new (options: ReturnType<typeof clientOptions>) => LoggingClient }
  ).LoggingServiceV2Client;
  return new Client(clientOptions(port));
}

export type { ILogEntry };

/** The log-based metrics client (MetricsServiceV2) of @google-cloud/logging, pointed at the emulator. */
export function logMetricsClient(port: number): import("@google-cloud/logging-api").MetricsServiceV2Client {
  const Client = (loggingV2 as typeof import("@google-cloud/logging-api")).MetricsServiceV2Client;
  return new Client(clientOptions(port));
}

/** The error a client call failed with (its gRPC code and message); a call that succeeds fails the test. */
export async function rpcError(promise: Promise<unknown>): Promise<{ code?: number; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code?: number; message: string };
  }
  throw new Error("expected the call to fail");
}
