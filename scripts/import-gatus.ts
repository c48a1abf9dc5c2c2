// npm run import:gatus -- path/to/gatus.yaml [--into staging.config.json] [--dry-run]
// Adds a Gatus config's endpoints to the staging config as probes, prints what it could not carry
// over, and writes the file only when the whole result is a valid staging config.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { ConfigError, parseStagingConfig } from "@/lib/config/staging-config";
import { importGatus } from "@/lib/config/gatus-import";

const USAGE = "usage: npm run import:gatus -- path/to/gatus.yaml [--into staging.config.json] [--dry-run]";

/** A mistake in what was typed or read ends with one line that says what, never a stack trace. */
function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      into: { type: "string", default: "staging.config.json" },
      "dry-run": { type: "boolean", default: false },
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
    return fail(`cannot read the ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function parsed<T>(what: string, path: string, parseText: () => T): T {
  try {
    return parseText();
  } catch (err) {
    return fail(`${path} is not valid ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const configText = read(values.into, "staging config");
type Notifications = Parameters<typeof importGatus>[2];
const config = parsed(
  "JSON",
  values.into,
  () => JSON.parse(configText) as { probes?: { name: string }[]; notifications?: Partial<Notifications> },
);
const gatusText = read(source, "Gatus config");
const { probes, report, notifications } = importGatus(
  parsed("YAML", source, () => parse(gatusText) as unknown),
  (config.probes ?? []).map((p) => p.name),
  { channels: config.notifications?.channels ?? [], rules: config.notifications?.rules },
);
const merged = {
  ...config,
  probes: [...(config.probes ?? []), ...probes],
  ...(notifications.channels.length
    ? {
        notifications: {
          ...config.notifications,
          channels: [...(config.notifications?.channels ?? []), ...notifications.channels],
          rules: [...(config.notifications?.rules ?? []), ...notifications.rules],
        },
      }
    : {}),
};
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
if (notifications.channels.length)
  console.log(
    `Imported ${notifications.channels.length} channel(s): ${notifications.channels.map((c) => c.id).join(", ")}`,
  );
// The values are secrets: this names where they are, never what they are.
for (const line of notifications.secrets) console.log(`  set ${line.replace(": ", " to the value of Gatus's ")}`);
if (values["dry-run"]) console.log(text);
else writeFileSync(values.into, text);
