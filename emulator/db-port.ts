import net from "node:net";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { EmulatorState } from "./state";

/**
 * A TCP port standing in for Cloud SQL behind the connector. Per the model it
 *  - accepts connections (and keeps them open until the client leaves),
 *  - hangs: the port listens but nothing accepts, so connects time out like SYNs lost in a
 *    saturated connector — done by listening from a worker thread whose event loop is
 *    blocked, with its one-slot accept queue already full,
 *  - refuses: nothing listens, so connects fail with ECONNREFUSED.
 */

export type DbPortMode = "accept" | "hang" | "refuse";

// Plain CommonJS so it runs as an eval'd worker under node, tsx and vitest alike.
const BLACKHOLE_WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const net = require("node:net");
const flag = new Int32Array(workerData.flag);
const server = net.createServer((socket) => socket.destroy());
server.on("error", (err) => parentPort.postMessage({ error: String(err.code || err.message) }));
server.listen({ port: workerData.port, host: workerData.host, backlog: 1 }, () => {
  parentPort.postMessage({ listening: true });
  while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 1000);
  server.close();
});
`;

export interface RunningDbPort {
  port: number;
  mode(): DbPortMode;
  /** Applies the model's current mode now (also done every second). */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export async function startDbPort(options: {
  state: EmulatorState;
  host: string;
  port: number;
  log: (line: string) => void;
}): Promise<RunningDbPort> {
  const { state, host, log } = options;
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let blackhole: { worker: Worker; flag: Int32Array; fillers: net.Socket[] } | null = null;
  let current: DbPortMode = "refuse";
  let port = options.port;
  let busy: Promise<void> = Promise.resolve();
  let closed = false;

  const listenAccepting = async () => {
    const s = net.createServer((socket) => {
      sockets.add(socket);
      socket.setTimeout(60_000, () => socket.destroy());
      socket.on("error", () => socket.destroy());
      socket.on("close", () => sockets.delete(socket));
    });
    s.listen({ port, host });
    await once(s, "listening");
    const address = s.address();
    if (typeof address === "object" && address) port = address.port;
    server = s;
  };

  const stopAccepting = async () => {
    const s = server;
    server = null;
    if (!s) return;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  const startBlackhole = async () => {
    const shared = new SharedArrayBuffer(4);
    const flag = new Int32Array(shared);
    const worker = new Worker(BLACKHOLE_WORKER, { eval: true, workerData: { port, host, flag: shared } });
    const [message] = (await once(worker, "message")) as [{ listening?: boolean; error?: string }];
    if (!message.listening)
      throw new Error(`database stand-in could not hold port ${port}: ${message.error ?? "unknown error"}`);
    // Fill the accept queue (backlog 1 holds two) so every later connect hangs.
    const fillers: net.Socket[] = [];
    for (let i = 0; i < 2; i++) {
      const filler = net.connect({ port, host });
      filler.on("error", () => filler.destroy());
      await once(filler, "connect");
      fillers.push(filler);
    }
    blackhole = { worker, flag, fillers };
  };

  const stopBlackhole = async () => {
    const b = blackhole;
    blackhole = null;
    if (!b) return;
    Atomics.store(b.flag, 0, 1);
    Atomics.notify(b.flag, 0);
    for (const f of b.fillers) f.destroy();
    await once(b.worker, "exit");
  };

  const apply = async (mode: DbPortMode) => {
    if (mode === current || closed) return;
    if (current === "accept") await stopAccepting();
    if (current === "hang") await stopBlackhole();
    if (mode === "accept") await listenAccepting();
    if (mode === "hang") await startBlackhole();
    log(`[db] port ${port}: ${current} → ${mode}`);
    current = mode;
  };

  const sync = () => {
    busy = busy
      .then(() => apply(state.model.endpoints(state.nowMinute()).dbPort))
      .catch((err: unknown) => log(`[db] ${(err as Error).message}`));
    return busy;
  };

  // Bind first to own the port (0 = a free one), then take the model's mode.
  await listenAccepting();
  current = "accept";
  await sync();
  const timer = setInterval(() => void sync(), 1000);
  timer.unref();

  return {
    get port() {
      return port;
    },
    mode: () => current,
    sync,
    close: async () => {
      clearInterval(timer);
      await busy;
      closed = true;
      await stopAccepting();
      await stopBlackhole();
    },
  };
}
