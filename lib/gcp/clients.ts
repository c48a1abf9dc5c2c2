import "server-only";
import { MetricServiceClient } from "@google-cloud/monitoring";
import { v2 as loggingApi } from "@google-cloud/logging";
import type { LoggingServiceV2Client, MetricsServiceV2Client } from "@google-cloud/logging-api";
import { googleAuthLibrary, grpc, type ClientOptions } from "google-gax";
import { getEnv } from "@/lib/config/env";
import { detectGoogleAccess, NoCredentialsError, noCredentialsLine, type GoogleAccess } from "./credentials";
import type { UpstreamApi } from "./upstream-error";
import { getStagingConfig } from "@/lib/config/staging-config";
import { processSingleton } from "@/lib/server/singleton";

export type Source = "gcp" | "emulator";

export type GcpClients = {
  monitoring: MetricServiceClient;
  logging: LoggingServiceV2Client;
  /** Log-based metrics (failure counts per cause), on the Logging endpoint. */
  logMetrics: MetricsServiceV2Client;
  projectId: string;
  /** "emulator" when either API is pointed at an emulator: the numbers are not Google's. */
  source: Source;
  /** Whether Google can be called at all, asked once (lib/gcp/credentials.ts says why). */
  access: () => Promise<GoogleAccess>;
  /** Resolves when `api` can be called; a NoCredentialsError when it needs credentials there are none of. */
  ensureAccess: (api: UpstreamApi) => Promise<void>;
};

export type ClientSettings = {
  projectId: string;
  monitoringEmulatorHost?: string;
  loggingEmulatorHost?: string;
};

// @google-cloud/logging types its generated-client export as `any`; it is the
// @google-cloud/logging-api module, built on the same google-gax 5 as the monitoring client,
// so grpc and the auth library below come from one copy for both.
const LoggingClient = (loggingApi as typeof import("@google-cloud/logging-api")).LoggingServiceV2Client;
const LogMetricsClient = (loggingApi as typeof import("@google-cloud/logging-api")).MetricsServiceV2Client;

/** Insecure channel, no credentials: what Google's emulator variables mean. */
export function emulatorOptions(hostPort: string): ClientOptions {
  const at = hostPort.lastIndexOf(":");
  const host = hostPort.slice(0, at).replace(/^\[(.*)\]$/, "$1");
  return {
    apiEndpoint: host,
    port: Number(hostPort.slice(at + 1)),
    sslCreds: grpc.credentials.createInsecure(),
    authClient: new googleAuthLibrary.PassThroughClient(),
  };
}

/**
 * New clients; production uses Application Default Credentials (the clients' default).
 * `findCredentials` replaces google-auth-library's search in tests.
 */
export function createGcpClients(settings: ClientSettings, findCredentials?: () => Promise<unknown>): GcpClients {
  const { projectId, monitoringEmulatorHost, loggingEmulatorHost } = settings;
  let asked: Promise<GoogleAccess> | undefined;
  const access = () => (asked ??= detectGoogleAccess(settings, findCredentials));
  const emulated: Record<UpstreamApi, boolean> = {
    monitoring: Boolean(monitoringEmulatorHost),
    logging: Boolean(loggingEmulatorHost),
  };
  return {
    access,
    ensureAccess: async (api) => {
      if (emulated[api]) return;
      const a = await access();
      // Never hand the call to a client that would fail in its unawaited stub set-up.
      if (a.state === "missing") throw new NoCredentialsError(api, a.reason);
    },
    monitoring: new MetricServiceClient(
      monitoringEmulatorHost ? emulatorOptions(monitoringEmulatorHost) : { projectId },
    ),
    logging: new LoggingClient(loggingEmulatorHost ? emulatorOptions(loggingEmulatorHost) : { projectId }),
    logMetrics: new LogMetricsClient(loggingEmulatorHost ? emulatorOptions(loggingEmulatorHost) : { projectId }),
    projectId,
    source: monitoringEmulatorHost || loggingEmulatorHost ? "emulator" : "gcp",
  };
}

export function clientSettingsFromEnv(): ClientSettings {
  const env = getEnv();
  return {
    // GOOGLE_CLOUD_PROJECT, when set, overrides the config's project (the usual deploy-time switch).
    projectId: env.GOOGLE_CLOUD_PROJECT ?? getStagingConfig().project.id,
    monitoringEmulatorHost: env.MONITORING_EMULATOR_HOST,
    loggingEmulatorHost: env.LOGGING_EMULATOR_HOST,
  };
}

// One set of channels per process (route bundles and dev reloads included).
export function getGcpClients(): GcpClients {
  return processSingleton("gcp-clients", () => createGcpClients(clientSettingsFromEnv()));
}

/** Says once, at start-up, when this process has no Google credentials (reads then say unknown). */
export async function announceGoogleAccess(log: (line: string) => void = console.error): Promise<void> {
  const line = noCredentialsLine(await getGcpClients().access());
  if (line) log(line);
}
