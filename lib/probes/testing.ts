import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { probeSchema, type ProbeConfig } from "@/lib/config/core/staging-schema";
import type { ProbeResult } from "@/lib/probes/core/types";

/** Helpers for the probe tests: configs with the schema's defaults, servers on free loopback ports. */

export function probeConfig(input: Record<string, unknown>): ProbeConfig {
  return probeSchema.parse({ name: "t", intervalSeconds: 5, ...input });
}

/** An attempt of `cfg` that succeeded just now, for tests of what runs attempts rather than what they find. */
export function upResult(cfg: ProbeConfig): ProbeResult {
  return {
    probe: cfg.name,
    type: cfg.type,
    status: "up",
    checkedAt: new Date().toISOString(),
    durationMs: 1,
    phases: [],
    failedPhase: null,
    errorClass: null,
    errorMessage: null,
    conditions: [],
    details: {},
  };
}

export async function listen(server: net.Server | http.Server, host = "127.0.0.1"): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

/** Closes a server and every connection it still holds (hung tests leave some open). */
export function closeAll(server: net.Server, sockets: Set<net.Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((r) => server.close(() => r()));
}

export function track(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return sockets;
}

/**
 * A self-signed certificate for localhost, made with openssl; null when openssl is missing, so
 * the TLS tests skip on a machine without it. Under npm test (STAGEWATCH_REQUIRE_OPENSSL=1, set
 * once openssl is installed) a missing or failing openssl throws instead: those tests must run.
 */
export function selfSignedCert({
  openssl = "openssl",
  // eslint-disable-next-line no-restricted-properties -- set by scripts/test.mjs, not configuration
  required = process.env.STAGEWATCH_REQUIRE_OPENSSL === "1",
}: { openssl?: string; required?: boolean } = {}): { key: string; cert: string } | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-cert-"));
  try {
    execFileSync(
      openssl,
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
        "-days",
        "3",
        "-subj",
        "/CN=localhost",
      ],
      { stdio: "pipe" },
    );
    return {
      key: fs.readFileSync(path.join(dir, "key.pem"), "utf8"),
      cert: fs.readFileSync(path.join(dir, "cert.pem"), "utf8"),
    };
  } catch (err) {
    if (required)
      throw new Error(`openssl is required for this run (the TLS tests need a certificate): ${(err as Error).message}`);
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const phaseNames = (r: { phases: { phase: string }[] }) => r.phases.map((p) => p.phase);

// A listener whose thread never returns to its event loop: the kernel completes handshakes
// into a one-slot backlog and then drops SYNs, so later connects hang like a saturated path.
const BLACKHOLE = `
const { workerData, parentPort } = require("node:worker_threads");
const net = require("node:net");
const flag = new Int32Array(workerData.flag);
const server = net.createServer((s) => s.destroy());
server.listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () => {
  parentPort.postMessage({ port: server.address().port });
  while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 1000);
  server.close();
});
`;

/** A port that listens but never accepts; fill() its backlog first. */
export async function blackholePort(): Promise<{ port: number; close: () => Promise<void> }> {
  const { Worker } = await import("node:worker_threads");
  const shared = new SharedArrayBuffer(4);
  const worker = new Worker(BLACKHOLE, { eval: true, workerData: { flag: shared } });
  const port = await new Promise<number>((resolve) => worker.once("message", (m: { port: number }) => resolve(m.port)));
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 2; i++) {
    const f = net.connect({ port, host: "127.0.0.1" });
    f.on("error", () => f.destroy());
    await new Promise((r) => f.once("connect", r));
    fillers.push(f);
  }
  return {
    port,
    close: async () => {
      const flag = new Int32Array(shared);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      for (const f of fillers) f.destroy();
      await new Promise((r) => worker.once("exit", r));
    },
  };
}
