import { z } from "zod";
import { badRequest } from "@/lib/base/api-error";
import { causeSchema } from "@/lib/metrics/schemas";
import { parseTimeRange, type TimeRange } from "@/lib/core/time-range";

/**
 * Query parameters of the metrics API. The range (range, from, to) is parsed by the one
 * parser the pages use; the rest here. Empty values count as absent, so a cleared filter
 * in the URL (?service=) is no filter rather than an error.
 */

const page = z.coerce
  .number({ error: "page must be a whole number ≥ 1" })
  .int("page must be a whole number ≥ 1")
  .min(1, "page must be a whole number ≥ 1")
  .max(10_000);
const pageSize = z.coerce
  .number()
  .int("pageSize must be a whole number")
  .min(1, "pageSize must be 1–200")
  .max(200, "pageSize must be 1–200");

/** A Cloud Run revision name (backend-00042-xqf): lower-case letters, digits and hyphens. */
export const revisionSchema = z
  .string()
  .regex(
    /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    "revision must be a Cloud Run revision name such as backend-00042-xqf (lower-case letters, digits, hyphens; at most 63)",
  );

export const filterSchema = z.object({
  service: z.string().max(63).optional(),
  revision: revisionSchema.optional(),
  cause: causeSchema.optional(),
  page: page.default(1),
  pageSize: pageSize.default(50),
});

export type MetricsParams = {
  range: TimeRange;
  service?: string;
  revision?: string;
  cause?: z.infer<typeof causeSchema>;
  page: number;
  pageSize: number;
};

type Allowed = "service" | "revision" | "cause" | "page";

/**
 * Parses the range plus the `allowed` filters (page implies pageSize); throws a 400 naming
 * the parameter. `services` are the names `service` may take.
 */
export function parseMetricsParams(
  search: URLSearchParams,
  now: Date,
  allowed: readonly Allowed[],
  services: readonly string[] = [],
): MetricsParams {
  const range = parseTimeRange(search, now);
  if (!range.ok) throw badRequest(range.error);
  const value = (k: string) => {
    const v = search.get(k);
    return v === null || v === "" ? undefined : v;
  };
  const raw = {
    service: allowed.includes("service") ? value("service") : undefined,
    revision: allowed.includes("revision") ? value("revision") : undefined,
    cause: allowed.includes("cause") ? value("cause") : undefined,
    page: allowed.includes("page") ? value("page") : undefined,
    pageSize: allowed.includes("page") ? value("pageSize") : undefined,
  };
  // The static schema, then the service check: a schema built per request (superRefine) is
  // compiled anew by zod on every call, a measurable part of a warm /api/overview.
  const parsed = filterSchema.safeParse(raw);
  if (!parsed.success) throw badRequest(parsed.error);
  const service = parsed.data.service;
  if (service !== undefined && !services.includes(service)) {
    const message = `unknown service "${service}"; known: ${services.join(", ")}`;
    throw badRequest(new z.ZodError([{ code: "custom", path: ["service"], message, input: service }]));
  }
  return { range: range.range, ...parsed.data };
}
