import { z } from "zod";
import { CONNECT_PHASES, defineProbeType, probeBase } from "./base";

/** PostgreSQL: a session (connect, TLS, auth until ReadyForQuery) and one timed query. */
export const postgresProbeType = defineProbeType({
  type: "postgres",
  placeholders: ["RESPONSE_TIME", "CONNECTED", "IP"],
  config: (conditions) =>
    z.strictObject({
      ...probeBase,
      type: z.literal("postgres"),
      conditions,
      host: z.string().min(1),
      port: z.coerce.number().int().min(1).max(65_535).default(5432),
      database: z.string().min(1).default("postgres"),
      ssl: z.boolean().default(false),
      /**
       * TLS like libpq's sslmode; wins over `ssl` when set. "require" encrypts without checking
       * the certificate; "verify-full" checks the chain (against sslRootCert, a PEM file, or the
       * system CAs) and that the certificate names the host.
       */
      sslMode: z.enum(["disable", "require", "verify-full"]).optional(),
      sslRootCert: z.string().min(1).optional(),
      /** The first query, timed; SELECT 1 unless a check needs more. Credentials come from PROBE_PG_USER / PROBE_PG_PASSWORD. */
      query: z.string().min(1).max(500).default("SELECT 1"),
    }),
  defaults: ["[CONNECTED] == true"],
  phases: { ...CONNECT_PHASES, auth: "Auth", "first-query": "First query" },
  describeTarget: (p) => `postgres://${p.host}:${p.port}/${p.database}`,
});
