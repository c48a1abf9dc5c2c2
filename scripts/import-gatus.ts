// npm run import:gatus -- path/to/gatus.yaml [--into staging.config.json] [--dry-run]
// Adds a Gatus config's endpoints to the staging config as probes, prints what it could not carry
// over, and writes the file only when the whole result is a valid staging config.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { ConfigError, parseStagingConfig } from "@/lib/config/staging-config";
import { importGatus } from "@/lib/config/gatus-import";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { into: { type: "string", default: "staging.config.json" }, "dry-run": { type: "boolean", default: false } },
});
const source = positionals[0];
if (!source) {
  console.error("usage: npm run import:gatus -- path/to/gatus.yaml [--into staging.config.json] [--dry-run]");
  process.exit(2);
}

const configText = readFileSync(values.into, "utf8");
const config = JSON.parse(configText) as { probes?: { name: string }[] };
const { probes, report } = importGatus(
  parse(readFileSync(source, "utf8")),
  (config.probes ?? []).map((p) => p.name),
);
const merged = { ...config, probes: [...(config.probes ?? []), ...probes] };
const text = `${JSON.stringify(merged, null, 2)}\n`;
try {
  // The same validation as at start-up, with the STAGING_* variables of this shell.
  const vars = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith("STAGING_") && e[1] !== undefined),
  );
  parseStagingConfig(text, values.into, vars);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : String(err));
  process.exit(1);
}
console.log(`Imported ${probes.length} probe(s): ${probes.map((p) => String(p.name)).join(", ") || "none"}`);
for (const line of report) console.log(`  not carried over — ${line}`);
if (values["dry-run"]) console.log(text);
else writeFileSync(values.into, text);
