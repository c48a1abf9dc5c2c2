import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { TLSSocket } from "node:tls";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import { ProbeFailure, type Measured, type ProbeAttempt, type Timeline } from "./attempt";

export type HttpProbeConfig = Extract<ProbeConfig, { type: "http" }>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One agent per scheme that never keeps a connection (each attempt connects afresh, as with
 * `agent: false`) and never queues a request — without the Agent that `agent: false` creates
 * for every single attempt.
 */
const AGENT_OPTIONS = { keepAlive: false, maxSockets: Infinity, maxTotalSockets: Infinity };
const HTTP_AGENT = new http.Agent(AGENT_OPTIONS);
const HTTPS_AGENT = new https.Agent(AGENT_OPTIONS);

/** One request/response exchange, timed: dns → connect → tls → first-byte (response headers). */
function exchange(
  url: URL,
  cfg: HttpProbeConfig,
  t: Timeline,
  m: Measured,
  signal: AbortSignal,
  method: string,
  body: string | undefined,
) {
  const secure = url.protocol === "https:";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  t.begin(net.isIP(host) ? "connect" : "dns");
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    const options: https.RequestOptions = {
      method,
      headers: { "user-agent": "stagewatch-probe", ...cfg.headers },
      // A fresh connection each time, so connect and TLS are measured on every attempt.
      agent: secure ? HTTPS_AGENT : HTTP_AGENT,
      signal,
      rejectUnauthorized: !cfg.insecureTls,
    };
    const req = (secure ? https : http).request(url, options);
    req.on("socket", (socket) => {
      socket.once("lookup", () => t.begin("connect"));
      socket.once("connect", () => {
        m.ctx.ip = socket.remoteAddress;
        t.begin(secure ? "tls" : "first-byte");
      });
      socket.once("secureConnect", () => {
        const tls = socket as TLSSocket;
        const cert = tls.getPeerCertificate();
        const expires = cert.valid_to ? Date.parse(cert.valid_to) : NaN;
        if (Number.isFinite(expires)) {
          m.ctx.certificateExpirationMs = expires - Date.now();
          m.details.certificateExpiresAt = new Date(expires).toISOString();
        }
        m.details.tlsProtocol = tls.getProtocol() ?? "unknown";
        t.begin("first-byte");
      });
    });
    req.once("response", (res) => {
      t.end();
      resolve(res);
    });
    req.once("error", reject);
    req.end(body);
  });
}

/** Response headers for [HEADERS].name: lower-case names (Node gives them so), repeated ones joined. */
function headersOf(res: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

/** Reads at most `cap` bytes; a bigger body is cut off (and reported), never buffered whole. */
async function readCapped(res: http.IncomingMessage, cap: number, m: Measured): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    const room = cap - bytes;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      bytes += room;
      truncated = true;
      break;
    }
    chunks.push(chunk);
    bytes += chunk.length;
  }
  if (truncated) res.destroy();
  m.details.bodyBytes = bytes;
  m.details.bodyTruncated = truncated;
  if (truncated) m.details.bodyCapBytes = cap;
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * HTTP(S): method, headers and body from the config; redirects followed up to maxRedirects and
 * only on the configured host, so a target cannot send the prober to an address nobody listed.
 */
export async function runHttp(cfg: HttpProbeConfig, t: Timeline, m: Measured, signal: AbortSignal): Promise<void> {
  const origin = new URL(cfg.url);
  let url = origin;
  let method: string = cfg.method;
  let body = cfg.body;
  for (let redirects = 0; ; redirects++) {
    const res = await exchange(url, cfg, t, m, signal, method, body);
    m.ctx.connected = true;
    m.ctx.status = res.statusCode ?? 0;
    m.ctx.headers = headersOf(res);
    m.details.httpStatus = m.ctx.status;
    m.details.redirects = redirects;
    const location = res.headers.location;
    if (!REDIRECTS.has(m.ctx.status) || !location) {
      t.begin("body");
      m.ctx.body = await readCapped(res, cfg.maxBodyBytes, m);
      t.end();
      return;
    }
    res.destroy();
    const next = new URL(location, url);
    if (redirects >= cfg.maxRedirects) {
      throw new ProbeFailure(
        "redirect-limit",
        `More than ${cfg.maxRedirects} redirects (last to ${next.pathname}); a redirect loop?`,
      );
    }
    // Same scheme, host and port only: a redirect must not turn the probe into a request to
    // another service (another port on the host, or https downgraded to http).
    if (next.origin !== origin.origin) {
      throw new ProbeFailure(
        "redirect-refused",
        `Redirect to ${next.protocol}//${next.host} not followed: probes only follow redirects within ${origin.origin}`,
      );
    }
    // 303 (and, by long browser habit, 301/302 after POST) turn into GET without a body.
    if (m.ctx.status === 303 || ((m.ctx.status === 301 || m.ctx.status === 302) && method === "POST")) {
      method = "GET";
      body = undefined;
    }
    url = next;
  }
}

export const httpAttempt: ProbeAttempt<HttpProbeConfig> = {
  run: (cfg, t, m, signal) => runHttp(cfg, t, m, signal),
  host: (cfg) => new URL(cfg.url).hostname,
};
