import {
  ceilingBasis,
  MACHINE_TYPES,
  type CeilingBasis,
  type ConnectorSizing,
  type MachineType,
} from "@/lib/core/connector-capacity";
import type { ChangeEvidence } from "./correlate";

/**
 * The connector's machine type in force at a time: the configured one until a successful change
 * of this connector to another machine type has finished (the audit log says when), then that
 * one. The ceiling drawn against the throughput is the one Google enforced then, not the config's
 * (after a resize to e2-standard-4, 836 Mbit/s is 17% of its ceiling, not above an e2-micro one).
 * Unknown changes leave the configured type. Pure.
 */
const isMachineType = (v: string | undefined): v is MachineType =>
  v !== undefined && (MACHINE_TYPES as readonly string[]).includes(v);

export function basisAt(
  connector: ConnectorSizing & { name: string },
  evidence: ChangeEvidence | undefined,
): (t: number) => CeilingBasis {
  const configured = ceilingBasis(connector);
  const resizes =
    evidence?.known === true
      ? evidence.changes
          .filter(
            (c) =>
              c.kind === "connector" &&
              c.resource.name === connector.name &&
              c.outcome === "succeeded" &&
              isMachineType(c.details.machineType),
          )
          .map((c) => ({ at: Date.parse(c.endedAt ?? c.startedAt), machineType: c.details.machineType as MachineType }))
          .sort((a, b) => a.at - b.at)
      : [];
  if (!resizes.length) return () => configured;
  const bases = new Map<MachineType, CeilingBasis>();
  const of = (machineType: MachineType) => {
    let b = bases.get(machineType);
    if (!b) {
      // The team's measured figure belongs to the configured machine type only.
      b =
        machineType === connector.machineType
          ? configured
          : ceilingBasis({ machineType, maxInstances: connector.maxInstances });
      bases.set(machineType, b);
    }
    return b;
  };
  return (t) => {
    let type: MachineType = connector.machineType;
    for (const r of resizes) if (r.at <= t) type = r.machineType;
    return of(type);
  };
}
