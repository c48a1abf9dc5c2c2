import "server-only";
import { currentPlan } from "@/lib/slo/export/service";
import { openSloDocuments, openSloYaml } from "./export";

/** The download's file name: what the SLO page's button saves. */
export const OPENSLO_FILENAME = "stagewatch-slos.openslo.yaml";

/** The configured SLOs as one OpenSLO v1 YAML stream, from the same plan as the Cloud Monitoring export. */
export function currentOpenSloYaml(): string {
  return openSloYaml(openSloDocuments(currentPlan()));
}
