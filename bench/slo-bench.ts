import { execFile } from "node:child_process";
import { promisify } from "node:util";

/** Issue 18's SLO figures (bench/lib/slo-measure.ts), measured in a process of their own. */
export async function benchSlo(): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    "node_modules/.bin/tsx",
    ["--conditions=react-server", "bench/lib/slo-measure.ts"],
    { maxBuffer: 1 << 20, timeout: 600_000 },
  );
  const last = stdout.trim().split("\n").at(-1) ?? "[]";
  return JSON.parse(last) as string[];
}
