import type { MachineType } from "@/lib/health/config/staging-schema";
import type { Bottleneck } from "@/lib/model/burst-input";
import type { whatIfLimits } from "./limits";
import type { AssumptionsUsed } from "./scenario";
import type { WhatIfScenario } from "./schema";
import type { Spread } from "./stats";

/**
 * What POST /api/what-if answers. Types only (no zod at run time), so the page's client
 * components can import them without shipping a validator: the server is the one that
 * validates, and the client shows its messages.
 */

export type { Bottleneck, Spread, WhatIfScenario, AssumptionsUsed, MachineType };

export type Verdict = "meets-with-margin" | "meets-median-only" | "misses";

/** Connector utilisation and friends at one second after the burst began, across the runs. */
export type UtilisationBand = {
  t: number;
  /** Utilisation 0–1: the p10–p90 band and the median run. */
  p10: number;
  median: number;
  p90: number;
  connectorInstances: number;
  connections: number;
  readyInstances: number;
};

export type Prediction = {
  runs: number;
  /** Seconds each run follows the burst. */
  horizonSeconds: number;
  target: number;
  verdict: Verdict;
  /** Share of instances whose first start-up attempt became ready, per run. */
  success: Spread;
  /** Successful ÷ completed attempts, retries included: what the start-up probe counts would show. */
  attemptSuccess: Spread | null;
  services: { name: string; instances: number; success: Spread | null }[];
  /** Seconds until every instance was ready; null where a quantile falls on runs that never got there. */
  timeToAllReady: {
    p10: number | null;
    median: number | null;
    p90: number | null;
    max: number | null;
    runsAllReady: number;
  };
  peakConnections: Spread & { maxConnections: number; runsAtLimit: number };
  /** What made the first start-up attempt fail, how often across the runs. */
  firstBottleneck: { cause: Bottleneck | null; runs: number; counts: Record<Bottleneck | "none", number> };
  scaleOuts: { firstReadyAt: Spread | null; runsWithScaleOut: number; finalInstances: Spread };
  utilisation: UtilisationBand[];
};

export type Lever = "dbTimeoutSeconds" | "poolSize" | "minInstances" | "maxInstances" | "machineType";
export type CostDirection = "higher" | "none" | "lower";

export type Change = { lever: Lever; from: number | MachineType; to: number | MachineType };

export type RecommendationOption = {
  changes: Change[];
  /** Steps along each lever's ladder of candidate values, summed: the size of the change. */
  steps: number;
  cost: CostDirection;
  costNote: string;
  success: { p10: number; median: number };
  /** The whole scenario with the change applied, to try it in the form. */
  scenario: WhatIfScenario;
};

export type Recommendation = {
  target: number;
  marginQuantile: number;
  status: "no-change-needed" | "found" | "not-found";
  /** The smallest change: fewest levers, no added cost before added cost, fewest steps. */
  recommended: RecommendationOption | null;
  /** The smallest change per lever that reaches the target alone (and pairs, when none does). */
  options: RecommendationOption[];
  /**
   * Levers that cannot reach the target alone: even at the end of their range (`upTo`) the
   * p10 is `p10` (null when the search budget ran out before it could be measured).
   */
  unreachable: { lever: Lever; upTo: number | MachineType; p10: number | null }[];
  candidatesTried: number;
  /** True when the search hit its work budget before trying every candidate. */
  truncated: boolean;
};

export type WhatIfResponse = {
  scenario: WhatIfScenario;
  prediction: Prediction;
  recommendation: Recommendation;
  assumptions: AssumptionsUsed;
  /** A label the page shows with every figure. */
  basis: "model";
  computeMs: number;
};

/** Instances started within one aligned period, per service, from the range's data. */
export type ObservedBurst = {
  status: "known" | "unknown";
  /** Why it is unknown (no data, range too coarse, upstream error); null when known. */
  reason: string | null;
  /** When Stagewatch read the data (the older of the two reads). */
  measuredAt: string | null;
  /** A cached copy served because the upstream failed. */
  stale: boolean;
  windowSeconds: number;
  range: { preset: string; from: string; to: string };
  services: {
    name: string;
    /** null: no data for this service in the range. */
    instances: number | null;
    /** End of the period with the most start-ups (ISO). */
    at: string | null;
    signal: "startup-attempts" | "instance-count-rise" | null;
  }[];
};

export type WhatIfDefaults = {
  scenario: WhatIfScenario;
  assumptions: AssumptionsUsed;
  limits: typeof whatIfLimits;
  connector: { name: string; region: string };
  database: { instanceId: string };
  observed: ObservedBurst;
};
