import { errorResponse } from "../standard";
import type { ResponseSpec } from "../types";

/** The answers of a route that reads Google (lib/gcp/upstream-error.ts) when no cached copy can stand in. */
export const UPSTREAM_ERRORS: Record<number, ResponseSpec> = {
  502: errorResponse("Google refused the read or answered an error; `upstream` says which API and why."),
  503: errorResponse(
    "Google is unreachable or its read quota is used up; or the server has no Google credentials at all (`no_google_credentials`: the figures are unknown, and no retry will help until it is given some).",
    {
      "Retry-After": "Seconds until a retry may succeed.",
    },
  ),
  504: errorResponse("Google did not answer in time."),
};
