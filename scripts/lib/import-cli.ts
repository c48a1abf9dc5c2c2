// What the config import scripts (import-gatus, import-openslo) share: their command line,
// reading files, and validating the result as start-up would, each failing with one line that
// says what went wrong, never a stack trace.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, parseStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/core/staging-schema";

export function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/**
 * `<source> [--into FILE] [--FLAG]`: one source file, the staging config to merge into, and
 * the script's one switch. `--help` prints `usage` and exits 0; a wrong call prints it and exits 2.
 */
export function importArgs(usage: string, flag: string): { source: string; into: string; flag: boolean } {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        into: { type: "string", default: "staging.config.json" },
        [flag]: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n${usage}`, 2);
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const source = positionals[0];
  if (!source || positionals.length > 1) fail(usage, 2);
  return { source, into: String(values.into), flag: values[flag] === true };
}

export function readOrFail(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    return fail(`cannot read the ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** The staging config in `text`, validated as at start-up with this shell's STAGING_* variables. */
export function validConfigOrFail(text: string, path: string): StagingConfig {
  const vars = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith("STAGING_") && e[1] !== undefined),
  );
  try {
    return parseStagingConfig(text, path, vars);
  } catch (err) {
    return fail(err instanceof ConfigError ? err.message : String(err));
  }
}
