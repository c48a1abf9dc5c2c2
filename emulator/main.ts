import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { scenarioNames, worldFromConfig } from "./model";
import { DEFAULT_JWT_SECRET, DEFAULT_SEED, startEmulator } from "./emulator";

/**
 * npm run emulator [-- --scenario incident --time-scale 10 …]
 * Prints the variables to use on stdout (nothing else goes there, so a shell can eval them)
 * and everything else on stderr. Flags fall back to EMULATOR_* variables.
 */

const { values } = parseArgs({
  options: {
    scenario: { type: "string" },
    seed: { type: "string" },
    "time-scale": { type: "string" },
    "recover-after-minutes": { type: "string" },
    "grpc-port": { type: "string" },
    "backend-port": { type: "string" },
    "auth-port": { type: "string" },
    "db-port": { type: "string" },
    "admin-port": { type: "string" },
    "web-port": { type: "string" },
    "web-password": { type: "string" },
    "jwt-secret": { type: "string" },
    "ingest-delay-seconds": { type: "string" },
    config: { type: "string" },
  },
  strict: true,
});

const env = process.env;
const port = z.coerce.number().int().min(0).max(65_535).default(0);
const settings = z
  .strictObject({
    scenario: z.enum(scenarioNames as [string, ...string[]]).default("demo"),
    seed: z.coerce.number().int().default(DEFAULT_SEED),
    timeScale: z.coerce.number().positive().max(10_000).default(1),
    recoverAfterMinutes: z.coerce.number().positive().max(100_000).default(10),
    grpcPort: port,
    backendPort: port,
    authPort: port,
    dbPort: port,
    adminPort: port,
    webPort: port,
    webPassword: z.string().min(8, "must be at least 8 characters").optional(),
    jwtSecret: z.string().min(16, "must be at least 16 characters").default(DEFAULT_JWT_SECRET),
    ingestDelaySeconds: z.coerce.number().min(0).max(600).default(60),
    config: z.string().min(1).default("staging.config.json"),
  })
  .safeParse(
    Object.fromEntries(
      Object.entries({
        scenario: values.scenario ?? env.EMULATOR_SCENARIO,
        seed: values.seed ?? env.EMULATOR_SEED,
        timeScale: values["time-scale"] ?? env.EMULATOR_TIME_SCALE,
        recoverAfterMinutes: values["recover-after-minutes"] ?? env.EMULATOR_RECOVER_AFTER_MINUTES,
        grpcPort: values["grpc-port"] ?? env.EMULATOR_GRPC_PORT,
        backendPort: values["backend-port"] ?? env.EMULATOR_BACKEND_PORT,
        authPort: values["auth-port"] ?? env.EMULATOR_AUTH_PORT,
        dbPort: values["db-port"] ?? env.EMULATOR_DB_PORT,
        adminPort: values["admin-port"] ?? env.EMULATOR_ADMIN_PORT,
        webPort: values["web-port"] ?? env.EMULATOR_WEB_PORT,
        webPassword: values["web-password"] ?? env.EMULATOR_WEB_PASSWORD,
        jwtSecret: values["jwt-secret"] ?? env.EMULATOR_JWT_SECRET,
        ingestDelaySeconds: values["ingest-delay-seconds"] ?? env.EMULATOR_INGEST_DELAY_SECONDS,
        config: values.config ?? env.STAGEWATCH_CONFIG,
      }).filter(([, v]) => v !== undefined && v !== ""),
    ),
  );

const log = (line: string) => process.stderr.write(`${line}\n`);

if (!settings.success) {
  log(
    `emulator: invalid settings:\n${settings.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`,
  );
  process.exit(2);
}
const s = settings.data;

// Read the config directly (not via getEnv) so the emulator needs none of the app's secrets.
const configFile = path.resolve(process.cwd(), s.config);
const stagingVars = Object.fromEntries(
  Object.entries(env).filter((e): e is [string, string] => e[0].startsWith("STAGING_") && e[1] !== undefined),
);
let world;
try {
  world = worldFromConfig(parseStagingConfig(readFileSync(configFile, "utf8"), configFile, stagingVars));
} catch (err) {
  log(`emulator: ${(err as Error).message}`);
  process.exit(2);
}

const emulator = await startEmulator({
  world,
  scenario: s.scenario as (typeof scenarioNames)[number],
  seed: s.seed,
  timeScale: s.timeScale,
  recoverAfterMinutes: s.recoverAfterMinutes,
  jwtSecret: s.jwtSecret,
  ...(s.webPassword ? { webPassword: s.webPassword } : {}),
  ingestDelaySeconds: s.ingestDelaySeconds,
  ports: {
    grpc: s.grpcPort,
    backend: s.backendPort,
    auth: s.authPort,
    db: s.dbPort,
    admin: s.adminPort,
    web: s.webPort,
  },
  log,
});

process.stdout.write(`${emulator.env.map(([k, v]) => `${k}=${v}`).join("\n")}\n# emulator ready\n`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`[emulator] ${signal}: shutting down`);
  emulator.close().then(
    () => process.exit(0),
    (err: unknown) => {
      log(`[emulator] shutdown failed: ${(err as Error).message}`);
      process.exit(1);
    },
  );
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
