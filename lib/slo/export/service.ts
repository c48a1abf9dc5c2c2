import "server-only";
import { AlertPolicyServiceClient, ServiceMonitoringServiceClient } from "@google-cloud/monitoring";
import { z } from "zod";
import { ApiError, parseOrThrow } from "@/lib/base/api-error";
import { getStagingConfig } from "@/lib/config/staging-config";
import { clientSettingsFromEnv, emulatorOptions } from "@/lib/gcp/clients";
import { toUpstreamError } from "@/lib/gcp/upstream-error";
import { createExport, type ExportClients } from "./create";
import { exportPlan, type ExportPlan } from "./resources";
import type { SloExportPlanView, SloExportResult } from "./shapes";
import { processSingleton } from "@/lib/base/singleton";

/**
 * "Export to Cloud Monitoring" for the route: the plan as JSON, and creating it with the
 * process's credentials (the emulator in the demo). Creating needs roles/monitoring.editor
 * (or a narrower role with services.create, slos.create and alertPolicies.create).
 */

export const EDITOR_ROLE = "roles/monitoring.editor";

function exportClients(): ExportClients {
  return processSingleton<ExportClients>("slo-export-clients", () => {
    const { projectId, monitoringEmulatorHost } = clientSettingsFromEnv();
    const options = monitoringEmulatorHost ? emulatorOptions(monitoringEmulatorHost) : { projectId };
    return {
      services: new ServiceMonitoringServiceClient(options),
      alertPolicies: new AlertPolicyServiceClient(options),
    };
  });
}

export function currentPlan(): ExportPlan {
  return exportPlan(getStagingConfig(), clientSettingsFromEnv().projectId);
}

/** The plan as the API's JSON, for review before creating anything. */
export function planView(plan: ExportPlan): SloExportPlanView {
  return {
    projectId: plan.projectId,
    services: plan.services.map((s) => ({
      name: s.name,
      serviceId: s.serviceId,
      service: s.service,
      serviceLevelObjective: { name: s.slo.name, json: s.slo.json },
    })),
    alertPolicies: plan.alertPolicies.map((p) => ({ key: p.key, json: p.json })),
  };
}

export const exportBodySchema = z.strictObject({}).optional();

export async function runExport(body: unknown): Promise<SloExportResult> {
  parseOrThrow(exportBodySchema, body);
  const plan = currentPlan();
  try {
    return { projectId: plan.projectId, actions: await createExport(exportClients(), plan) };
  } catch (err) {
    const up = toUpstreamError(err, "monitoring");
    if (up.code === "PERMISSION_DENIED") {
      throw new ApiError(
        403,
        "upstream_permission_denied",
        `Cloud Monitoring refused to create the SLO resources: grant ${EDITOR_ROLE} on project ${plan.projectId} to the account Stagewatch runs as.`,
        { role: EDITOR_ROLE, project: plan.projectId },
      );
    }
    if (up.code === "UNAUTHENTICATED")
      throw new ApiError(
        502,
        "upstream_unauthenticated",
        `Cloud Monitoring did not accept Stagewatch's credentials for project ${plan.projectId}.`,
      );
    if (up.code === "UNAVAILABLE")
      throw new ApiError(
        503,
        "upstream_unavailable",
        "Cloud Monitoring is unreachable right now.",
        {},
        { "Retry-After": "10" },
      );
    throw new ApiError(502, "upstream_error", `Cloud Monitoring answered ${up.code}: ${up.message}`);
  }
}
