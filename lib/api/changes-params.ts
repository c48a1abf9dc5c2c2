import { changeFilterSchema, type ChangeFilters } from "@/lib/metrics/changes-schema";
import { parseOrThrow } from "@/lib/base/api-error";

/** The filters of GET /api/changes from the URL (a 400 naming the field); the range is metricsRequest's. */
export function parseChangeFilters(search: URLSearchParams): ChangeFilters {
  const value = (k: string) => {
    const v = search.get(k);
    return v === null || v === "" ? undefined : v;
  };
  return parseOrThrow(changeFilterSchema, { resource: value("resource"), kind: value("kind") });
}
