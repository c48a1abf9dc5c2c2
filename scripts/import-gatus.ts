// npm run import:gatus -- path/to/gatus.yaml [--into staging.config.json] [--dry-run]
// Adds a Gatus config's endpoints to the staging config as probes, prints what it could not carry
// over, and writes the file only when the whole result is a valid staging config.
import { writeFileSync } from "node:fs";
import { parse } from "yaml";
import { importGatus } from "@/lib/gatus/import";
import { fail, importArgs, readOrFail, validConfigOrFail } from "./lib/import-cli";

const USAGE = "usage: npm run import:gatus -- path/to/gatus.yaml [--into staging.config.json] [--dry-run]";

const { source, into, flag: dryRun } = importArgs(USAGE, "dry-run");

function parsed<T>(what: string, path: string, parseText: () => T): T {
  try {
    return parseText();
  } catch (err) {
    return fail(`${path} is not valid ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const configText = readOrFail(into, "staging config");
type Notifications = Parameters<typeof importGatus>[2];
const config = parsed(
  "JSON",
  into,
  () => JSON.parse(configText) as { probes?: { name: string }[]; notifications?: Partial<Notifications> },
);
const gatusText = readOrFail(source, "Gatus config");
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
validConfigOrFail(text, into);
console.log(`Imported ${probes.length} probe(s): ${probes.map((p) => String(p.name)).join(", ") || "none"}`);
for (const line of report) console.log(`  not carried over — ${line}`);
if (notifications.channels.length)
  console.log(
    `Imported ${notifications.channels.length} channel(s): ${notifications.channels.map((c) => c.id).join(", ")}`,
  );
// The values are secrets: this names where they are, never what they are.
for (const line of notifications.secrets) console.log(`  set ${line.replace(": ", " to the value of Gatus's ")}`);
if (dryRun) console.log(text);
else writeFileSync(into, text);
