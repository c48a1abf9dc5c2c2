import net from "node:net";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import type { Measured, ProbeAttempt, Timeline } from "./attempt";

export type TcpProbeConfig = Extract<ProbeConfig, { type: "tcp" }>;

/**
 * Opens a TCP connection (dns → connect) and resolves with the connected socket. The caller
 * owns the socket; the signal destroys it, so a hung connect ends at the deadline.
 */
export function connectTcp(host: string, port: number, t: Timeline, signal: AbortSignal): Promise<net.Socket> {
  t.begin(net.isIP(host) ? "connect" : "dns");
  return new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect({ host, port });
    const abort = () => socket.destroy();
    signal.addEventListener("abort", abort, { once: true });
    socket.once("lookup", () => t.begin("connect"));
    socket.once("connect", () => {
      t.end();
      signal.removeEventListener("abort", abort);
      resolve(socket);
    });
    socket.once("error", (err) => {
      signal.removeEventListener("abort", abort);
      socket.destroy();
      reject(err);
    });
  });
}

/** TCP: is anything accepting connections there, and how long does the handshake take? */
export async function runTcp(cfg: TcpProbeConfig, t: Timeline, m: Measured, signal: AbortSignal): Promise<void> {
  const socket = await connectTcp(cfg.host, cfg.port, t, signal);
  m.ctx.connected = true;
  m.ctx.ip = socket.remoteAddress;
  m.details.remote = `${socket.remoteAddress ?? cfg.host}:${socket.remotePort ?? cfg.port}`;
  socket.destroy();
}

export const tcpAttempt: ProbeAttempt<TcpProbeConfig> = {
  run: (cfg, t, m, signal) => runTcp(cfg, t, m, signal),
  host: (cfg) => cfg.host,
};
