export { effectiveStatus, type EffectiveStatus, type GateState } from "./gates";
export { heldSince, criterionStatus, DEFAULT_MAX_GAP_SECONDS, type CriterionStatus, type HoldOptions } from "./hold";
export {
  summarizeCriteria,
  CRITERIA_MET_TEXT,
  NO_CRITERIA_TEXT,
  type CriteriaState,
  type CriteriaSummary,
} from "./criteria-state";
export { decidePhase, type PhaseDecision, type PhaseEvidence } from "./decide";
export {
  blockingPhases,
  blockingPhasesEntry,
  phaseProgress,
  BLOCKING_PHASES_KEY,
  type Blocker,
  type PhaseProgress,
  type PhaseView,
} from "./progress";
export {
  phaseLabel,
  type CriterionHistoryEntry,
  type PhaseStatus,
  type TrackerAction,
  type TrackerCriterion,
  type TrackerPhase,
} from "./types";
