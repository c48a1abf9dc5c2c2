import type { MaintenanceScope } from "./types";

/**
 * Which scopes a thing sits in. A window covers a thing when its scope is one of the thing's
 * scopes: "everything" covers all of them; a service covers its probes (the probe's `service`
 * in the staging config) and its start-up SLO; a probe covers only itself.
 */

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/** Parses "everything", "service:<name>" or "probe:<name>"; null for anything else. */
export function parseScope(text: string): MaintenanceScope | null {
  if (text === "everything") return "everything";
  const m = /^(service|probe):(.+)$/.exec(text);
  if (!m || !NAME.test(m[2] ?? "")) return null;
  return text as MaintenanceScope;
}

export const probeScopes = (probe: { name: string; service?: string | undefined }): MaintenanceScope[] => [
  "everything",
  `probe:${probe.name}`,
  ...(probe.service ? [`service:${probe.service}` as const] : []),
];

/** A start-up SLO: "all" is every service together, so only "everything" covers it whole. */
export const sloScopes = (service: string): MaintenanceScope[] =>
  service === "all" ? ["everything"] : ["everything", `service:${service}`];

/** The Overview's metric inputs (start-ups of all services, Cloud SQL, the connector) and the readiness verdict. */
export const STAGING_SCOPES: readonly MaintenanceScope[] = ["everything"];

/**
 * The scopes of a notification subject as the ledger names them ("overview", "probe:<name>",
 * "rehearsal:<probe>", "change:<type>:<name>:<id>", "readiness", "slo:<id>"): what the routing's
 * `held(event, channel)` asks about.
 */
export function subjectScopes(
  subject: string,
  probes: readonly { name: string; service?: string | undefined }[],
  sloServiceOf: (sloId: string) => string | null = () => null,
): MaintenanceScope[] {
  // A demo rehearsal is its browser probe's: the probe's window (or its service's) covers it.
  const probe = /^(?:probe|rehearsal):(.+)$/.exec(subject)?.[1];
  if (probe !== undefined) return probeScopes(probes.find((p) => p.name === probe) ?? { name: probe });
  // A change to a service ("change:service:<name>:<id>") is in that service's window too.
  const service = /^change:service:([^:]+):/.exec(subject)?.[1];
  if (service !== undefined && NAME.test(service)) return ["everything", `service:${service}`];
  if (subject.startsWith("slo:")) {
    const service = sloServiceOf(subject.slice("slo:".length));
    return service ? sloScopes(service) : ["everything"];
  }
  return [...STAGING_SCOPES];
}

/** Words for people: "all of staging", "service backend", "probe backend-health". */
export function scopeWords(scope: MaintenanceScope): string {
  if (scope === "everything") return "all of staging";
  const [kind, name] = scope.split(":");
  return `${kind} ${name}`;
}
