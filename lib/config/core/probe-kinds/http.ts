import { z } from "zod";
import { CONNECT_PHASES, defineProbeType, probeBase, rdapUrl } from "./base";

/** HTTP(S): one request on a fresh connection, timed dns → connect → tls → first byte → body. */
export const httpProbeType = defineProbeType({
  type: "http",
  placeholders: [
    "STATUS",
    "RESPONSE_TIME",
    "BODY",
    "HEADERS",
    "CERTIFICATE_EXPIRATION",
    "CONNECTED",
    "IP",
    "DOMAIN_EXPIRATION",
  ],
  config: (conditions) =>
    z.strictObject({
      ...probeBase,
      type: z.literal("http"),
      conditions,
      url: z.url({ protocol: /^https?$/ }),
      method: z.enum(["GET", "HEAD", "POST", "PUT"]).default("GET"),
      headers: z.record(z.string(), z.string()).default({}),
      body: z.string().max(65_536).optional(),
      maxBodyBytes: z
        .int()
        .min(1)
        .max(10 * 1024 * 1024)
        .default(1024 * 1024),
      maxRedirects: z.int().min(0).max(10).default(3),
      insecureTls: z.boolean().default(false),
      rdapUrl,
    }),
  defaults: ["[STATUS] < 400"],
  phases: { ...CONNECT_PHASES, "first-byte": "First byte", body: "Body" },
  describeTarget: (p) => {
    const u = new URL(p.url);
    return `${p.method} ${u.protocol}//${u.host}${u.pathname}`;
  },
  expiryHost: (p) => new URL(p.url).hostname,
});
