import { z } from "zod";
import { CHANGE_KINDS, RESOURCE_TYPES } from "@/lib/changes/core/types";
import { freshnessShape, rangeSchema } from "./schemas";

/** GET /api/changes: shapes shared by the handler, the client hooks and the OpenAPI document. */

export const changeKindSchema = z.enum(CHANGE_KINDS);

export const changeSchema = z.object({
  id: z.string(),
  kind: changeKindSchema,
  resource: z.object({ type: z.enum(RESOURCE_TYPES), name: z.string() }),
  method: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  outcome: z.enum(["succeeded", "failed", "running"]),
  error: z.string().nullable(),
  /** The principal's email: only in engineers' and admins' answers, null for viewers. */
  actor: z.string().nullable(),
  summary: z.string(),
  details: z.object({
    revision: z.string().optional(),
    previousRevision: z.string().optional(),
    image: z.string().optional(),
    machineType: z.string().optional(),
    minInstances: z.number().optional(),
    maxInstances: z.number().optional(),
    tier: z.string().optional(),
    flags: z.array(z.string()).optional(),
    secretVersion: z.string().optional(),
    /** When Cloud Run started the new revision's first instance (DEPLOYMENT_ROLLOUT): traffic moved. */
    trafficMovedAt: z.string().optional(),
  }),
  /** The change's own audit entries in the Logs Explorer. */
  explorerUrl: z.string(),
});

export const changesResponseSchema = z.object({
  ...freshnessShape,
  range: rangeSchema,
  filters: z.object({ resource: z.string().nullable(), kind: changeKindSchema.nullable() }),
  /** Changes that started in the range, newest first. */
  changes: z.array(changeSchema),
  /** The resources and kinds present in the range (for the filters), whatever the filter. */
  resources: z.array(z.object({ type: z.enum(RESOURCE_TYPES), name: z.string() })),
  /** More entries than one read pages through: the list may miss the oldest changes. */
  truncated: z.boolean(),
  /** Whether `actor` is filled in for this caller. */
  actorsShown: z.boolean(),
  /** The whole range's audit query in the Logs Explorer. */
  explorerUrl: z.string(),
});

export type ChangeView = z.infer<typeof changeSchema>;
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

/** The filters of GET /api/changes (empty values count as absent). */
export const changeFilterSchema = z.object({
  resource: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/,
      "resource must be a resource name such as backend or staging-connector",
    )
    .optional(),
  kind: z.enum(CHANGE_KINDS, { error: `kind must be one of ${CHANGE_KINDS.join(", ")}` }).optional(),
});
export type ChangeFilters = z.infer<typeof changeFilterSchema>;

/**
 * The Changes view's filters from its URL, for the server page and the browser alike: a value
 * that does not parse is no filter (the API answers 400 for it; a page shows everything).
 */
export function changeFiltersOf(get: (key: string) => string | null | undefined): ChangeFilters {
  const pick = (k: string) => {
    const v = get(k);
    return v === null || v === undefined || v === "" ? undefined : v;
  };
  const resource = changeFilterSchema.shape.resource.safeParse(pick("resource"));
  const kind = changeFilterSchema.shape.kind.safeParse(pick("kind"));
  return {
    ...(resource.success && resource.data !== undefined ? { resource: resource.data } : {}),
    ...(kind.success && kind.data !== undefined ? { kind: kind.data } : {}),
  };
}

/** The changes a filter keeps (the API applies the same rule). */
export function filterChanges<T extends { resource: { name: string }; kind: string }>(
  changes: readonly T[],
  f: ChangeFilters,
): T[] {
  return changes.filter(
    (c) => (f.resource === undefined || c.resource.name === f.resource) && (f.kind === undefined || c.kind === f.kind),
  );
}
