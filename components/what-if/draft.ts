import { MACHINE_TYPES } from "@/lib/core/connector-capacity";
import type { MachineType } from "@/lib/config/core/staging-schema";
import type { WhatIfRequest } from "@/lib/what-if/core/schema";
import type { EditableAssumptions } from "@/lib/what-if/core/scenario";
import type { WhatIfScenario } from "@/lib/what-if/core/types";

/**
 * The form's state: text, as typed, so a half-typed number is not snapped to something else.
 * It becomes a request only on submit; the server validates it and names what is wrong.
 */

export type ServiceDraft = { name: string; instances: string; poolSize: string; dbTimeoutSeconds: string };

export type Draft = {
  services: ServiceDraft[];
  machineType: MachineType;
  minInstances: string;
  maxInstances: string;
  maxConnections: string;
  seeds: string;
  perInstanceMbps: Record<MachineType, string>;
  scaleOutDelayMin: string;
  scaleOutDelayMax: string;
  connectionSetupMegabits: string;
};

export function draftFrom(s: WhatIfScenario, a: EditableAssumptions): Draft {
  return {
    services: s.services.map((svc) => ({
      name: svc.name,
      instances: String(svc.instances),
      poolSize: String(svc.poolSize),
      dbTimeoutSeconds: String(svc.dbTimeoutSeconds),
    })),
    machineType: s.connector.machineType,
    minInstances: String(s.connector.minInstances),
    maxInstances: String(s.connector.maxInstances),
    maxConnections: String(s.database.maxConnections),
    seeds: String(s.seeds),
    perInstanceMbps: Object.fromEntries(
      MACHINE_TYPES.map((t) => [t, String(s.assumptions.perInstanceMbps?.[t] ?? a.perInstanceMbps[t])]),
    ) as Record<MachineType, string>,
    scaleOutDelayMin: String(s.assumptions.scaleOutDelaySeconds?.min ?? a.scaleOutDelaySeconds.min),
    scaleOutDelayMax: String(s.assumptions.scaleOutDelaySeconds?.max ?? a.scaleOutDelaySeconds.max),
    connectionSetupMegabits: String(s.assumptions.connectionSetupMegabits ?? a.connectionSetupMegabits),
  };
}

/** Text to number; an empty or garbled field becomes NaN, which JSON sends as null and the server names. */
export function toNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? NaN : Number(trimmed);
}

/**
 * The request for a draft. Assumptions equal to the model's defaults are left out, so the
 * same configuration always makes the same request (and hits the same cached answer).
 */
export function requestFrom(d: Draft, defaults: EditableAssumptions): WhatIfRequest {
  const mbps = Object.fromEntries(
    MACHINE_TYPES.flatMap((t) => {
      const v = toNumber(d.perInstanceMbps[t]);
      return v === defaults.perInstanceMbps[t] ? [] : [[t, v]];
    }),
  ) as Partial<Record<MachineType, number>>;
  const delay = { min: toNumber(d.scaleOutDelayMin), max: toNumber(d.scaleOutDelayMax) };
  const setup = toNumber(d.connectionSetupMegabits);
  const delayIsDefault =
    delay.min === defaults.scaleOutDelaySeconds.min && delay.max === defaults.scaleOutDelaySeconds.max;
  return {
    services: d.services.map((s) => ({
      name: s.name,
      instances: toNumber(s.instances),
      poolSize: toNumber(s.poolSize),
      dbTimeoutSeconds: toNumber(s.dbTimeoutSeconds),
    })),
    connector: {
      machineType: d.machineType,
      minInstances: toNumber(d.minInstances),
      maxInstances: toNumber(d.maxInstances),
    },
    database: { maxConnections: toNumber(d.maxConnections) },
    seeds: toNumber(d.seeds),
    assumptions: {
      ...(Object.keys(mbps).length ? { perInstanceMbps: mbps } : {}),
      ...(delayIsDefault ? {} : { scaleOutDelaySeconds: delay }),
      ...(setup === defaults.connectionSetupMegabits ? {} : { connectionSetupMegabits: setup }),
    },
  };
}
