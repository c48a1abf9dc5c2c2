import { z } from "zod";
import type { ProbeTypeDef } from "./base";
import { PROBE_TYPE_LIST } from "./list";

/**
 * The probe-type registry, read by everything that once switched on a probe's type: the config
 * schema (its union), the condition parser (which placeholders a type offers), the runner
 * (default conditions), domain expiry, and the Probes view (target, phases and their labels).
 */

type List = typeof PROBE_TYPE_LIST;
type SchemasOf<T extends readonly { schema: unknown }[]> = { -readonly [I in keyof T]: T[I]["schema"] };

/** One strict object per type, told apart by `type`: the staging config's `probes[]`. */
export const probeSchema = z.discriminatedUnion(
  "type",
  // The map keeps the tuple's order, which TypeScript cannot see through `map`.
  PROBE_TYPE_LIST.map((t) => t.schema) as SchemasOf<List>,
);

export type ProbeConfig = z.infer<typeof probeSchema>;
export type ProbeKind = ProbeConfig["type"];

/** A registry entry seen from a probe's config, whatever its type. */
export type AnyProbeType = Omit<ProbeTypeDef, "phaseOrder" | "describeTarget" | "expiryHost"> & {
  phaseOrder(cfg: ProbeConfig): string[];
  describeTarget(cfg: ProbeConfig): string;
  expiryHost?(cfg: ProbeConfig): string;
};

const BY_NAME = new Map<string, AnyProbeType>(PROBE_TYPE_LIST.map((t) => [t.type, t as unknown as AnyProbeType]));

/** The names of the registered types, in registry order. */
export const PROBE_KINDS: readonly ProbeKind[] = PROBE_TYPE_LIST.map((t) => t.type);

/** The entry of a registered type; a name the registry does not hold is a bug of the caller. */
export function probeTypeNamed(name: string): AnyProbeType {
  const found = BY_NAME.get(name);
  if (!found) throw new Error(`no probe type "${name}" is registered`);
  return found;
}

/** The entry a probe's config was parsed by (the config schema only accepts registered types). */
export function probeTypeOf(cfg: ProbeConfig): AnyProbeType {
  return probeTypeNamed(cfg.type);
}

/** The conditions an attempt is judged by, as parsed when the config was loaded, or its type's defaults. */
export function conditionsOf(cfg: ProbeConfig) {
  return cfg.conditions.length ? cfg.conditions : probeTypeOf(cfg).defaultConditions;
}

/** Every phase's label, whichever type times it (a journey's `step-<n>` are labelled by their number). */
export const PHASE_LABELS: Readonly<Record<string, string>> = Object.assign(
  {},
  ...PROBE_TYPE_LIST.map((t) => t.phases),
  { total: "Total" },
);
