import { hashInts } from "@/lib/what-if/core/model/prng";
import { FIXED_DB_TIMEOUT_SECONDS, scaledMachineType } from "./scenarios";
import type { Timeline } from "./timeline";
import { baseGeneration, revisionName, revisionNameAt, type World } from "./world";

/**
 * What changed in the emulated project, as the Admin Activity audit log records it, derived
 * from the scenario timeline (pure: the same timeline gives the same entries):
 *  - the incident starts 3 min after the services are deployed with a new revision (a new
 *    database client) by the CI service account;
 *  - during the incident an engineer's attempt to raise the connector's maximum fails (the
 *    connector is left at its size);
 *  - the recovery starts after a named engineer moves the connector to the next machine type and
 *    the services are deployed with the app's fix (the DB initialisation time-out raised to 75 s);
 *  - the flaky scenario starts 10 min after a JWT secret is rotated on the backend's side only.
 * Entries are in Google's AuditLog shape (proto3 JSON of google.cloud.audit.AuditLog).
 */

export interface ModelAuditEntry {
  timestampMs: number;
  insertId: string;
  severity: "NOTICE" | "ERROR";
  logId: "cloudaudit.googleapis.com/activity";
  resource: { type: string; labels: Record<string, string> };
  operation?: { id: string; producer: string; first?: boolean; last?: boolean };
  audit: {
    serviceName: string;
    methodName: string;
    resourceName: string;
    status?: { code: number; message: string };
    authenticationInfo: { principalEmail: string };
    request?: Record<string, unknown>;
    response?: Record<string, unknown>;
  };
}

/**
 * Cloud Run's own line when a deploy's first instance starts and traffic moves to the new
 * revision ("Starting new instance. Reason: DEPLOYMENT_ROLLOUT …", run.googleapis.com/varlog/system).
 */
export interface ModelRolloutLine {
  timestampMs: number;
  service: string;
  revision: string;
  insertId: string;
}

export const ROLLOUT_TEXT =
  "Starting new instance. Reason: DEPLOYMENT_ROLLOUT - Instance started due to traffic shifting between revisions due to deployment, traffic split adjustment, or deployment health check.";
/** How long after a deploy's last audit entry its first instance starts (traffic moves). */
const ROLLOUT_LAG_MS = 4_000;

/** A revision in force from `fromMs` (when its deploy finished). */
export interface RevisionSpan {
  fromMs: number;
  name: string;
}

export interface WorldChanges {
  entries: ModelAuditEntry[];
  /** One DEPLOYMENT_ROLLOUT line per deploy, oldest first. */
  rollouts: ModelRolloutLine[];
  /** Per service, its revisions oldest first; the first is in force since before history. */
  revisions: Map<string, RevisionSpan[]>;
}

export const DEPLOYER = (projectId: string) => `deployer@${projectId}.iam.gserviceaccount.com`;
/** The engineer who resizes the connector in the recovery, and tries (and fails) to in the incident. */
export const CONNECTOR_ENGINEER = "maria.keller@example.com";
export const SECRET_ENGINEER = "tom.becker@example.com";
export const JWT_SECRET = "JWT_SECRET_KEY";

const DEPLOY_LEAD_MS = 3 * 60_000;
const DEPLOY_DURATION_MS = 42_000;
const RESIZE_LEAD_MS = 2 * 60_000;
const RESIZE_DURATION_MS = 95_000;
const TIMEOUT_FIX_LEAD_MS = 90_000;

const hex = (...c: number[]) =>
  hashInts(...c)
    .toString(16)
    .padStart(8, "0");

const cache = new WeakMap<Timeline, Map<string, WorldChanges>>();

export function worldChanges(world: World, timeline: Timeline, seed: number): WorldChanges {
  let perWorld = cache.get(timeline);
  if (!perWorld) cache.set(timeline, (perWorld = new Map()));
  const key = `${seed}:${world.projectId}`;
  const hit = perWorld.get(key);
  if (hit) return hit;
  const value = compute(world, timeline, seed);
  perWorld.set(key, value);
  return value;
}

