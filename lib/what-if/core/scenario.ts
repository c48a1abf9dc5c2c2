import type { StagingConfig } from "@/lib/config/core/staging-schema";
import {
  assumptions as modelDefaults,
  machineTypeOrder,
  resolveAssumptions,
  type MachineType,
  type ModelAssumptions,
} from "@/lib/what-if/core/model/assumptions";
import type { BurstInput } from "@/lib/what-if/core/model/burst-input";
import { whatIfLimits } from "./limits";
import type { AssumptionOverrides, WhatIfScenario } from "./schema";
import type { AssumptionsUsed, EditableAssumptions } from "./types";

export type { AssumptionsUsed, EditableAssumptions };

/** Between the validated request and the model: config defaults, assumptions, burst input. */

/** Today's staging as a what-if scenario: deployed services only (a phantom service starts nothing). */
export function scenarioFromConfig(config: StagingConfig): WhatIfScenario {
  const services = config.services
    .filter((s) => s.deployed)
    .slice(0, whatIfLimits.maxServices)
    .map((s) => ({
      name: s.name,
      instances: s.startup.burstInstances,
      poolSize: s.startup.poolSize,
      dbTimeoutSeconds: s.startup.dbTimeoutSeconds,
    }));
  const total = services.reduce((n, s) => n + s.instances, 0);
  return {
    services,
    connector: {
      machineType: config.connector.machineType,
      minInstances: config.connector.minInstances,
      maxInstances: config.connector.maxInstances,
    },
    database: { maxConnections: config.database.maxConnections },
    // A config with a huge burst still opens a valid request: fewer runs rather than a refusal.
    seeds: Math.max(
      1,
      Math.min(whatIfLimits.seeds.default, Math.floor(whatIfLimits.maxInstanceRuns / Math.max(1, total))),
    ),
    // A team's measured per-instance figure (config) is the default the what-if starts from,
    // shown as an override of Google's documented one, so both views hold one ceiling.
    assumptions:
      config.connector.perInstanceMbps === undefined
        ? {}
        : { perInstanceMbps: { [config.connector.machineType]: config.connector.perInstanceMbps } },
  };
}

/** The model's assumptions with the request's overrides applied. */
export function modelAssumptions(overrides: AssumptionOverrides): ModelAssumptions {
  const machineTypes = Object.fromEntries(
    machineTypeOrder.map((t) => [
      t,
      {
        ...modelDefaults.machineTypes[t],
        perInstanceMbps: overrides.perInstanceMbps?.[t] ?? modelDefaults.machineTypes[t].perInstanceMbps,
      },
    ]),
  ) as ModelAssumptions["machineTypes"];
  return resolveAssumptions({
    machineTypes,
    ...(overrides.scaleOutDelaySeconds ? { scaleOutDelaySeconds: overrides.scaleOutDelaySeconds } : {}),
    ...(overrides.connectionSetupMegabits !== undefined
      ? { connectionSetupMegabits: overrides.connectionSetupMegabits }
      : {}),
  });
}

export function editableAssumptions(a: ModelAssumptions): EditableAssumptions {
  return {
    perInstanceMbps: Object.fromEntries(machineTypeOrder.map((t) => [t, a.machineTypes[t].perInstanceMbps])) as Record<
      MachineType,
      number
    >,
    scaleOutDelaySeconds: { ...a.scaleOutDelaySeconds },
    connectionSetupMegabits: a.connectionSetupMegabits,
  };
}

export function assumptionsUsed(a: ModelAssumptions): AssumptionsUsed {
  const editable = editableAssumptions(a);
  const defaults = editableAssumptions(modelDefaults);
  const overridden = [
    ...machineTypeOrder
      .filter((t) => editable.perInstanceMbps[t] !== defaults.perInstanceMbps[t])
      .map((t) => `perInstanceMbps.${t}`),
    ...(editable.scaleOutDelaySeconds.min !== defaults.scaleOutDelaySeconds.min ||
    editable.scaleOutDelaySeconds.max !== defaults.scaleOutDelaySeconds.max
      ? ["scaleOutDelaySeconds"]
      : []),
    ...(editable.connectionSetupMegabits !== defaults.connectionSetupMegabits ? ["connectionSetupMegabits"] : []),
  ];
  return {
    editable,
    defaults,
    overridden,
    documentedRangeMbps: Object.fromEntries(
      machineTypeOrder.map((t) => [t, a.machineTypes[t].documentedRangeMbps]),
    ) as Record<MachineType, readonly [number, number]>,
    fixed: {
      coldStartSeconds: { ...a.coldStartSeconds },
      scaleOutThreshold: a.scaleOutThreshold,
      perInstanceMaxMbps: a.perInstanceMaxMbps,
      retryBackoff: { ...a.retryBackoff },
      orphanedConnectionSeconds: a.orphanedConnectionSeconds,
      stepSeconds: a.stepSeconds,
    },
  };
}

/**
 * The model's input for a scenario. `horizonSeconds` left out follows the burst long enough
 * to see retries settle; the recommendation search passes a short one (see recommend.ts).
 */
export function toBurstInput(s: WhatIfScenario, a: ModelAssumptions, horizonSeconds?: number): BurstInput {
  return {
    services: s.services.map((svc) => ({ ...svc })),
    connector: { ...s.connector },
    database: { ...s.database },
    assumptions: a,
    ...(horizonSeconds === undefined ? {} : { horizonSeconds }),
  };
}

/**
 * The shortest horizon in which every instance's first attempt has ended (ready, or timed
 * out): start-up success counts first attempts only, so it is final by then.
 */
export function firstAttemptHorizon(s: WhatIfScenario, a: ModelAssumptions): number {
  const longest = Math.max(...s.services.map((svc) => svc.dbTimeoutSeconds));
  return Math.max(10, Math.ceil(a.coldStartSeconds.max + longest) + 1);
}
