// Starts and stops the pieces of a local Stagewatch: the emulator and the Next server.
// Used by `npm run demo`, the Playwright global setup and the bench, so all three run
// the same processes the same way. Node built-ins only: it runs before anything is installed.
import { spawn } from "node:child_process";
import { cpSync, existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(url, { timeoutMs = 120_000, proc } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError = "no answer";
  while (Date.now() < deadline) {
    if (proc && proc.exitCode !== null)
      throw new Error(`${url}: the process exited with code ${proc.exitCode} before answering`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = err.cause?.code ?? err.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError})`);
}

function stopper(proc) {
  return () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const timer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
      proc.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      proc.kill("SIGTERM");
    });
}

/**
 * Starts the emulator and resolves with the variables it printed (KEY=VALUE lines up to
 * "# emulator ready"). `args` are passed through, e.g. ["--scenario", "incident"].
 */
export function startEmulator({ args = [], env = {}, log = process.stderr } = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(bin("tsx"), ["emulator/main.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const vars = {};
    let buffer = "";
    let ready = false;
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error("the emulator did not become ready within 60 s"));
    }, 60_000);
    // Kept even when the log is silenced, so a failed start says why.
    let errors = "";
    proc.stderr.on("data", (d) => {
      errors = (errors + d).slice(-4000);
      log?.write?.(`[emulator] ${d}`);
    });
    proc.stdout.on("data", (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (ready) continue;
        if (line === "# emulator ready") {
          ready = true;
          clearTimeout(timer);
          resolve({ vars, proc, stop: stopper(proc) });
        } else {
          const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
          if (m) vars[m[1]] = m[2];
        }
      }
    });
    proc.on("exit", (code) => {
      if (!ready) {
        clearTimeout(timer);
        reject(
          new Error(`the emulator exited with code ${code} before it was ready\n--- emulator output ---\n${errors}`),
        );
      }
    });
  });
}

/**
 * The standalone server of a build (next.config.mjs `output: "standalone"`), made runnable as
 * Next's docs say: the static assets (and public/, if any) copied next to server.js. The same
 * layout the Dockerfile builds. Returns the path of server.js.
 */
export function prepareStandalone(distDir = process.env.STAGEWATCH_DIST_DIR || ".next") {
  const dist = path.join(ROOT, distDir);
  if (!existsSync(path.join(dist, "BUILD_ID"))) throw new Error("No build found: run `npm run build` first.");
  const standalone = path.join(dist, "standalone");
  const server = path.join(standalone, "server.js");
  if (!existsSync(server))
    throw new Error(`No standalone server in ${standalone}: build again (next.config.mjs sets output: "standalone").`);
  cpSync(path.join(dist, "static"), path.join(standalone, distDir, "static"), { recursive: true });
  if (existsSync(path.join(ROOT, "public")))
    cpSync(path.join(ROOT, "public"), path.join(standalone, "public"), { recursive: true });
  return server;
}

/**
 * Starts the built dashboard: the standalone server, run by node itself (so killing the PID
 * stops it). It runs in its own folder, so the config and data folder default to this checkout's.
 */
export async function startNext({ port, env = {}, log = process.stderr, host = "127.0.0.1", nodeArgs = [] }) {
  const server = prepareStandalone();
  // nodeArgs: flags NODE_OPTIONS refuses, such as --cpu-prof for profiling a bench run.
  const proc = spawn(process.execPath, [...nodeArgs, server], {
    cwd: path.dirname(server),
    env: {
      STAGEWATCH_CONFIG: path.join(ROOT, "staging.config.json"),
      STAGEWATCH_DATA_DIR: path.join(ROOT, "data"),
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
      PORT: String(port),
      HOSTNAME: host,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (d) => {
    output += d;
    log?.write?.(`[next] ${d}`);
  };
  proc.stdout.on("data", collect);
  proc.stderr.on("data", collect);
  try {
    await waitForHttp(`http://${host}:${port}/api/health`, { proc });
  } catch (err) {
    proc.kill("SIGKILL");
    err.message += `\n--- next output ---\n${output.slice(-4000)}`;
    throw err;
  }
  return { proc, stop: stopper(proc), output: () => output };
}
