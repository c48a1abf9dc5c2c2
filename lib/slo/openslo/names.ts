/**
 * The names and annotations Stagewatch's OpenSLO documents use, shared by export and import so
 * that a file Stagewatch wrote reads back to the same SLOs.
 */

export const OPENSLO_V1 = "openslo/v1";
export const OPENSLO_V1ALPHA = "openslo/v1alpha";

/** The metric source type Stagewatch writes and reads: Cloud Monitoring time-series filters. */
export const CLOUD_MONITORING_SOURCE = "cloud-monitoring";

/**
 * v1 allows one condition per AlertPolicy (its schema says `maxItems: 1`), but a workbook rule
 * needs two windows to be over the threshold together. The long window is the policy's
 * condition; the short window is its own AlertCondition, named by this annotation on the policy.
 */
export const AND_CONDITION_ANNOTATION = "stagewatch.dev/and-condition";

/** The one notification target: Stagewatch delivers SLO alerts itself (see docs/slo.md). */
export const NOTIFICATION_TARGET = "stagewatch-slo-alerts";

export const serviceName = (sloId: string) => `stagewatch-${sloId}`;
export const sliName = (sloId: string) => `${sloId}-success`;
export const policyName = (sloId: string, ruleId: string) => `${sloId}-${ruleId}`;
export const conditionName = (sloId: string, ruleId: string, window: string) => `${sloId}-${ruleId}-${window}`;
