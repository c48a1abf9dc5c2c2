import { z } from "zod";
import { CONNECT_PHASES, defineProbeType, probeBase } from "./base";

/** TCP: is anything accepting connections there, and how long does the handshake take? */
export const tcpProbeType = defineProbeType({
  type: "tcp",
  placeholders: ["RESPONSE_TIME", "CONNECTED", "IP"],
  config: (conditions) =>
    z.strictObject({
      ...probeBase,
      type: z.literal("tcp"),
      conditions,
      host: z.string().min(1),
      port: z.coerce.number().int().min(1).max(65_535),
    }),
  defaults: ["[CONNECTED] == true"],
  phases: { dns: CONNECT_PHASES.dns, connect: CONNECT_PHASES.connect },
  describeTarget: (p) => `${p.host}:${p.port}`,
});
