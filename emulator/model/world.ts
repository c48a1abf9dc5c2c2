import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { MachineType } from "@/lib/what-if/core/model/assumptions";
import { hashInts, hashString } from "@/lib/what-if/core/model/prng";
import { ceilingBasis, type CeilingBasis } from "@/lib/core/connector-capacity";

/** The emulated environment as plain data: what the model needs from the staging config. */
export interface WorldService {
  name: string;
  /** false for a service that is referenced but not deployed: it produces no data at all. */
  deployed: boolean;
  burstInstances: number;
  poolSize: number;
  dbTimeoutSeconds: number;
}

export interface World {
  projectId: string;
  region: string;
  services: WorldService[];
  connector: {
    name: string;
    region: string;
    machineType: MachineType;
    minInstances: number;
    maxInstances: number;
    /** A team's measured per-instance figure (config), for the configured machine type only. */
    perInstanceMbps?: number;
  };
  database: { instanceId: string; maxConnections: number };
}

/**
 * What the emulated connector carries per instance: the config's measured figure for its own
 * machine type, Google's documented one for any other (after a scenario resized it).
 */
export function connectorBasis(world: World, machineType: MachineType): CeilingBasis {
  const c = world.connector;
  return ceilingBasis({
    machineType,
    maxInstances: c.maxInstances,
    perInstanceMbps: machineType === c.machineType ? c.perInstanceMbps : undefined,
  });
}

export function worldFromConfig(config: StagingConfig): World {
  return {
    projectId: config.project.id,
    region: config.project.region,
    services: config.services.map((s) => ({
      name: s.name,
      deployed: s.deployed,
      burstInstances: s.startup.burstInstances,
      poolSize: s.startup.poolSize,
      dbTimeoutSeconds: s.startup.dbTimeoutSeconds,
    })),
    connector: { ...config.connector },
    database: { ...config.database },
  };
}

const letters = "abcdefghijklmnopqrstuvwxyz";

/** A Cloud Run revision name: the service, a five-digit generation and a stable three-letter suffix. */
export function revisionNameAt(service: string, generation: number): string {
  const h = hashInts(hashString(service), generation);
  const suffix = [0, 5, 10].map((shift) => letters[(h >>> shift) % 26] ?? "a").join("");
  return `${service}-${String(generation).padStart(5, "0")}-${suffix}`;
}

/** The generation a service runs before any change of the timeline (stable per name). */
export function baseGeneration(service: string): number {
  return 40 + (hashString(service) % 20);
}

/** The revision a service runs before any deploy of the timeline, e.g. "backend-00042-xqf". */
export function revisionName(service: string): string {
  return revisionNameAt(service, baseGeneration(service));
}

/** The Cloud SQL socket path the services use, as it appears in their error logs. */
export function cloudSqlSocketPath(world: World): string {
  return `/cloudsql/${world.projectId}:${world.region}:${world.database.instanceId}/.s.PGSQL.5432`;
}
