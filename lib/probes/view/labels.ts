import { PHASE_LABELS } from "@/lib/config/core/probe-kinds/phase-labels";
import type { ProbeStatus } from "@/lib/probes/core/types";

/** Plain words for each status, shown next to the badge so nobody has to guess. */
export const STATUS_MEANING: Record<ProbeStatus, string> = {
  up: "answering and every condition passes",
  degraded: "answering, but slow or expiring (a latency, certificate or domain-expiry condition fails)",
  down: "there, but failing",
  missing: "nothing there: connection refused on loopback or the name does not resolve",
  unknown: "no recent result",
  flapping: "keeps changing between states",
};

/** Phases by the label their probe type gives them (lib/probes/core/kinds); a rehearsal's `step-<n>` as "Step n". */
export const phaseLabel = (phase: string): string => PHASE_LABELS[phase] ?? phase.replace(/^step-(\d+)$/, "Step $1");
