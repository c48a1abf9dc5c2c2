import { execFile } from "node:child_process";
import { promisify } from "node:util";

/** Issue 25's figure: upstream calls per minute that changes add, for 1 and 100 viewers (bench/lib/changes-measure.ts). */
export async function benchChanges(): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    "node_modules/.bin/tsx",
    ["--conditions=react-server", "bench/lib/changes-measure.ts"],
    { maxBuffer: 1 << 20, timeout: 600_000 },
  );
  const last = stdout.trim().split("\n").at(-1) ?? "[]";
  return JSON.parse(last) as string[];
}
