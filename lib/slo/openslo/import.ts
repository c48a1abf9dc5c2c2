import { sloConfigSchema, type SloConfig } from "@/lib/config/core/slo/config";
import { alertingOf, type Carried, type ImportedSlo } from "./carry";
import type { Alerting } from "@/lib/config/core/slo/alert-sets";
import { NOTIFICATION_TARGET, OPENSLO_V1, OPENSLO_V1ALPHA } from "./names";
import { readV1Slo, type V1Document } from "./read-v1";
import { readV1alphaSlo } from "./read-v1alpha";
import { v1alphaDocumentSchema, type V1alphaSlo } from "./v1alpha";
import { openSloV1Errors } from "./validate";

/**
 * OpenSLO documents to Stagewatch's `slo` config. First every document is validated (v1 against
 * OpenSLO's published JSON schemas, v1alpha against ./v1alpha.ts) and names are checked for
 * clashes — any failure means invalid input, nothing is imported. Then each SLO is carried over
 * or skipped, and everything that could not be carried is a report line naming its document.
 * Pure: parsed YAML documents in; `scripts/import-openslo.ts` does the file work.
 */

export type ImportOptions = {
  deployed: readonly string[];
  /** The current `slo` section: what the file does not set (resolveAfterMinutes, …) stays. */
  base: SloConfig;
  /** When known, a metric source reading another project is not carried. */
  projectId?: string;
};

export type OpenSloImport =
  { ok: false; errors: string[] } | { ok: true; slo: SloConfig; imported: ImportedSlo[]; report: string[] };

type Valid = { version: "v1"; doc: V1Document } | { version: "v1alpha"; doc: V1alphaSlo | { kind: "Service" } };

function labelOf(doc: unknown, i: number): string {
  const d = (typeof doc === "object" && doc !== null ? doc : {}) as { kind?: unknown; metadata?: { name?: unknown } };
  const kind = typeof d.kind === "string" ? d.kind : "?";
  const name = typeof d.metadata?.name === "string" ? d.metadata.name : "?";
  return `document ${i + 1} (${kind} ${name})`;
}

function validate(documents: readonly unknown[]): { valid: Valid[]; errors: string[] } {
  const errors: string[] = [];
  const valid: Valid[] = [];
  const names = new Set<string>();
  if (documents.length === 0) errors.push("the file holds no documents");
  documents.forEach((doc, i) => {
    const label = labelOf(doc, i);
    const apiVersion = typeof doc === "object" && doc !== null ? (doc as { apiVersion?: unknown }).apiVersion : null;
    if (apiVersion === OPENSLO_V1) {
      const problems = openSloV1Errors(doc);
      problems.forEach((p) => errors.push(`${label}: ${p}`));
      if (!problems.length) valid.push({ version: "v1", doc: doc as V1Document });
    } else if (apiVersion === OPENSLO_V1ALPHA) {
      const parsed = v1alphaDocumentSchema.safeParse(doc);
      if (parsed.success) valid.push({ version: "v1alpha", doc: parsed.data });
      else parsed.error.issues.forEach((x) => errors.push(`${label}: .${x.path.join(".")} ${x.message}`));
    } else errors.push(`${label}: apiVersion must be ${OPENSLO_V1} or ${OPENSLO_V1ALPHA}, not ${String(apiVersion)}`);
  });
  for (const v of valid) {
    const key = `${v.version} ${v.doc.kind} ${(v.doc as { metadata: { name: string } }).metadata.name}`;
    if (names.has(key)) errors.push(`${key}: the name is used twice, so references to it are ambiguous`);
    names.add(key);
  }
  return { valid, errors };
}

function carry(valid: Valid[], options: ImportOptions, report: string[]): (ImportedSlo & { alerting: Alerting })[] {
  const v1 = valid.flatMap((v) => (v.version === "v1" ? [v.doc] : []));
  const used = new Set<string>();
  const find = (kind: string, name: string) => {
    used.add(`${kind} ${name}`);
    return v1.find((d) => d.kind === kind && d.metadata.name === name);
  };
  const imported: (ImportedSlo & { alerting: Alerting })[] = [];
  for (const v of valid) {
    if (v.doc.kind !== "SLO") continue;
    const name = (v.doc as { metadata: { name: string } }).metadata.name;
    const carried: Carried =
      v.version === "v1"
        ? readV1Slo(v.doc as V1Document, find, options.deployed, options.projectId)
        : readV1alphaSlo(v.doc as V1alphaSlo, options.deployed);
    const say = (line: string) => report.push(`SLO ${name}: ${line}`);
    carried.lines.forEach(say);
    const slo = carried.slo;
    if (!slo) continue;
    const own = sloConfigSchema.safeParse({ objective: slo.objective, windowDays: slo.windowDays });
    if (!own.success) {
      own.error.issues.forEach((x) =>
        say(`skipped: ${x.path.join(".")} ${slo[x.path[0] as "objective"]} ${x.message}`),
      );
      continue;
    }
    if (imported.some((s) => s.scope === slo.scope)) {
      say(`skipped: an earlier SLO already covers start-ups of ${slo.scope === "all" ? "all services" : slo.scope}`);
      continue;
    }
    const { alerting, lines } = alertingOf(slo.rules, slo.windowDays);
    lines.forEach(say);
    imported.push({ ...slo, alerting });
  }
  for (const d of v1) {
    const key = `${d.kind} ${d.metadata.name}`;
    if (d.kind === "DataSource")
      report.push(`${key}: not carried; Stagewatch reads Cloud Monitoring with its own credentials`);
    else if (d.kind === "AlertNotificationTarget" && d.metadata.name !== NOTIFICATION_TARGET)
      report.push(`${key}: not carried; Stagewatch delivers SLO alerts to its configured webhooks`);
    else if (["SLI", "AlertPolicy", "AlertCondition"].includes(d.kind) && !used.has(key))
      report.push(`${key}: not used by any SLO that was read; not carried`);
  }
  return imported;
}

export function importOpenSlo(documents: readonly unknown[], options: ImportOptions): OpenSloImport {
  const { valid, errors } = validate(documents);
  if (errors.length) return { ok: false, errors };
  const report: string[] = [];
  const imported = carry(valid, options, report);
  const all = imported.find((s) => s.scope === "all");
  if (!all && imported.length)
    report.push("no SLO covers all services: the overall objective and window stay as configured");
  const objective = all?.objective ?? options.base.objective;
  const windowDays = all?.windowDays ?? options.base.windowDays;
  const alerting = all?.alerting ?? options.base.alerting;
  const services = { ...options.base.services };
  for (const s of imported) {
    if (s.scope === "all") continue;
    const own = {
      ...(s.objective !== objective ? { objective: s.objective } : {}),
      ...(s.windowDays !== windowDays ? { windowDays: s.windowDays } : {}),
      ...(s.alerting !== alerting ? { alerting: s.alerting } : {}),
    };
    if (Object.keys(own).length) services[s.scope] = own;
    else delete services[s.scope];
  }
  return { ok: true, slo: { ...options.base, objective, windowDays, alerting, services }, imported, report };
}
