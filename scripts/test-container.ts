// npm run test:container — builds the repository's Dockerfile with buildah (on a stand-in for the
// node base image, scripts/lib/container.ts) and runs the image as its own user, on the host
// network, against a loopback PostgreSQL and the emulator: /api/ready, a sign-in, the Overview's
// figures, one demo rehearsal in the image's Chromium, and the SIGTERM drain. Prints the timings
// and the rehearsal's memory, and ends with "N passed, N failed". Needs root.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { signInOverHttp } from "../e2e/http-session";
import { startPostgres, type TestPostgres } from "../lib/testing/postgres";
import { baseTag, buildahFor, ensureBase, openLog } from "./lib/container";
import { overviewFigures, rehearse } from "./lib/image-checks";
import { staleImages, type DanglingImage } from "./lib/image-prune";
import { commandOf, descendants, exeOf, samplePeak, treeMemory, uidOf, type TreeMemory } from "./lib/proc-memory";
import { freePort, ROOT, startEmulator, waitForHttp } from "./lib/stack.mjs";

const IMAGE = "localhost/stagewatch:test";
const PASSWORD = `container-${randomBytes(6).toString("hex")}`;
const LOG_FILE = path.join(ROOT, "test-results", "container", "run.log");
const log = openLog(LOG_FILE);

const results: { name: string; ok: boolean; detail: string }[] = [];
const timings: Record<string, string> = {};
const started = Date.now();
const secs = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** One check: passes when `fn` returns, fails with its error; skipped ones count as failed. */
async function check<T>(name: string, fn: () => Promise<T>): Promise<T | null> {
  const t = Date.now();
  try {
    const value = await fn();
    const note = typeof value === "string" ? `: ${value}` : "";
    results.push({ name, ok: true, detail: secs(t) });
    console.log(`  ✓ ${name} (${secs(t)})${note}`);
    return value;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    results.push({ name, ok: false, detail });
    console.log(`  ✗ ${name} (${secs(t)})\n${detail.replace(/^/gm, "      ")}`);
    return null;
  }
}
function notRun(name: string, because: string): null {
  results.push({ name, ok: false, detail: `not run: ${because}` });
  console.log(`  ✗ ${name} — not run: ${because}`);
  return null;
}
function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

