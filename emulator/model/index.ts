/**
 * The incident model: pure, seeded, deterministic. Used by the emulator (per-minute data) and
 * by the capacity what-if view (`simulateBurst`).
 */
export {
  assumptions,
  resolveAssumptions,
  machineTypeOrder,
  type MachineType,
  type ModelAssumptions,
  type MachineTypeAssumption,
} from "@/lib/what-if/core/model/assumptions";
export {
  simulateBurst,
  burstLimits,
  validateBurstInput,
  type BurstInput,
  type BurstServiceInput,
  type BurstConnectorInput,
  type BurstResult,
  type Bottleneck,
  type UtilisationSample,
  type InstanceOutcome,
  type AttemptOutcome,
} from "@/lib/what-if/core/model/burst";
export {
  metricCatalogue,
  resourceCatalogue,
  metricSpec,
  STARTUP_PROBE_TYPE,
  type MetricSpec,
  type ResourceSpec,
  type LabelSpec,
  type BucketOptions,
  type MetricKind,
  type ValueType,
} from "./catalogue";
export {
  worldFromConfig,
  revisionName,
  revisionNameAt,
  cloudSqlSocketPath,
  type World,
  type WorldService,
} from "./world";
export {
  worldChanges,
  revisionAt,
  DEPLOYER,
  CONNECTOR_ENGINEER,
  SECRET_ENGINEER,
  JWT_SECRET,
  ROLLOUT_TEXT,
  type ModelAuditEntry,
  type ModelRolloutLine,
  type WorldChanges,
  type RevisionSpan,
} from "./changes";
export {
  timelineFor,
  switchScenario,
  segmentAt,
  rescaleTimeline,
  modelMinutesBetween,
  scenarioNames,
  type Timeline,
  type TimelineSegment,
  type TimelineOptions,
  type ScenarioName,
  type BaseScenario,
} from "./timeline";
export {
  scenarioState,
  scaledMachineType,
  serviceTimeoutSeconds,
  FIXED_DB_TIMEOUT_SECONDS,
  type ScenarioState,
  type HttpBehaviour,
  type ConnectorState,
} from "./scenarios";
export {
  createMinuteModel,
  appDatabase,
  executionTimeSinceMinute,
  type MinuteModel,
  type MinuteSample,
  type ServiceMinute,
  type StartupAttempt,
  type ConnectorMinute,
  type DatabaseMinute,
  type EndpointMinute,
} from "./minute";
export { logEntriesForMinute, rolloutLogEntry, type ModelLogEntry, type LogSeverity, type LogId } from "./logs";
export { mulberry32, hashInts, uniform } from "@/lib/what-if/core/model/prng";
