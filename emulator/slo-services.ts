import { status, type UntypedServiceImplementation } from "@grpc/grpc-js";
import * as grpc from "@grpc/grpc-js";
import { invalidArgument, RpcError } from "./grpc-errors";
import { loadProtos, serviceAt } from "./protos";
import { unary } from "./unary";

/**
 * Cloud Monitoring's ServiceMonitoringService (services and SLOs) and AlertPolicyService
 * (policies) for "Export to Cloud Monitoring", kept in memory for the life of the emulator.
 * Create / Get / List behave like Google's: a client-chosen id that exists is ALREADY_EXISTS,
 * a missing name is NOT_FOUND, and the checks Google makes on what Stagewatch sends are made
 * here (an SLO goal strictly between 0 and 1, a rolling period of 1–30 days, both filters of
 * a request-based ratio, a select_slo_burn_rate condition naming an SLO that exists).
 */

type Obj = Record<string, unknown>;
const DAY = 86_400;
const ID = /^[a-z0-9-]{1,100}$/;

function definitions() {
  const root = grpc.loadPackageDefinition(
    loadProtos(["google/monitoring/v3/service_service.proto", "google/monitoring/v3/alert_service.proto"]),
  );
  return {
    serviceMonitoring: serviceAt(root, "google.monitoring.v3.ServiceMonitoringService"),
    alertPolicies: serviceAt(root, "google.monitoring.v3.AlertPolicyService"),
  };
}

const notFound = (what: string, name: string) => new RpcError(status.NOT_FOUND, `${what} ${name} not found.`);
const str = (v: unknown) => (typeof v === "string" ? v : "");

function projectOf(parent: string): string {
  const m = /^projects\/([^/]+)$/.exec(parent);
  if (!m?.[1]) throw invalidArgument(`Invalid parent "${parent}": expected projects/{project}.`);
  return parent;
}

function checkSlo(slo: Obj): void {
  const goal = Number(slo.goal);
  if (!(goal > 0 && goal < 1))
    throw invalidArgument(`Field goal had an invalid value of "${String(slo.goal)}": must be in (0, 1).`);
  const rolling = slo.rollingPeriod as { seconds?: string } | undefined;
  const seconds = Number(rolling?.seconds ?? 0);
  if (!slo.calendarPeriod && !(seconds >= DAY && seconds <= 30 * DAY && seconds % DAY === 0)) {
    throw invalidArgument(
      `Field rolling_period had an invalid value of "${seconds}s": must be a whole number of days from 1 to 30.`,
    );
  }
  const ratio = ((slo.serviceLevelIndicator as Obj | undefined)?.requestBased as Obj | undefined)?.goodTotalRatio as
    Obj | undefined;
  if (!ratio) throw invalidArgument("Only request-based SLIs with a good_total_ratio are supported by the emulator.");
  const given = ["goodServiceFilter", "badServiceFilter", "totalServiceFilter"].filter((k) => str(ratio[k]) !== "");
  if (given.length !== 2)
    throw invalidArgument(
      "A good_total_ratio needs exactly two of good_service_filter, bad_service_filter, total_service_filter.",
    );
}

export type SloServicesState = {
  services: Map<string, Obj>;
  slos: Map<string, Obj>;
  policies: Map<string, Obj>;
  nextPolicy: number;
};

export function createSloServicesState(): SloServicesState {
  return { services: new Map(), slos: new Map(), policies: new Map(), nextPolicy: 1 };
}

export function sloServices(state: SloServicesState) {
  const defs = definitions();
  const serviceMonitoring: UntypedServiceImplementation = {
    createService: unary((req: Obj) => {
      const parent = projectOf(str(req.parent));
      const id = str(req.serviceId);
      if (!ID.test(id)) throw invalidArgument(`Field service_id had an invalid value of "${id}".`);
      const name = `${parent}/services/${id}`;
      if (state.services.has(name)) throw new RpcError(status.ALREADY_EXISTS, `Resource ${name} already exists.`);
      const service = { ...(req.service as Obj), name };
      state.services.set(name, service);
      return service;
    }),
    getService: unary((req: Obj) => {
      const s = state.services.get(str(req.name));
      if (!s) throw notFound("Service", str(req.name));
      return s;
    }),
    listServices: unary((req: Obj) => {
      const parent = projectOf(str(req.parent));
      return { services: [...state.services.values()].filter((s) => str(s.name).startsWith(`${parent}/`)) };
    }),
    createServiceLevelObjective: unary((req: Obj) => {
      const parent = str(req.parent);
      if (!state.services.has(parent)) throw notFound("Service", parent);
      const id = str(req.serviceLevelObjectiveId);
      if (!ID.test(id)) throw invalidArgument(`Field service_level_objective_id had an invalid value of "${id}".`);
      const slo = req.serviceLevelObjective as Obj;
      checkSlo(slo);
      const name = `${parent}/serviceLevelObjectives/${id}`;
      if (state.slos.has(name)) throw new RpcError(status.ALREADY_EXISTS, `Resource ${name} already exists.`);
      const created = { ...slo, name };
      state.slos.set(name, created);
      return created;
    }),
    getServiceLevelObjective: unary((req: Obj) => {
      const s = state.slos.get(str(req.name));
      if (!s) throw notFound("ServiceLevelObjective", str(req.name));
      return s;
    }),
    listServiceLevelObjectives: unary((req: Obj) => {
      const parent = str(req.parent);
      if (!state.services.has(parent)) throw notFound("Service", parent);
      return { serviceLevelObjectives: [...state.slos.values()].filter((s) => str(s.name).startsWith(`${parent}/`)) };
    }),
  };
  const alertPolicies: UntypedServiceImplementation = {
    createAlertPolicy: unary((req: Obj) => {
      const parent = projectOf(str(req.name));
      const policy = req.alertPolicy as Obj;
      const conditions = (policy.conditions as Obj[] | undefined) ?? [];
      if (conditions.length === 0) throw invalidArgument("An alert policy needs at least one condition.");
      for (const c of conditions) {
        const filter = str((c.conditionThreshold as Obj | undefined)?.filter);
        const slo = /^select_slo_burn_rate\("([^"]+)", "(\d+)m"\)$/.exec(filter);
        if (filter.startsWith("select_slo_burn_rate") && !slo)
          throw invalidArgument(`Invalid time-series selector "${filter}".`);
        if (slo?.[1] && !state.slos.has(slo[1])) throw notFound("ServiceLevelObjective", slo[1]);
      }
      const name = `${parent}/alertPolicies/${1000 + state.nextPolicy++}`;
      const created = { ...policy, name };
      state.policies.set(name, created);
      return created;
    }),
    getAlertPolicy: unary((req: Obj) => {
      const p = state.policies.get(str(req.name));
      if (!p) throw notFound("AlertPolicy", str(req.name));
      return p;
    }),
    listAlertPolicies: unary((req: Obj) => {
      const parent = projectOf(str(req.name));
      if (str(req.filter) !== "")
        throw new RpcError(
          status.UNIMPLEMENTED,
          "The Stagewatch emulator does not implement ListAlertPolicies filters.",
        );
      return { alertPolicies: [...state.policies.values()].filter((p) => str(p.name).startsWith(`${parent}/`)) };
    }),
  };
  return [
    { definition: defs.serviceMonitoring, implementation: serviceMonitoring },
    { definition: defs.alertPolicies, implementation: alertPolicies },
  ];
}
