// npm run import:openslo -- path/to/slos.yaml [--into staging.config.json] [--write]
// Reads OpenSLO (openslo/v1, or openslo/v1alpha as Sloth writes it) into the staging config's
// `slo` section. Every document is validated first (exit 2 when any is invalid); what cannot be
// carried over is printed line by line. Without --write it prints the new `slo` section only.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";
import { ConfigError, parseStagingConfig } from "@/lib/config/staging-config";
import { importOpenSlo } from "@/lib/slo/openslo/import";

const USAGE = "usage: npm run import:openslo -- path/to/slos.yaml [--into staging.config.json] [--write]";

/** A mistake in what was typed or read ends with what, never a stack trace. */
function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      into: { type: "string", default: "staging.config.json" },
      write: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
} catch (err) {
  fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
}
const { values, positionals } = args;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const source = positionals[0];
if (!source || positionals.length > 1) fail(USAGE, 2);

function read(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    return fail(`cannot read the ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, 1);
  }
}

/** The STAGING_* variables of this shell, as at start-up. */
const stagingVars = () =>
  Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith("STAGING_") && e[1] !== undefined),
  );

const configText = read(values.into, "staging config");
let current;
try {
  current = parseStagingConfig(configText, values.into, stagingVars());
} catch (err) {
  fail(err instanceof ConfigError ? err.message : String(err), 1);
}

const streamed = parseAllDocuments(read(source, "OpenSLO file"));
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
try {
  parseStagingConfig(text, values.into, stagingVars());
} catch (err) {
  fail(err instanceof ConfigError ? err.message : String(err), 1);
}
const scopes = result.imported.map((s) => (s.scope === "all" ? "all services" : s.scope));
console.log(`Imported ${result.imported.length} SLO(s): ${scopes.join(", ") || "none"}`);
for (const line of result.report) console.log(`  not carried over — ${line}`);
if (values.write) writeFileSync(values.into, text);
else console.log(`${JSON.stringify({ slo: result.slo }, null, 2)}\n(dry run: pass --write to change ${values.into})`);
