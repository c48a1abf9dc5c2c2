import net from "node:net";

export type HeldUpstream = {
  /** host:port on loopback, for an `*_EMULATOR_HOST` variable. */
  hostPort: string;
  /** Forwards every held and every later connection to `target` (host:port). */
  release: (target: string) => void;
  close: () => Promise<void>;
};

/**
 * A TCP stand-in for an upstream that hangs: it accepts connections and answers nothing (the
 * client's bytes wait in the socket) until `release`, which pipes them to the real upstream.
 * Loopback only.
 */
export async function holdUpstream(): Promise<HeldUpstream> {
  const held = new Set<net.Socket>();
  const open = new Set<net.Socket>();
  let target: { host: string; port: number } | null = null;
  const forward = (client: net.Socket, to: { host: string; port: number }) => {
    const upstream = net.connect(to.port, to.host);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  };
  const server = net.createServer((client) => {
    open.add(client);
    client.on("close", () => open.delete(client));
    if (target) return forward(client, target);
    client.pause();
    held.add(client);
    client.on("error", () => client.destroy()).on("close", () => held.delete(client));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    hostPort: `127.0.0.1:${port}`,
    release: (to) => {
      const [host = "", p = ""] = to.split(":");
      target = { host, port: Number(p) };
      for (const client of held) forward(client, target);
      held.clear();
    },
    close: async () => {
      for (const client of open) client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