if (process.getuid?.() !== 0) {
  console.error("npm run test:container needs root (mmdebstrap and buildah's storage).");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const { driver, global, buildah } = await buildahFor(log);
console.log(`Container test (buildah, ${driver} storage; full log: ${path.relative(ROOT, LOG_FILE)})`);

const base = await check("stand-in base image (Debian bookworm + Node 20.20.2)", async () => {
  const t = Date.now();
  const cached = await ensureBase(buildah, log);
  timings.base = `${secs(t)}${cached ? " (cached)" : " (built)"}`;
  return true;
});

const BUILD = "the Dockerfile builds (buildah bud)";
const built = base
  ? await check(BUILD, async () => {
      const t = Date.now();
      const output = await buildah([
        "bud",
        "--isolation",
        "chroot",
        "--layers",
        // The runtime stage's Chromium download overlaps the deps and build stages.
        "--jobs",
        "2",
        "--pull-never",
        // Docker's format, as `docker build` makes: OCI's has no HEALTHCHECK and buildah drops it.
        "--format",
        "docker",
        "--build-arg",
        `BASE_IMAGE=${baseTag()}`,
        "--tag",
        IMAGE,
        ROOT,
      ]);
      timings.build = secs(t);
      await pruneEarlierBuilds(output);
      return true;
    })
  : notRun(BUILD, "no base image");

/** Earlier builds' untagged stages go; a failed prune never fails the test (it only costs disk). */
async function pruneEarlierBuilds(buildOutput: string): Promise<void> {
  try {
    const dangling = JSON.parse(await buildah(["images", "--json", "--filter", "dangling=true"])) as
      DanglingImage[] | null;
    const stale = staleImages(dangling ?? [], buildOutput);
    if (stale.length) await buildah(["rmi", ...stale]);
    log.write(`\npruned ${stale.length} untagged image(s) of earlier builds\n`);
  } catch (err) {
    log.write(`\nprune failed (disk only): ${err instanceof Error ? err.message : String(err)}\n`);
  }
}

type ImageConfig = {
  User?: string;
  Env?: string[];
  Cmd?: string[];
  WorkingDir?: string;
  Healthcheck?: { Test?: string[] };
};
const CONFIG = "the image runs as node with Chromium at STAGEWATCH_CHROMIUM_PATH";
const config = built
  ? await check(CONFIG, async () => {
      const c = (
        JSON.parse(await buildah(["inspect", "--type", "image", IMAGE])) as { Docker: { config: ImageConfig } }
      ).Docker.config;
      assert(c.User === "node", `USER is ${JSON.stringify(c.User)}, not "node"`);
      const chromium = c.Env?.find((e) => e.startsWith("STAGEWATCH_CHROMIUM_PATH="))?.split("=")[1];
      assert(chromium, "no STAGEWATCH_CHROMIUM_PATH in the image's environment");
      assert(c.Cmd?.length, "no CMD");
      const images = JSON.parse(await buildah(["images", "--json", IMAGE])) as { size?: string }[];
      timings.imageSize = images[0]?.size ?? "unknown";
      return { ...c, chromium };
    })
  : notRun(CONFIG, "no image");

// `--build-only`: npm test builds the image at low priority while its e2e suite runs (mostly
// waiting on probes and scenario switches), then runs this test in full on the cached layers.
if (process.argv.includes("--build-only")) {
  const passed = results.filter((r) => r.ok).length;
  console.log(`Image build: ${JSON.stringify(timings)}`);
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exit(passed === results.length ? 0 : 1);
}

// The stack around the image: the same pieces and settings as the e2e stack (e2e/own-stack.ts).
let pg: TestPostgres | null = null;
let emulator: Awaited<ReturnType<typeof startEmulator>> | null = null;
let container = "";
let server: ChildProcess | null = null;
let serverOutput = "";
let memory: { idle: TreeMemory; peak: TreeMemory } | null = null;
const cleanup = async () => {
  // buildah's helpers and the server outlive a killed `buildah run`: the whole tree goes.
  if (server?.pid && server.exitCode === null)
    for (const p of descendants(server.pid).reverse()) {
      try {
        process.kill(p, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  if (container) await buildah(["rm", container]).catch(() => "");
  await emulator?.stop();
  await pg?.stop();
};

// Ctrl-C: the server, the emulator and PostgreSQL would otherwise outlive the test.
process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));

try {
  const STACK = "PostgreSQL and the emulator start on loopback";
  const stack = config
    ? await check(STACK, async () => {
        pg = await startPostgres();
        const jwt = randomBytes(24).toString("base64url");
        emulator = await startEmulator({ args: ["--scenario", "healthy", `--jwt-secret=${jwt}`], log: null });
        return { jwt, vars: emulator.vars };
      })
    : notRun(STACK, "no image");

  const READY = "the image's server answers /api/ready as user node";
  const running =
    config && stack && pg
      ? await check(READY, async () => {
          const port = await freePort();
          const baseURL = `http://127.0.0.1:${port}`;
          const env: Record<string, string> = {
            ...stack.vars,
            PORT: String(port),
            // Host network: only loopback, so nothing on this machine's other addresses answers.
            HOSTNAME: "127.0.0.1",
            NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
            NEXTAUTH_URL: baseURL,
            STAGEWATCH_DATABASE_URL: (pg as TestPostgres).url,
            STAGEWATCH_DEMO: "1",
            STAGEWATCH_ALLOW_DEMO: "1",
            STAGEWATCH_DEMO_PASSWORD: PASSWORD,
            PROBE_JWT_SECRET: stack.jwt,
            // Only the rehearsal this test asks for runs, so its memory is the rehearsal's own.
            STAGEWATCH_PROBES: "off",
            STAGEWATCH_REHEARSAL_ON_DEMAND_SECONDS: "5",
          };
          container = await buildah(["from", "--pull-never", IMAGE]);
          // The image's own user, working directory, environment and CMD (buildah run takes the
          // first three from the image; the CMD it leaves to us).
          const args = ["run", "--isolation", "chroot", "--network", "host"];
          for (const [k, v] of Object.entries(env)) args.push("--env", `${k}=${v}`);
          server = spawnBuildah([...args, container, "--", ...(config.Cmd ?? [])]);
          await waitForHttp(`${baseURL}/api/ready`, { timeoutMs: 90_000, proc: server }).catch((err: Error) => {
            throw new Error(`${err.message}\n--- server output ---\n${serverOutput.slice(-3000)}`);
          });
          const ready = (await (await fetch(`${baseURL}/api/ready`)).json()) as { ready?: boolean; role?: string };
          assert(ready.ready === true, `/api/ready answered ${JSON.stringify(ready)}`);
          const nodePid = serverPid(server);
          const uid = uidOf(nodePid);
          assert(uid === 1000, `the server (${commandOf(nodePid)}) runs as uid ${uid}, not node (1000)`);
          return { baseURL, nodePid, role: ready.role };
        })
      : notRun(READY, "no image or stack");

  const HEALTH = "the image's HEALTHCHECK passes against the running server";
  if (running && config) {
    await check(HEALTH, async () => {
      const [kind, ...cmd] = config.Healthcheck?.Test ?? [];
      assert(kind === "CMD" && cmd.length, `no HEALTHCHECK CMD: ${JSON.stringify(config.Healthcheck)}`);
      // A second process in the same container, as the engine runs it, with the server's PORT.
      const port = new URL(running.baseURL).port;
      await buildah([
        "run",
        "--isolation",
        "chroot",
        "--network",
        "host",
        "--env",
        `PORT=${port}`,
        container,
        "--",
        ...cmd,
      ]);
    });
  } else notRun(HEALTH, "no server");

  const SIGN_IN = "a demo user signs in (credentials)";
  const jar = running
    ? await check(SIGN_IN, async () => {
        const attempt = await signInOverHttp(running.baseURL, "engineer", PASSWORD);
        assert(attempt.signedIn, `no session cookie (HTTP ${attempt.status})`);
        return attempt.jar;
      })
    : notRun(SIGN_IN, "no server");

  const OVERVIEW = "the Overview's figures come from the emulator";
  const REHEARSAL = "a demo rehearsal runs in the image's Chromium and leaves the rehearsal check passing";
  if (running && jar) {
    await check(OVERVIEW, () => overviewFigures(running.baseURL, jar));
    await check(REHEARSAL, async () => {
      const idle = treeMemory(running.nodePid);
      const sampler = samplePeak(running.nodePid);
      let peak: TreeMemory | null = null;
      try {
        await rehearse(running.baseURL, jar);
      } finally {
        peak = sampler.stop();
        memory = { idle, peak };
      }
      // The browser was the image's: a chromium process under the image's node.
      assert(
        peak.executables.includes("chromium"),
        `no chromium under the server, only ${peak.executables.join(", ")}`,
      );
    });
  } else {
    notRun(OVERVIEW, "no signed-in server");
    notRun(REHEARSAL, "no signed-in server");
  }

  const SIGTERM = "SIGTERM: the server drains and exits within 8 s";
  if (running && server) {
    const proc: ChildProcess = server;
    await check(SIGTERM, async () => {
      const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
      const t = Date.now();
      process.kill(running.nodePid, "SIGTERM");
      const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 15_000))]);
      const ms = Date.now() - t;
      timings.drain = `${ms} ms`;
      assert(code !== "timeout", "still running 15 s after SIGTERM");
      assert(ms <= 8_000, `took ${ms} ms`);
      // As e2e/deploy.spec.ts: Next's handler exits with 128 + SIGTERM once our shutdown has run.
      assert(code === 143, `exited with ${code}`);
      assert(
        serverOutput.includes("stopped its background work: shutting down"),
        `no shutdown line in the output:\n${serverOutput.slice(-1500)}`,
      );
      return `${ms} ms`;
    });
  } else notRun(SIGTERM, "no server");
} finally {
  await cleanup();
}

