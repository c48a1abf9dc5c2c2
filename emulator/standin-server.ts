import type http from "node:http";
import type { Duplex } from "node:stream";

/**
 * What an emulated HTTP server holds open: its sockets (a hanging answer would keep
 * server.close() waiting for ever) and its delayed answers. `end()` drops both, so closing the
 * emulator is immediate whatever the model was doing.
 */
export function standinLifetime() {
  const sockets = new Set<Duplex>();
  const timers = new Set<NodeJS.Timeout>();
  return {
    /** Runs `fn` after `ms` unless the server ends first. */
    later(ms: number, fn: () => void): void {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
    },
    /** Keeps `socket` (a connection or an upgraded one) to destroy at the end. */
    track(socket: Duplex): void {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    },
    end(): void {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
    },
  };
}

/** Listens on `port` (0: any free one) and `host`; resolves to the port bound, rejects if it cannot. */
export async function listenOn(server: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === "object" && address ? address.port : port;
}
