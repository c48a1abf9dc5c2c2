import { randomBytes } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import type { ScenarioName, World } from "./model";
import { startAdmin } from "./admin";
import { startDbPort } from "./db-port";
import { startServiceStandin } from "./http-services";
import { startWebFrontend } from "./web-frontend";
import { logMetricsService } from "./log-metrics";
import { loggingServiceImplementation } from "./logging-service";
import { metricServiceImplementation } from "./metric-service";
import { loadGoogleServices } from "./protos";
import { createSloServicesState, sloServices } from "./slo-services";
import { EmulatorState } from "./state";

/** Starts every part of the fake staging project on loopback; the CLI and the tests use this. */

export interface EmulatorOptions {
  world: World;
  scenario?: ScenarioName;
  seed?: number;
  timeScale?: number;
  recoverAfterMinutes?: number;
  /** The secret the backend accepts while the JWT configuration is consistent. */
  jwtSecret?: string;
  /** The presenter's password on the stand-in staging web app (printed as REHEARSAL_DEMO_PASSWORD). */
  webPassword?: string;
  /** 0 = any free port. */
  ports?: { grpc?: number; backend?: number; auth?: number; db?: number; admin?: number; web?: number };
  now?: () => number;
  ingestDelaySeconds?: number;
  historyDays?: number;
  /** The admin port's bearer token; a random one (printed with the variables) when not given. */
  adminToken?: string;
  /** Diagnostics (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  state: EmulatorState;
  ports: { grpc: number; backend: number; auth: number; db: number; admin: number; web: number };
  /** The variables to point Stagewatch at this emulator, in print order. */
  env: [name: string, value: string][];
  close(): Promise<void>;
}

export const HOST = "127.0.0.1";
export const DEFAULT_JWT_SECRET = "stagewatch-emulator-dev-jwt-secret";
export const DEFAULT_SEED = 1278;
export const DEFAULT_WEB_PASSWORD = "stagewatch-demo-presenter";

async function startGrpc(state: EmulatorState, port: number): Promise<{ server: grpc.Server; port: number }> {
  const services = loadGoogleServices();
  const server = new grpc.Server();
  server.addService(services.metricService, metricServiceImplementation(state));
  server.addService(services.loggingService, loggingServiceImplementation(state));
  // Services, SLOs and alert policies for "Export to Cloud Monitoring" (in memory).
  const logMetrics = logMetricsService(state);
  server.addService(logMetrics.definition, logMetrics.implementation);
  for (const s of sloServices(createSloServicesState())) server.addService(s.definition, s.implementation);
  const bound = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${HOST}:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    );
  });
  return { server, port: bound };
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const log = options.log ?? (() => {});
  const state = new EmulatorState({
    world: options.world,
    seed: options.seed ?? DEFAULT_SEED,
    scenario: options.scenario ?? "demo",
    timeScale: options.timeScale ?? 1,
    recoverAfterMinutes: options.recoverAfterMinutes ?? 10,
    ...(options.now ? { now: options.now } : {}),
    ...(options.ingestDelaySeconds !== undefined ? { ingestDelaySeconds: options.ingestDelaySeconds } : {}),
    ...(options.historyDays !== undefined ? { historyDays: options.historyDays } : {}),
  });
  const ports = options.ports ?? {};
  const closers: (() => Promise<void>)[] = [];
  try {
    const rpc = await startGrpc(state, ports.grpc ?? 0);
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          rpc.server.tryShutdown(() => resolve());
          // Streams left open by clients must not keep the process alive.
          setTimeout(() => rpc.server.forceShutdown(), 2000).unref();
        }),
    );
    const jwtSecret = options.jwtSecret ?? DEFAULT_JWT_SECRET;
    const backend = await startServiceStandin({
      state,
      service: "backend",
      host: HOST,
      port: ports.backend ?? 0,
      jwtSecret,
      log,
    });
    closers.push(backend.close);
    const auth = await startServiceStandin({ state, service: "auth", host: HOST, port: ports.auth ?? 0, log });
    closers.push(auth.close);
    const db = await startDbPort({ state, host: HOST, port: ports.db ?? 0, log });
    closers.push(db.close);
    const webPassword = options.webPassword ?? DEFAULT_WEB_PASSWORD;
    const web = await startWebFrontend({
      state,
      host: HOST,
      port: ports.web ?? 0,
      backendWsUrl: `ws://${HOST}:${backend.port}/ws`,
      jwtSecret,
      password: webPassword,
      log,
    });
    closers.push(web.close);
    const adminToken = options.adminToken ?? randomBytes(24).toString("base64url");
    const admin = await startAdmin({
      state,
      host: HOST,
      port: ports.admin ?? 0,
      token: adminToken,
      log,
      onChange: () => void db.sync(),
    });
    closers.push(admin.close);

    const resolved = {
      grpc: rpc.port,
      backend: backend.port,
      auth: auth.port,
      db: db.port,
      admin: admin.port,
      web: web.port,
    };
    log(
      `[emulator] scenario ${state.scenario}, seed ${state.seed}, time scale ${state.timeScale}, project ${options.world.projectId}`,
    );
    return {
      state,
      ports: resolved,
      env: [
        ["MONITORING_EMULATOR_HOST", `${HOST}:${resolved.grpc}`],
        ["LOGGING_EMULATOR_HOST", `${HOST}:${resolved.grpc}`],
        ["STAGING_BACKEND_URL", `http://${HOST}:${resolved.backend}`],
        ["STAGING_AUTH_URL", `http://${HOST}:${resolved.auth}`],
        ["STAGING_BACKEND_WS_URL", `ws://${HOST}:${resolved.backend}/ws`],
        ["STAGING_DB_PORT", String(resolved.db)],
        ["STAGEWATCH_EMULATOR_ADMIN", `http://${HOST}:${resolved.admin}`],
        ["STAGING_WEB_URL", `http://${HOST}:${resolved.web}`],
        ["REHEARSAL_DEMO_PASSWORD", webPassword],
        ["STAGEWATCH_EMULATOR_ADMIN_TOKEN", adminToken],
      ],
      close: async () => {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (err) {
    for (const close of closers.reverse()) await close().catch(() => {});
    throw err;
  }
}
