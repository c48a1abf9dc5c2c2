import type { AlertPolicyServiceClient, ServiceMonitoringServiceClient } from "@google-cloud/monitoring";
import { grpc } from "google-gax";
import type { ExportPlan } from "./resources";
import { roundTrip } from "./round-trip";
import type { ExportAction } from "./shapes";

/**
 * Creates the plan's resources through Google's own clients, idempotently: a Service or SLO
 * whose id exists is left alone (ids are ours, so "exists" is a lookup, and ALREADY_EXISTS
 * from a concurrent create counts the same); alert policies have server-made names, so they
 * are matched by their `stagewatch_slo` / `stagewatch_rule` labels. Running it twice creates
 * nothing the second time. Every body goes through the round trip first, so what is sent is
 * exactly the checked JSON.
 */

export type ExportClients = { services: ServiceMonitoringServiceClient; alertPolicies: AlertPolicyServiceClient };

const codeOf = (err: unknown) =>
  err && typeof err === "object" && "code" in err ? (err as { code: unknown }).code : undefined;

async function ensure(get: () => Promise<unknown>, create: () => Promise<unknown>): Promise<"created" | "exists"> {
  try {
    await get();
    return "exists";
  } catch (err) {
    if (codeOf(err) !== grpc.status.NOT_FOUND) throw err;
  }
  try {
    await create();
    return "created";
  } catch (err) {
    if (codeOf(err) === grpc.status.ALREADY_EXISTS) return "exists";
    throw err;
  }
}

export async function createExport(clients: ExportClients, plan: ExportPlan): Promise<ExportAction[]> {
  const parent = `projects/${plan.projectId}`;
  const done: ExportAction[] = [];
  for (const s of plan.services) {
    const service = roundTrip("Service", s.service).message;
    done.push({
      kind: "Service",
      name: s.name,
      action: await ensure(
        () => clients.services.getService({ name: s.name }),
        () => clients.services.createService({ parent, serviceId: s.serviceId, service }),
      ),
    });
    const slo = roundTrip("ServiceLevelObjective", s.slo.json).message;
    done.push({
      kind: "ServiceLevelObjective",
      name: s.slo.name,
      action: await ensure(
        () => clients.services.getServiceLevelObjective({ name: s.slo.name }),
        () =>
          clients.services.createServiceLevelObjective({
            parent: s.name,
            serviceLevelObjectiveId: s.slo.sloId,
            serviceLevelObjective: slo,
          }),
      ),
    });
  }
  const [existing] = await clients.alertPolicies.listAlertPolicies({ name: parent }, { autoPaginate: true });
  for (const p of plan.alertPolicies) {
    const { stagewatch_slo: slo, stagewatch_rule: rule } = p.json.userLabels;
    const found = existing.find((e) => e.userLabels?.stagewatch_slo === slo && e.userLabels?.stagewatch_rule === rule);
    if (found?.name) {
      done.push({ kind: "AlertPolicy", name: found.name, action: "exists" });
      continue;
    }
    const [created] = await clients.alertPolicies.createAlertPolicy({
      name: parent,
      alertPolicy: roundTrip("AlertPolicy", p.json).message,
    });
    done.push({ kind: "AlertPolicy", name: created.name ?? p.key, action: "created" });
  }
  return done;
}
