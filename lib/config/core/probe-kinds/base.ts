import { z } from "zod";
import type { Condition } from "@/lib/conditions/core/parse";
import type { Placeholder } from "@/lib/conditions/core/placeholders";
import { slug } from "@/lib/core/slug";

/**
 * What every probe type is made of. A probe type is one entry of the registry (`./index.ts`):
 * its config schema (merged into the staging config's union), the placeholders it offers to
 * conditions, the conditions it is judged by when its config lists none, and how the Probes
 * view shows it. Its attempt (the transport) is the one part that does I/O, so it lives in
 * lib/probes/check and is listed in `lib/probes/check/attempts.ts`.
 */

/** The fields every probe has, whatever its type. */
export const probeBase = {
  name: slug,
  description: z.string().max(200).optional(),
  intervalSeconds: z.int().min(5).max(3600).default(30),
  timeoutMs: z.int().min(100).max(60_000).default(5_000),
  goldenPath: z.boolean().default(false),
  /** What this probe failing means for the Overview verdict; golden-path probes default to "down", others are not read. */
  impact: z.enum(["down", "degraded"]).optional(),
  /** Names of probes this target needs (service → connector → database). */
  dependsOn: z.array(slug).default([]),
  /** The service this probe checks: a maintenance window of that service covers the probe. */
  service: slug.optional(),
  /** Flap control: a new state needs `failAfter` / `recoverAfter` results in a row; `flapping` when the last `window` results changed status `changes` times. */
  flap: z
    .strictObject({
      failAfter: z.int().min(1).max(20).default(3),
      recoverAfter: z.int().min(1).max(20).default(2),
      window: z.int().min(4).max(50).default(10),
      changes: z.int().min(2).max(49).default(4),
      /**
       * After a failing result, the next attempt comes this many seconds later instead of a
       * whole interval, so `failAfter` is reached in seconds (0 = off). Golden-path probes
       * default to 3 s (lib/probes/core/confirm.ts); must be shorter than the interval.
       */
      recheckSeconds: z.int().min(0).max(30).optional(),
    })
    .prefault({}),
};

/** Where [DOMAIN_EXPIRATION] is looked up (RDAP, RFC 9083); rdap.org redirects to the registry's server. */
export const rdapUrl = z.url({ protocol: /^https?$/ }).optional();

/** The phases every connection goes through before its protocol's own, with their labels. */
export const CONNECT_PHASES = { dns: "DNS", connect: "Connect", tls: "TLS" } as const;

/** The `conditions` field of a probe's config: texts in, ASTs parsed for its type out. */
export type ConditionsSchema = z.ZodPipe<z.ZodDefault<z.ZodArray<z.ZodString>>, z.ZodTransform<Condition[], string[]>>;

/** A probe type's config: a strict object whose `type` is the type's name. */
export type ConfigSchema<T extends string> = z.ZodObject<{ type: z.ZodLiteral<T> } & z.core.$ZodShape, z.core.$strict>;

/** A probe type as its file writes it. */
export interface ProbeTypeSpec<T extends string, S extends ConfigSchema<T>> {
  type: T;
  /** The placeholders its attempt measures, so conditions may read them (checked at config load). */
  placeholders: readonly Placeholder[];
  /** Its config schema, given the `conditions` field parsed for this type (a type may refuse conditions). */
  config: (conditions: ConditionsSchema) => S;
  /** What a target must show when its config lists no conditions. */
  defaults: readonly string[];
  /** The phases its attempt times, in order, with their labels (the detail's latency table and waterfall). */
  phases: Readonly<Record<string, string>>;
  /** The phases of one configured probe, when they depend on its config (a journey's steps). */
  phaseOrder?(cfg: z.output<S>): string[];
  /** The target as engineers need to see it; never userinfo, headers or a query string that may hold a token. */
  describeTarget(cfg: z.output<S>): string;
  /** The host whose domain registration [DOMAIN_EXPIRATION] is about; only types offering it. */
  expiryHost?(cfg: z.output<S>): string;
}

/** A probe type in the registry: its spec, with the schema built and the default conditions parsed. */
export interface ProbeTypeDef<T extends string = string, S extends ConfigSchema<T> = ConfigSchema<T>> {
  type: T;
  placeholders: readonly Placeholder[];
  schema: S;
  defaultConditions: readonly Condition[];
  phases: Readonly<Record<string, string>>;
  phaseOrder(cfg: z.output<S>): string[];
  describeTarget(cfg: z.output<S>): string;
  expiryHost?(cfg: z.output<S>): string;
}

/**
 * A probe type's file: the spec as written, typed by its own config. Nothing is built here, so
 * the Probes page (which reads the phase labels) does not load the condition parser; the
 * registry (`./index.ts`) builds the schema and parses the defaults.
 */
export function defineProbeType<const T extends string, S extends ConfigSchema<T>>(
  spec: ProbeTypeSpec<T, S>,
): ProbeTypeSpec<T, S> {
  return spec;
}
