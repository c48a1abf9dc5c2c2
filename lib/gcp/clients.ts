import "server-only";
import { MetricServiceClient } from "@google-cloud/monitoring";
import { v2 as loggingApi } from "@google-cloud/logging";
import type { LoggingServiceV2Client, MetricsServiceV2Client } from "@google-cloud/logging-api";
import { googleAuthLibrary, grpc, type ClientOptions } from "google-gax";
import { getEnv } from "@/lib/config/env";
import { detectGoogleAccess, noCredentialsLine, type GoogleAccess } from "./credentials";
import type { UpstreamApi } from "./upstream-error";
import { getStagingConfig } from "@/lib/config/staging-config";
import { processSingleton } from "@/lib/base/singleton";

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
  /** APIs pointed at an emulator, which need no credentials. */
  emulated: Record<UpstreamApi, boolean>;
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
 * `access` answers whether there are any; by default this set asks google-auth-library once.
 */
export function createGcpClients(settings: ClientSettings, access?: () => Promise<GoogleAccess>): GcpClients {
  const { projectId, monitoringEmulatorHost, loggingEmulatorHost } = settings;
  let asked: Promise<GoogleAccess> | undefined;
  return {
    access: access ?? (() => (asked ??= detectGoogleAccess(settings))),
    emulated: { monitoring: Boolean(monitoringEmulatorHost), logging: Boolean(loggingEmulatorHost) },
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

/**
 * This process's answer, asked once and shared as plain data: start-up (instrumentation, a
 * bundle of its own), /api/ready and the clients all read it without creating clients or
 * error classes in one bundle that another bundle would have to recognise.
 */
export function getGoogleAccess(): Promise<GoogleAccess> {
  return processSingleton("google-access", () => {
    const env = getEnv();
    return detectGoogleAccess({
      monitoringEmulatorHost: env.MONITORING_EMULATOR_HOST,
      loggingEmulatorHost: env.LOGGING_EMULATOR_HOST,
    });
  });
}

// One set of channels per process (route bundles and dev reloads included).
export function getGcpClients(): GcpClients {
  return processSingleton("gcp-clients", () => createGcpClients(clientSettingsFromEnv(), getGoogleAccess));
}

/** Says once, at start-up, when this process has no Google credentials (reads then say unknown). */
export async function announceGoogleAccess(log: (line: string) => void = console.error): Promise<void> {
  const line = noCredentialsLine(await getGoogleAccess());
  if (line) log(line);
}

/**
 * Creates this process's clients and their gRPC stubs at start-up, without calling Google: the
 * stubs load every service's protocol definitions, a few hundred ms of CPU that otherwise fell
 * on the first viewer's request (a cold server's first Overview waited for it before its verdict).
 */
export async function prepareGcpClients(): Promise<void> {
  const { monitoring, logging, logMetrics } = getGcpClients();
  await Promise.all([monitoring.initialize(), logging.initialize(), logMetrics.initialize()]);
}
