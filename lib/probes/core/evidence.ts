import type { ProbeStatus } from "./types";

export type ProbeImpact = "down" | "degraded";

/** A probe as the verdict sees it: its flap-controlled status and whether that is still current. */
export type ProbeEvidence = {
  name: string;
  status: ProbeStatus;
  /** The last result is older than the probe's own rule allows (or there is none). */
  stale: boolean;
  checkedAt: string | null;
  staleAfter: string | null;
  /** What its failure means for staging (golden-path default "down"); null: read only for the likely cause. */
  impact: ProbeImpact | null;
  dependsOn: readonly string[];
  lastError: string | null;
  /** The service the probe checks (a service's maintenance window covers it). */
  service?: string | null;
};