function compute(world: World, timeline: Timeline, seed: number): WorldChanges {
  const entries: ModelAuditEntry[] = [];
  const rollouts: ModelRolloutLine[] = [];
  const revisions = new Map<string, RevisionSpan[]>();
  const deployed = world.services.filter((s) => s.deployed);
  for (const s of deployed) revisions.set(s.name, [{ fromMs: -Infinity, name: revisionName(s.name) }]);
  const project = world.projectId;
  const region = world.region;
  const connectorPath = `projects/${project}/locations/${world.connector.region}/connectors/${world.connector.name}`;
  const connectorResource = {
    type: "audited_resource",
    labels: { project_id: project, service: "vpcaccess.googleapis.com", method: "" },
  };
  let n = 0;
  const id = (atMs: number) => `${hex(seed, Math.floor(atMs / 1000), n++)}`.slice(0, 12);

  /** A long-running operation: a first entry and a last entry with one operation id. */
  const operation = (
    startMs: number,
    durationMs: number,
    producer: string,
    resource: ModelAuditEntry["resource"],
    audit: ModelAuditEntry["audit"],
    last: { response?: Record<string, unknown>; status?: ModelAuditEntry["audit"]["status"] } = {},
  ) => {
    const opId = `operations/${hex(seed, Math.floor(startMs / 1000), 77)}-${hex(seed, n, 78)}`;
    entries.push({
      timestampMs: startMs,
      insertId: id(startMs),
      severity: "NOTICE",
      logId: "cloudaudit.googleapis.com/activity",
      resource,
      operation: { id: opId, producer, first: true },
      audit,
    });
    const endMs = startMs + durationMs;
    entries.push({
      timestampMs: endMs,
      insertId: id(endMs),
      severity: last.status ? "ERROR" : "NOTICE",
      logId: "cloudaudit.googleapis.com/activity",
      resource,
      operation: { id: opId, producer, last: true },
      audit: {
        ...audit,
        request: undefined,
        ...(last.status ? { status: last.status } : {}),
        ...(last.response ? { response: last.response } : {}),
      },
    });
  };

  /** Every deployed service gets a new revision (one long-running ReplaceService each), `stepMs` apart. */
  const deployAll = (firstAt: number, stepMs: number, env: { name: string; value: string }[] = []) => {
    deployed.forEach((s, i) => {
      const spans = revisions.get(s.name) ?? [];
      const last = spans[spans.length - 1];
      const generation = baseGeneration(s.name) + spans.length;
      const revision = revisionNameAt(s.name, generation);
      const at = firstAt + i * stepMs;
      const image = `${region}-docker.pkg.dev/${project}/services/${s.name}@sha256:${hex(seed, generation, i, 1)}${hex(seed, generation, i, 2)}`;
      operation(
        at,
        DEPLOY_DURATION_MS,
        "run.googleapis.com",
        {
          type: "cloud_run_revision",
          labels: {
            project_id: project,
            service_name: s.name,
            revision_name: "",
            location: region,
            configuration_name: "",
          },
        },
        {
          serviceName: "run.googleapis.com",
          methodName: "google.cloud.run.v1.Services.ReplaceService",
          resourceName: `namespaces/${project}/services/${s.name}`,
          authenticationInfo: { principalEmail: DEPLOYER(project) },
          request: {
            service: {
              metadata: { name: s.name },
              spec: {
                template: {
                  metadata: { name: revision },
                  spec: { containers: [{ image, ...(env.length ? { env } : {}) }] },
                },
              },
            },
          },
        },
        { response: { status: { latestCreatedRevisionName: revision, latestReadyRevisionName: last?.name ?? "" } } },
      );
      spans.push({ fromMs: at + DEPLOY_DURATION_MS, name: revision });
      const rolloutMs = at + DEPLOY_DURATION_MS + ROLLOUT_LAG_MS;
      rollouts.push({ timestampMs: rolloutMs, service: s.name, revision, insertId: id(rolloutMs) });
    });
  };

  timeline.segments.forEach((segment, index) => {
    if (!Number.isFinite(segment.startMinute)) return;
    const previous = timeline.segments[index - 1]?.scenario;
    if (previous === segment.scenario) return;
    const startMs = segment.startMinute * 60_000;
    if (segment.scenario === "incident") {
      // The services deployed with the new database client, 3 min before the failures begin.
      deployAll(startMs - DEPLOY_LEAD_MS, 20_000);
      // Twenty minutes in, someone tries to give the connector more instances: Google refuses.
      const tryAt = startMs + 20 * 60_000;
      operation(
        tryAt,
        4_000,
        "vpcaccess.googleapis.com",
        connectorResource,
        {
          serviceName: "vpcaccess.googleapis.com",
          methodName: "google.cloud.vpcaccess.v1.VpcAccessService.PatchConnector",
          resourceName: connectorPath,
          authenticationInfo: { principalEmail: CONNECTOR_ENGINEER },
          request: { connector: { name: connectorPath, maxInstances: 12 } },
        },
        { status: { code: 3, message: "Invalid value for max_instances: 12; a connector has at most 10 instances" } },
      );
    }
    if (segment.scenario === "recovering") {
      // The app's fix: the DB initialisation time-out raised to 75 s, deployed just before the
      // connector resize completes (the recovery's state has it from its first minute).
      deployAll(startMs - TIMEOUT_FIX_LEAD_MS, 15_000, [
        { name: "DB_INIT_TIMEOUT_SECONDS", value: String(FIXED_DB_TIMEOUT_SECONDS) },
      ]);
      const at = startMs - RESIZE_LEAD_MS;
      operation(at, RESIZE_DURATION_MS, "vpcaccess.googleapis.com", connectorResource, {
        serviceName: "vpcaccess.googleapis.com",
        methodName: "google.cloud.vpcaccess.v1.VpcAccessService.PatchConnector",
        resourceName: connectorPath,
        authenticationInfo: { principalEmail: CONNECTOR_ENGINEER },
        request: {
          connector: {
            name: connectorPath,
            machineType: scaledMachineType(world.connector.machineType),
            minInstances: world.connector.minInstances,
            maxInstances: world.connector.maxInstances,
          },
        },
      });
    }
    if (segment.scenario === "flaky") {
      const at = startMs - 10 * 60_000;
      const secret = `projects/${project}/secrets/${JWT_SECRET}`;
      const version = 3 + (hashInts(seed, Math.floor(at / 60_000)) % 5);
      entries.push({
        timestampMs: at,
        insertId: id(at),
        severity: "NOTICE",
        logId: "cloudaudit.googleapis.com/activity",
        resource: {
          type: "audited_resource",
          labels: { project_id: project, service: "secretmanager.googleapis.com", method: "" },
        },
        audit: {
          serviceName: "secretmanager.googleapis.com",
          methodName: "google.cloud.secretmanager.v1.SecretManagerService.AddSecretVersion",
          resourceName: secret,
          authenticationInfo: { principalEmail: SECRET_ENGINEER },
          response: { name: `${secret}/versions/${version}`, state: "ENABLED" },
        },
      });
    }
  });
  entries.sort((a, b) => a.timestampMs - b.timestampMs || (a.insertId < b.insertId ? -1 : 1));
  rollouts.sort((a, b) => a.timestampMs - b.timestampMs || (a.insertId < b.insertId ? -1 : 1));
  return { entries, rollouts, revisions };
}

/** The revision of `service` serving at `ms` (the base one for a service the timeline never deployed). */
export function revisionAt(changes: WorldChanges, service: string, ms: number): string {
  const spans = changes.revisions.get(service);
  let name = revisionName(service);
  for (const s of spans ?? []) if (s.fromMs <= ms) name = s.name;
  return name;
}
