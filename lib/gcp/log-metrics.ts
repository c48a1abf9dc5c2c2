import { CAUSES, type Cause } from "@/lib/core/failure-causes";
import { FAILURE_CANDIDATES, NOT_AUDIT } from "./failures";

/**
 * One log-based counter metric per failure cause (Cloud Logging MetricsServiceV2), so the
 * Overview's counts are counts rather than "at least N log lines". Pure: names and filters.
 *
 * The filters mirror `classify` with the Logging query language's substring terms: each cause
 * excludes the causes that classify tests before it, so one line lands in exactly one metric
 * and the five sum to the failure candidates of `failureQuery` (`FAILURE_CANDIDATES`, shared).
 */

export const USER_METRIC_PREFIX = "logging.googleapis.com/user/";

export const failureMetricId = (cause: Cause) => `stagewatch-startup-failures-${cause}`;

export const failureMetricType = (cause: Cause) => `${USER_METRIC_PREFIX}${failureMetricId(cause)}`;

const q = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
const anyOf = (terms: string[]) => `(${terms.join(" OR ")})`;
const text = (t: string) => [`textPayload:${q(t)}`, `jsonPayload.message:${q(t)}`];

const MATCH: Record<Exclude<Cause, "other">, string> = {
  "db-socket-timeout": anyOf([...text(".s.PGSQL."), ...text("Database initialization timeout")]),
  "jwt-handshake": `${anyOf([...text("handshake"), ...text("websocket"), ...text("web socket")])} AND ${anyOf(["jwt", "token", "signature", "secret"].flatMap(text))}`,
  "startup-probe-failed": `${anyOf(text("STARTUP"))} AND ${anyOf(text("probe failed"))}`,
  "exit-code": `${anyOf(text("Container called exit("))} AND NOT ${anyOf(text("Container called exit(0)"))}`,
};

/** classify's order: a line is the first cause it matches. */
const ORDER: Exclude<Cause, "other">[] = ["db-socket-timeout", "jwt-handshake", "startup-probe-failed", "exit-code"];

/** null: every service (tests of the read path without a config), as in failureQuery. */
function servicesClause(services: readonly string[] | null): string[] {
  if (services === null) return [];
  return [
    services.length
      ? anyOf(services.map((s) => `resource.labels.service_name=${q(s)}`))
      : `resource.labels.service_name=""`,
  ];
}

/** The metric's filter: configured services only (least privilege, like the log read). */
export function failureMetricFilter(cause: Cause, services: readonly string[] | null): string {
  const before = cause === "other" ? ORDER : ORDER.slice(0, ORDER.indexOf(cause));
  return [
    `resource.type="cloud_run_revision"`,
    NOT_AUDIT,
    ...servicesClause(services && [...services].sort()),
    FAILURE_CANDIDATES,
    ...(cause === "other" ? [] : [MATCH[cause]]),
    ...before.map((c) => `NOT ${anyOf([MATCH[c]])}`),
  ].join("\n");
}

export type FailureMetricSpec = { cause: Cause; id: string; filter: string; description: string };

export function failureMetricSpecs(services: readonly string[] | null): FailureMetricSpec[] {
  return CAUSES.map((cause) => ({
    cause,
    id: failureMetricId(cause),
    filter: failureMetricFilter(cause, services),
    description: `Stagewatch: Cloud Run start-up failure log lines classified as "${cause}" (managed by Stagewatch; edits are overwritten).`,
  }));
}