timings.total = secs(started);
console.log(
  `\nTimings: ${Object.entries(timings)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}`,
);
if (memory) {
  const { idle, peak } = memory as { idle: TreeMemory; peak: TreeMemory };
  console.log(
    `Memory (server + Chromium): idle ${idle.rssMb} MB RSS / ${idle.pssMb} MB PSS; ` +
      `peak during the rehearsal ${peak.rssMb} MB RSS / ${peak.pssMb} MB PSS over up to ${peak.processes} processes`,
  );
}
const passed = results.filter((r) => r.ok).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);

/** A long-running `buildah run`: its output goes to the log, and its tail is kept for the checks. */
function spawnBuildah(args: string[]): ChildProcess {
  const proc = spawn("buildah", [...global, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const keep = (d: Buffer) => {
    serverOutput = (serverOutput + d.toString()).slice(-20_000);
    log.write(d);
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  return proc;
}

/**
 * The image's Node process under `buildah run`. Chroot isolation shares the host's PID namespace,
 * and buildah's own helpers (buildah-chroot-exec) sit between: the server is the process whose
 * executable is node (Next renames its title to next-server).
 */
function serverPid(proc: ChildProcess): number {
  const pid = descendants(proc.pid ?? -1).find((p) => path.basename(exeOf(p)) === "node");
  if (!pid) throw new Error("no node process under buildah run");
  return pid;
}
