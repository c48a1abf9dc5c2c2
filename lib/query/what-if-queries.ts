import { queryOptions } from "@tanstack/react-query";
import type { WhatIfRequest } from "@/lib/what-if/schema";
import type { WhatIfDefaults, WhatIfResponse } from "@/lib/what-if/types";
import { fetchJson, FetchError } from "./fetch-json";

/**
 * The what-if page's queries. The prediction is a POST, but a pure one (the same request
 * always gets the same answer), so it is a query keyed by the request: flipping back to a
 * configuration already tried shows its answer at once, and the server can prefetch today's.
 */

/** A refused request: the API's sentence plus each field it names, for the form to show. */
export class WhatIfRequestError extends FetchError {
  constructor(
    status: number,
    message: string,
    readonly issues: { field: string; message: string }[],
  ) {
    super(status, message);
    this.name = "WhatIfRequestError";
  }
}

export async function postWhatIf(request: WhatIfRequest): Promise<WhatIfResponse> {
  const res = await fetch("/api/what-if", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(request),
    cache: "no-store",
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
    const issues = Array.isArray(record.issues) ? (record.issues as { field: string; message: string }[]) : [];
    throw new WhatIfRequestError(
      res.status,
      typeof record.message === "string" ? record.message : `HTTP ${res.status}`,
      issues,
    );
  }
  return body as WhatIfResponse;
}

export const whatIfQuery = (request: WhatIfRequest) =>
  queryOptions({
    queryKey: ["what-if", request],
    queryFn: () => postWhatIf(request),
    // Deterministic: an answer never goes stale, and a refused request will be refused again.
    staleTime: Infinity,
    retry: false,
  });

export const whatIfDefaultsQuery = (search: string) =>
  queryOptions({
    queryKey: ["what-if-defaults", search],
    queryFn: () => fetchJson<WhatIfDefaults>(`/api/what-if/defaults?${search}`),
  });
