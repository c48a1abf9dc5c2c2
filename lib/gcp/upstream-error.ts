import { grpc } from "google-gax";
import { ApiError } from "@/lib/base/api-error";

export type UpstreamApi = "monitoring" | "logging";

/** gRPC status names (OK … UNAUTHENTICATED), as Google documents its errors. */
export type StatusName = keyof typeof grpc.status;

/** Only these are worth another attempt: the call may succeed as it is. */
export const RETRYABLE: ReadonlySet<StatusName> = new Set<StatusName>(["UNAVAILABLE", "DEADLINE_EXCEEDED"]);

/** Read quota is per minute; without a RetryInfo from Google, wait out the minute. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

const ROLE: Record<UpstreamApi, string> = { monitoring: "roles/monitoring.viewer", logging: "roles/logging.viewer" };

/** A failed call to Cloud Monitoring or Cloud Logging, with its gRPC status name. */
export class UpstreamError extends Error {
  constructor(
    readonly api: UpstreamApi,
    readonly code: StatusName,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "UpstreamError";
  }
}

function statusName(code: unknown): StatusName {
  if (typeof code === "number") {
    const name = Object.entries(grpc.status).find(([, v]) => v === code)?.[0];
    if (name) return name as StatusName;
  }
  return "UNKNOWN";
}

/** google.rpc.RetryInfo.retryDelay, when google-gax decoded one into `statusDetails`. */
function retryDelaySeconds(err: object): number | null {
  const details = "statusDetails" in err && Array.isArray(err.statusDetails) ? (err.statusDetails as unknown[]) : [];
  for (const d of details) {
    if (d && typeof d === "object" && "retryDelay" in d && d.retryDelay && typeof d.retryDelay === "object") {
      const delay = d.retryDelay as { seconds?: unknown; nanos?: unknown };
      const seconds = Number(String(delay.seconds ?? 0)) + Number(delay.nanos ?? 0) / 1e9;
      if (Number.isFinite(seconds) && seconds > 0) return Math.ceil(seconds);
    }
  }
  return null;
}

export function toUpstreamError(err: unknown, api: UpstreamApi): UpstreamError {
  if (err instanceof UpstreamError) return err;
  if (err && typeof err === "object" && "code" in err) {
    const code = statusName(err.code);
    const message = "message" in err && typeof err.message === "string" ? err.message : "";
    const details = "details" in err && typeof err.details === "string" && err.details ? err.details : message;
    return new UpstreamError(
      api,
      code,
      details || code,
      code === "RESOURCE_EXHAUSTED" ? (retryDelaySeconds(err) ?? DEFAULT_RETRY_AFTER_SECONDS) : null,
    );
  }
  return new UpstreamError(api, "UNKNOWN", err instanceof Error ? err.message : String(err));
}

export function isRetryable(err: unknown): boolean {
  return err instanceof UpstreamError && RETRYABLE.has(err.code);
}

const SERVICE_NAME: Record<UpstreamApi, string> = { monitoring: "Cloud Monitoring", logging: "Cloud Logging" };

/**
 * The JSON error a viewer gets when the upstream failed and no stale copy could stand in.
 * Missing permission names the role to grant; quota says when to come back.
 */
export function upstreamToApiError(err: UpstreamError, projectId: string): ApiError {
  const service = SERVICE_NAME[err.api];
  const extra = { upstream: { api: err.api, code: err.code, message: err.message } };
  // Nothing reached Google (lib/gcp/credentials.ts): the figures are unknown, not refused.
  if ("noCredentials" in err && err.noCredentials === true)
    return new ApiError(
      503,
      "no_google_credentials",
      `${service} figures are unknown: the server has no Google credentials (Application Default Credentials or the emulator variables).`,
      extra,
    );
  switch (err.code) {
    case "PERMISSION_DENIED":
      return new ApiError(
        502,
        "upstream_permission_denied",
        `${service} refused the read: grant ${ROLE[err.api]} on project ${projectId} to the account Stagewatch runs as.`,
        { ...extra, role: ROLE[err.api], project: projectId },
      );
    case "UNAUTHENTICATED":
      return new ApiError(
        502,
        "upstream_unauthenticated",
        `${service} did not accept Stagewatch's credentials: check Application Default Credentials for project ${projectId}.`,
        extra,
      );
    case "RESOURCE_EXHAUSTED": {
      const retryAfter = err.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
      return new ApiError(
        503,
        "upstream_quota_exhausted",
        `${service} read quota for project ${projectId} is used up; try again in ${retryAfter} s.`,
        { ...extra, retryAfterSeconds: retryAfter },
        { "Retry-After": String(retryAfter) },
      );
    }
    case "UNAVAILABLE":
      return new ApiError(503, "upstream_unavailable", `${service} is unreachable right now.`, extra, {
        "Retry-After": "10",
      });
    case "DEADLINE_EXCEEDED":
      return new ApiError(504, "upstream_timeout", `${service} did not answer in time.`, extra);
    default:
      return new ApiError(502, "upstream_error", `${service} answered ${err.code}: ${err.message}`, extra);
  }
}

/**
 * Why a figure is served from its last good copy, in words every role may read. Google's own
 * text stays out of successful answers, which one memoised body serves to viewers and engineers
 * alike; engineers get it on the error answer (guard.ts `forAudience`) and in the server log.
 */
export function staleReason(err: Pick<UpstreamError, "api" | "code">): {
  api: UpstreamApi;
  code: StatusName;
  message: string;
} {
  const hint =
    err.code === "PERMISSION_DENIED" || err.code === "UNAUTHENTICATED" ? "; the server's account may lack access" : "";
  return {
    api: err.api,
    code: err.code,
    message: `${SERVICE_NAME[err.api]} could not be read (${err.code}${hint}); these figures are the last good copy.`,
  };
}
