// npm run import:openslo -- path/to/slos.yaml [--into staging.config.json] [--write]
// Reads OpenSLO (openslo/v1, or openslo/v1alpha as Sloth writes it) into the staging config's
// `slo` section. Every document is validated first (exit 2 when any is invalid); what cannot be
// carried over is printed line by line. Without --write it prints the new `slo` section only.
import { writeFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { importOpenSlo } from "@/lib/slo/openslo/import";
import { fail, importArgs, readOrFail, validConfigOrFail } from "./lib/import-cli";

const USAGE = "usage: npm run import:openslo -- path/to/slos.yaml [--into staging.config.json] [--write]";

const { source, into, flag: write } = importArgs(USAGE, "write");
const configText = readOrFail(into, "staging config");
const current = validConfigOrFail(configText, into);

const streamed = parseAllDocuments(readOrFail(source, "OpenSLO file"));
const yamlErrors = streamed.flatMap((d, i) => d.errors.map((e) => `document ${i + 1}: ${e.message}`));
if (yamlErrors.length) fail(`${source} is not valid YAML:\n  ${yamlErrors.join("\n  ")}`, 2);

const result = importOpenSlo(
  streamed.map((d) => d.toJS() as unknown),
  {
    deployed: current.services.filter((s) => s.deployed).map((s) => s.name),
    base: current.slo,
    projectId: process.env.GOOGLE_CLOUD_PROJECT,
  },
);
if (!result.ok) fail(`${source} is not valid OpenSLO; nothing imported:\n  ${result.errors.join("\n  ")}`, 2);

const merged = { ...(JSON.parse(configText) as Record<string, unknown>), slo: result.slo };
const text = `${JSON.stringify(merged, null, 2)}\n`;
validConfigOrFail(text, into);
const scopes = result.imported.map((s) => (s.scope === "all" ? "all services" : s.scope));
console.log(`Imported ${result.imported.length} SLO(s): ${scopes.join(", ") || "none"}`);
for (const line of result.report) console.log(`  not carried over — ${line}`);
if (write) writeFileSync(into, text);
else console.log(`${JSON.stringify({ slo: result.slo }, null, 2)}\n(dry run: pass --write to change ${into})`);
