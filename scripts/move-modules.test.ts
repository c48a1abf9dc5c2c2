import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const script = path.resolve("scripts/move-modules.mjs");
let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function repo(files: Record<string, string>): string {
  dir = mkdtempSync(path.join(os.tmpdir(), "stagewatch-move-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q");
  git("add", "-A");
  return dir;
}
// The rules file sits outside the repository, as it does in use (inside, its own text would be prose).
const move = (rules: [string, string][]) => {
  const file = `${dir}-rules.mjs`;
  writeFileSync(file, `export const RULES = ${JSON.stringify(rules)};`);
  try {
    return execFileSync("node", [script, file], { cwd: dir, encoding: "utf8" });
  } finally {
    rmSync(file, { force: true });
  }
};
const read = (name: string) => readFileSync(path.join(dir, name), "utf8");

describe("scripts/move-modules.mjs", () => {
  it("moves a module with its test and rewrites aliased, relative, dynamic and mocked specifiers and prose", () => {
    repo({
      "lib/server/memo.ts": 'import { once } from "./once";\nexport const memo = once;\n',
      "lib/server/memo.test.ts": 'import { memo } from "./memo";\nvoid memo;\n',
      "lib/server/once.ts": "export const once = 1;\n",
      "lib/metrics/view.ts":
        'import { memo } from "@/lib/server/memo";\nvi.mock("@/lib/server/memo");\nconst m = import("../server/memo");\n// see lib/server/memo.ts\nvoid [memo, m];\n',
      "docs/decisions/0001.md": "lib/server/memo.ts is where it was.\n",
    });
    // memo.ts (its relative import of once.ts) and view.ts; the test keeps "./memo", moving beside it.
    expect(move([["lib/server/memo", "lib/base/memo"]])).toBe("moved 2 files, rewrote 2\n");
    expect(existsSync(path.join(dir, "lib/server/memo.ts"))).toBe(false);
    expect(read("lib/base/memo.ts")).toContain('from "@/lib/server/once"');
    expect(read("lib/base/memo.test.ts")).toContain('from "./memo"');
    const view = read("lib/metrics/view.ts");
    expect(view).toContain('from "@/lib/base/memo"');
    expect(view).toContain('vi.mock("@/lib/base/memo")');
    expect(view).toContain('import("@/lib/base/memo")');
    expect(view).toContain("// see lib/base/memo.ts");
    expect(read("docs/decisions/0001.md")).toBe("lib/server/memo.ts is where it was.\n");
  });

  it("moves a folder, leaves look-alike names and strings that are not modules alone, and is re-runnable", () => {
    repo({
      "lib/health/slo/budget.ts": "export const budget = 1;\n",
      "lib/slo/service.ts":
        'import { budget } from "@/lib/health/slo/budget";\nconst url = "./not/a/module";\nvoid [budget, url];\n',
      "lib/rehearsal/steps-run.ts": "export const run = 1;\n",
    });
    move([
      ["lib/health/slo/", "lib/slo/core/"],
      ["lib/rehearsal/steps", "lib/config/steps"],
    ]);
    expect(read("lib/slo/core/budget.ts")).toBe("export const budget = 1;\n");
    expect(read("lib/slo/service.ts")).toContain('from "@/lib/slo/core/budget"');
    expect(read("lib/slo/service.ts")).toContain('"./not/a/module"');
    expect(existsSync(path.join(dir, "lib/rehearsal/steps-run.ts"))).toBe(true);
    execFileSync("git", ["add", "-A"], { cwd: dir });
    expect(move([["lib/health/slo/", "lib/slo/core/"]])).toBe("moved 0 files, rewrote 0\n");
  });

  it("maps a folder imported through its index by the folder's rule, not by a broader one after it", () => {
    repo({
      "lib/health/readiness/index.ts": 'export * from "./verdict";\n',
      "lib/health/readiness/verdict.ts": "export const verdict = 1;\n",
      "lib/health/format.ts": "export const format = 1;\n",
      "lib/readiness/service.ts":
        'import { verdict } from "@/lib/health/readiness";\nimport { format } from "@/lib/health/format";\nvoid [verdict, format];\n',
    });
    move([
      ["lib/health/readiness/", "lib/readiness/core/"],
      ["lib/health/", "lib/metrics/core/"],
    ]);
    const service = read("lib/readiness/service.ts");
    expect(service).toContain('from "@/lib/readiness/core"');
    expect(service).toContain('from "@/lib/metrics/core/format"');
    expect(existsSync(path.join(dir, "lib/readiness/core/index.ts"))).toBe(true);
  });
});
