import Ajv from "ajv";
import openslo from "./schemas/v1/openslo.schema.json";
import alertCondition from "./schemas/v1/parts/alertcondition-spec.schema.json";
import alertNotificationTarget from "./schemas/v1/parts/alertnotificationtarget-spec.schema.json";
import alertPolicy from "./schemas/v1/parts/alertpolicy-spec.schema.json";
import dataSource from "./schemas/v1/parts/datasource-spec.schema.json";
import description from "./schemas/v1/parts/description.schema.json";
import durationShorthand from "./schemas/v1/parts/duration-shorthand.schema.json";
import general from "./schemas/v1/parts/general.schema.json";
import metadata from "./schemas/v1/parts/metadata.schema.json";
import metricSource from "./schemas/v1/parts/metricsource.schema.json";
import name from "./schemas/v1/parts/name.schema.json";
import service from "./schemas/v1/parts/service-spec.schema.json";
import sli from "./schemas/v1/parts/sli-spec.schema.json";
import slo from "./schemas/v1/parts/slo-spec.schema.json";

/**
 * Validation of `openslo/v1` documents against OpenSLO's own published JSON schemas (draft-07,
 * vendored in ./schemas with their licence). Used by the importer before any of Stagewatch's
 * checks, and by the test that proves the export is valid OpenSLO.
 */

const PARTS = [
  alertCondition,
  alertNotificationTarget,
  alertPolicy,
  dataSource,
  description,
  durationShorthand,
  general,
  metadata,
  metricSource,
  name,
  service,
  sli,
  slo,
];

/** The part that describes each kind's spec (openslo.schema.json picks one by `kind` with oneOf). */
const PART_OF_KIND: Readonly<Record<string, { $id: string }>> = {
  AlertCondition: alertCondition,
  AlertNotificationTarget: alertNotificationTarget,
  AlertPolicy: alertPolicy,
  DataSource: dataSource,
  Service: service,
  SLI: sli,
  SLO: slo,
};

type Validators = { whole: Ajv.ValidateFunction; byKind: Map<string, Ajv.ValidateFunction> };
let compiled: Validators | null = null;

function validators(): Validators {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true });
  for (const part of PARTS) ajv.addSchema(part);
  const byKind = new Map(
    Object.entries(PART_OF_KIND).map(([kind, part]) => [
      kind,
      ajv.compile({ allOf: [{ $ref: general.$id }, { $ref: part.$id }] }),
    ]),
  );
  compiled = { whole: ajv.compile(openslo), byKind };
  return compiled;
}

const lines = (errors: Ajv.ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.dataPath || "(document)"} ${e.message ?? "is invalid"}`);

/**
 * Empty when the document is valid against openslo.schema.json; else one line per error. The
 * whole schema's oneOf reports every kind's complaints, so the lines come from the part of the
 * document's own kind when it names a known one.
 */
export function openSloV1Errors(document: unknown): string[] {
  const { whole, byKind } = validators();
  if (whole(document)) return [];
  const kind = typeof document === "object" && document !== null ? (document as { kind?: unknown }).kind : undefined;
  const own = typeof kind === "string" ? byKind.get(kind) : undefined;
  if (own && !own(document)) return [...new Set(lines(own.errors))];
  return [...new Set(lines(whole.errors))];
}
