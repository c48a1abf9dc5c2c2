import { z } from "zod";
import { CONNECT_PHASES, defineProbeType, probeBase } from "./base";

/** WebSocket: dns → connect → tls → upgrade with a JWT → the first message. */
export const websocketProbeType = defineProbeType({
  type: "websocket",
  placeholders: ["RESPONSE_TIME", "BODY", "CONNECTED", "IP"],
  config: (conditions) =>
    z.strictObject({
      ...probeBase,
      type: z.literal("websocket"),
      conditions,
      url: z.url({ protocol: /^wss?$/ }),
      jwt: z
        .strictObject({ subject: z.string().min(1).default("stagewatch-probe"), issuer: z.string().min(1).optional() })
        .prefault({}),
      firstMessageTimeoutMs: z.int().min(100).max(60_000).default(3_000),
    }),
  defaults: ["[CONNECTED] == true"],
  phases: { ...CONNECT_PHASES, upgrade: "Upgrade", "first-message": "First message" },
  describeTarget: (p) => {
    const u = new URL(p.url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  },
});
