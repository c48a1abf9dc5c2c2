import { z } from "zod";
import { parseCondition, type Condition, type ConditionTarget } from "@/lib/conditions/core/parse";
import type { ConditionsSchema, ConfigSchema, ProbeTypeDef, ProbeTypeSpec } from "./base";
import { PROBE_TYPE_LIST } from "./list";

/**
 * The probe-type registry, read by everything that once switched on a probe's type: the config
 * schema (its union), the condition parser (which placeholders a type offers), the runner
 * (default conditions), domain expiry, and the Probes view (target, phases and their labels).
 */

/**
 * A probe's conditions, parsed here once, at config load, into ASTs for its type; an error names
 * the condition (its index in the path) and the column in it. Probe attempts only evaluate.
 */
function conditionsFor(target: ConditionTarget): ConditionsSchema {
  return z
    .array(z.string().min(1).max(200))
    .default([])
    .transform((texts, ctx) =>
      texts.flatMap((text, j): Condition[] => {
        const parsed = parseCondition(text, target);
        if (parsed.ok) return [parsed.condition];
        ctx.addIssue({ code: "custom", path: [j], message: parsed.error, input: text });
        return [];
      }),
    );
}

/** A type's spec with its schema built and its default conditions parsed (a bad default is a bug). */
function built<T extends string, S extends ProbeTypeDef<T>["schema"]>(spec: ProbeTypeSpec<T, S>): ProbeTypeDef<T, S> {
  const target = { type: spec.type, placeholders: spec.placeholders };
  const defaultConditions = spec.defaults.map((text) => {
    const parsed = parseCondition(text, target);
    if (!parsed.ok) throw new Error(`default condition ${parsed.error}`);
    return parsed.condition;
  });
  return {
    ...spec,
    schema: spec.config(conditionsFor(target)),
    defaultConditions,
    phaseOrder: (cfg) => spec.phaseOrder?.(cfg) ?? Object.keys(spec.phases),
  };
}

type Schema = ProbeTypeDef["schema"];
type Built<T> = T extends { type: infer K extends string; config: (c: ConditionsSchema) => infer S }
  ? S extends ConfigSchema<K>
    ? ProbeTypeDef<K, S>
    : never
  : never;
/** The registered types, built; a mapped tuple type keeps each one's own config type. */
type BuiltAll<T extends readonly unknown[]> = { -readonly [I in keyof T]: Built<T[I]> };
type SchemasOf<T extends readonly unknown[]> = {
  -readonly [I in keyof T]: T[I] extends { schema: infer S } ? S : never;
};

// The map keeps the tuple's order, which TypeScript cannot see through `map`.
const PROBE_TYPES = PROBE_TYPE_LIST.map((spec) =>
  built(spec as unknown as ProbeTypeSpec<string, Schema>),
) as unknown as BuiltAll<typeof PROBE_TYPE_LIST>;

/** One strict object per type, told apart by `type`: the staging config's `probes[]`. */
export const probeSchema = z.discriminatedUnion(
  "type",
  PROBE_TYPES.map((t) => t.schema) as SchemasOf<typeof PROBE_TYPES>,
);

export type ProbeConfig = z.infer<typeof probeSchema>;
export type ProbeKind = ProbeConfig["type"];

/** A registry entry seen from a probe's config, whatever its type. */
export type AnyProbeType = Omit<ProbeTypeDef, "phaseOrder" | "describeTarget" | "expiryHost"> & {
  phaseOrder(cfg: ProbeConfig): string[];
  describeTarget(cfg: ProbeConfig): string;
  expiryHost?(cfg: ProbeConfig): string;
};

const BY_NAME = new Map<string, AnyProbeType>(PROBE_TYPES.map((t) => [t.type, t as unknown as AnyProbeType]));

/** The registered types, built, in registry order. */
export const PROBE_TYPE_DEFS: readonly AnyProbeType[] = [...BY_NAME.values()];

/** The names of the registered types, in registry order. */
export const PROBE_KINDS: readonly ProbeKind[] = PROBE_TYPES.map((t) => t.type);

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

export { PHASE_LABELS } from "./phase-labels";
