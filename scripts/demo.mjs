#!/usr/bin/env node
// npm run demo — install what is missing, build, start the emulator (a fake staging project
// on loopback) and the dashboard on http://localhost:3000 (or $PORT), print the demo logins.
import { randomBytes } from "node:crypto";
import { ensureNodeModules, ensureSystemPackages, run } from "./lib/ensure.mjs";
import { startEmulator, startNext } from "./lib/stack.mjs";

ensureNodeModules();
// The demo rehearsal walks the stand-in staging app in Debian's Chromium; without it the
// rehearsal shows as unknown (never passed) and the rest of the demo still runs.
ensureSystemPackages(["chromium"], "npm run demo", { required: false });
console.log("Building the dashboard (about a minute on 2 cores)…");
if (run("node_modules/.bin/next", ["build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } }) !== 0) {
  console.error("The build failed; see the output above.");
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
const password = process.env.STAGEWATCH_DEMO_PASSWORD ?? randomBytes(9).toString("base64url");
const jwtSecret = randomBytes(24).toString("base64url");
const quiet = { write() {} };

console.log("Starting the emulator…");
const emulator = await startEmulator({
  args: ["--scenario", process.env.EMULATOR_SCENARIO ?? "demo", `--jwt-secret=${jwtSecret}`],
  log: process.env.DEMO_VERBOSE ? process.stderr : quiet,
});

console.log("Starting the dashboard…");
let next;
try {
  next = await startNext({
    port,
    host: "127.0.0.1",
    log: process.stdout,
    env: {
      ...emulator.vars,
      NODE_ENV: "production",
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      STAGEWATCH_DEMO: "1",
      STAGEWATCH_ALLOW_DEMO: "1",
      STAGEWATCH_DEMO_PASSWORD: password,
      PROBE_JWT_SECRET: jwtSecret,
    },
  });
} catch (err) {
  console.error(err.message);
  await emulator.stop();
  process.exit(1);
}

console.log(`
  Stagewatch is running: http://localhost:${port}

  Demo logins (password for all: ${password})
    leader    viewer    — leadership
    engineer  engineer  — edits the tracker, runs probes
    sales     viewer    — demo readiness
    admin     admin     — share links and users

  Emulator admin (switch scenarios): ${emulator.vars.STAGEWATCH_EMULATOR_ADMIN ?? "n/a"}
    token (loopback only, every change needs it): ${emulator.vars.STAGEWATCH_EMULATOR_ADMIN_TOKEN ?? "n/a"}
    e.g. curl -X POST -H "Authorization: Bearer ${emulator.vars.STAGEWATCH_EMULATOR_ADMIN_TOKEN ?? "TOKEN"}" -d '{"scenario":"healthy"}' ${emulator.vars.STAGEWATCH_EMULATOR_ADMIN ?? ""}/scenario
  Press Ctrl-C to stop.
`);

let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all([next.stop(), emulator.stop()]);
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
next.proc.on("exit", (code) => {
  if (!stopping) console.error(`The dashboard exited (code ${code}).`);
  shutdown(code ?? 1);
});
emulator.proc.on("exit", (code) => {
  if (!stopping) console.error(`The emulator exited (code ${code}).`);
  shutdown(code ?? 1);
});
