import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A throwaway PostgreSQL for tests, from Debian's packages: initdb into a temp dir, a postgres
 * process on a free loopback port (run as the `postgres` user when we are root, since
 * PostgreSQL refuses to run as root), password auth over TCP, removed again by stop().
 */

export interface TestPostgres {
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

function findBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

const BIN = findBinDir();
const AS_ROOT = process.getuid?.() === 0;

const MISSING = BIN ? null : "no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)";
// npm test installs PostgreSQL when it can (as root) and then sets this, so a missing server
// fails the run instead of silently skipping the PostgreSQL half of the store tests.
// eslint-disable-next-line no-restricted-properties
if (MISSING && process.env.STAGEWATCH_REQUIRE_POSTGRES === "1")
  throw new Error(`PostgreSQL is required for this run: ${MISSING}`);

/** Why PostgreSQL tests cannot run here, or null when they can (for `describe.skipIf`). */
export const postgresUnavailable: string | null = MISSING;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return AS_ROOT ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > until) throw new Error(`postgres did not start within 30 s:\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startPostgres(options: { maxConnections?: number } = {}): Promise<TestPostgres> {
  if (!BIN) throw new Error(postgresUnavailable ?? "no PostgreSQL");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-pg-"));
  const data = path.join(dir, "data");
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(path.join(dir, "pwfile"), password);
  if (AS_ROOT) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const [initCmd, initArgs] = asPostgres(path.join(BIN, "initdb"), [
    "-D",
    data,
    "-U",
    "postgres",
    `--pwfile=${path.join(dir, "pwfile")}`,
    "--auth-host=scram-sha-256",
    "--auth-local=trust",
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  execFileSync(initCmd, initArgs, { stdio: "pipe" });
  const port = await freePort();
  const [cmd, args] = asPostgres(path.join(BIN, "postgres"), [
    "-D",
    data,
    "-p",
    String(port),
    "-k",
    dir,
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    `max_connections=${options.maxConnections ?? 30}`,
    // A low max_connections must not collide with the replication and superuser reserves.
    "-c",
    "superuser_reserved_connections=0",
    "-c",
    "wal_level=minimal",
    "-c",
    "max_wal_senders=0",
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
  ]);
  const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      // Signal postgres itself (runuser may not forward); SIGQUIT = immediate shutdown.
      const pidFile = path.join(data, "postmaster.pid");
      const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]) : NaN;
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, "SIGQUIT");
      else child.kill("SIGQUIT");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => stderr);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, host: "127.0.0.1", port, user: "postgres", password, stop };
}
