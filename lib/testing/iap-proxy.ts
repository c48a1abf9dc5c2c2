import http from "node:http";
import type { Socket } from "node:net";

/**
 * A stand-in for what sits in front of Cloud Run replicas behind Identity-Aware Proxy, on
 * loopback: requests alternate between the upstreams (round robin, one request each), bodies
 * stream through both ways, and every request gets IAP's signed header for the configured
 * user, replacing whatever header the client sent (IAP does not pass a client's own through).
 * An upstream that refuses the connection is skipped for the next one, as Google's load
 * balancer does with an instance that has gone away; so is one that drops an idempotent
 * request before answering it.
 */

export const IAP_HEADER = "x-goog-iap-jwt-assertion";

/**
 * One forwarded request: which upstream answered it (index; -1 while none has) with what
 * status (null while pending; 502 from the proxy itself when no upstream answered, 499 when
 * the client gave up first).
 */
export type ProxyHit = { method: string; path: string; upstream: number; status: number | null; skipped: number[] };

export interface IapProxy {
  url: string;
  /** Whose assertion the proxy adds from now on. */
  signInAs(email: string): void;
  setUpstreams(ports: number[]): void;
  hits: ProxyHit[];
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection, not to the message.
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"];

function forwardable(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = { ...headers };
  for (const h of HOP_BY_HOP) delete out[h];
  return out;
}

export async function startIapProxy(o: { sign: (email: string) => Promise<string>; email: string }): Promise<IapProxy> {
  let email = o.email;
  let upstreams: number[] = [];
  let next = 0;
  const hits: ProxyHit[] = [];
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    void (async () => {
      const assertion = await o.sign(email);
      const headers = forwardable(req.headers);
      headers[IAP_HEADER] = assertion;
      // Cloud Run's front end appends the client's address (STAGEWATCH_TRUSTED_PROXY_HOPS=1).
      const prior = req.headers["x-forwarded-for"];
      const client = req.socket.remoteAddress ?? "127.0.0.1";
      headers["x-forwarded-for"] = prior ? `${String(prior)}, ${client}` : client;
      const idempotent = req.method === "GET" || req.method === "HEAD";
      const order = upstreams.map((_, i) => (next + i) % upstreams.length);
      next = (next + 1) % Math.max(1, upstreams.length);
      const hit: ProxyHit = {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        upstream: -1,
        status: null,
        skipped: [],
      };
      hits.push(hit);

      const attempt = (k: number) => {
        const index = order[k];
        if (index === undefined) {
          hit.status = 502;
          if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
          res.end("no upstream answered");
          return;
        }
        const port = upstreams[index];
        // A connection of its own per request (no pool): a pooled socket to a killed upstream
        // would fail mid-request instead of at connect, where skipping is always safe.
        const up = http.request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers, agent: false });
        let connected = false;
        let answered = false;
        let clientGone = false;
        up.on("socket", (s) =>
          s.once("connect", () => {
            connected = true;
            // The body is read only once a connection stands, so a refused one leaves it for the next upstream.
            req.pipe(up);
          }),
        );
        up.on("response", (upRes) => {
          answered = true;
          hit.upstream = index;
          hit.status = upRes.statusCode ?? 502;
          res.writeHead(upRes.statusCode ?? 502, forwardable(upRes.headers));
          upRes.pipe(res);
          upRes.on("error", () => res.destroy());
        });
        up.on("error", () => {
          if (clientGone) {
            // nginx's "client closed request": nobody is left to answer.
            hit.status ??= 499;
            return;
          }
          if (answered) return res.destroy();
          if (!connected || idempotent) {
            hit.skipped.push(index);
            return attempt(k + 1);
          }
          hit.status = 502;
          if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
          res.end("the upstream failed mid-request");
        });
        // A client that goes away (a cancelled prefetch, a closed page) ends the upstream request too.
        res.once("close", () => {
          if (res.writableFinished) return;
          clientGone = true;
          up.destroy();
        });
      };
      attempt(0);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the proxy has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    signInAs: (e) => {
      email = e;
    },
    setUpstreams: (ports) => {
      upstreams = [...ports];
    },
    hits,
    close: () =>
      new Promise<void>((r) => {
        // Event streams stay open; end them so close() can finish.
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
