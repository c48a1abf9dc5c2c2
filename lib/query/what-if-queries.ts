import { queryOptions } from "@tanstack/react-query";
import type { WhatIfRequest } from "@/lib/what-if/core/schema";
import type { WhatIfDefaults, WhatIfResponse } from "@/lib/what-if/core/types";
import { fetchJson } from "./fetch-json";

/**
 * The what-if page's queries. The prediction is a POST, but a pure one (the same request
 * always gets the same answer), so it is a query keyed by the request: flipping back to a
 * configuration already tried shows its answer at once, and the server can prefetch today's.
 */

/** A refused request is a FetchError with the fields the API named, for the form to show. */
export function postWhatIf(request: WhatIfRequest): Promise<WhatIfResponse> {
  return fetchJson<WhatIfResponse>("/api/what-if", { method: "POST", json: request });
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
