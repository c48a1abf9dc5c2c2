import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_STEPS } from "./test-steps.mjs";
import { closingLineCounts, playwrightCounts, summaryLine, vitestCounts } from "./test-summary.mjs";

describe("npm test's closing line", () => {
  it("counts Vitest's skipped (pending) and todo tests", () => {
    const unit = vitestCounts({ numPassedTests: 900, numFailedTests: 1, numPendingTests: 12, numTodoTests: 2 });
    expect(unit).toEqual({ passed: 900, failed: 1, skipped: 14 });
  });

  it("counts Playwright's skipped tests, and flaky ones as passed", () => {
    const e2e = playwrightCounts({ stats: { expected: 150, unexpected: 2, flaky: 1, skipped: 3 } });
    expect(e2e).toEqual({ passed: 151, failed: 2, skipped: 3 });
  });

  it("sums both, with failed steps as failures, as N passed, N failed, N skipped", () => {
    const line = summaryLine(
      [
        { passed: 900, failed: 0, skipped: 14 },
        { passed: 151, failed: 2, skipped: 3 },
      ],
      1,
    );
    expect(line).toBe("1051 passed, 3 failed, 17 skipped");
  });

  it("a missing or broken report counts nothing rather than throwing", () => {
    expect(vitestCounts(null)).toEqual({ passed: 0, failed: 0, skipped: 0 });
    expect(playwrightCounts({})).toEqual({ passed: 0, failed: 0, skipped: 0 });
  });
});

describe("npm test's lint", () => {
  it("is npm run lint itself, which runs ESLint, the Prettier check and the layering rules", () => {
    const lint = TEST_STEPS.find(([name]) => name.startsWith("lint"));
    expect(lint?.slice(1)).toEqual(["npm", ["run", "lint"]]);
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.lint).toMatch(/^eslint \. --max-warnings=0 && npm run format:check && npm run lint:layers$/);
    expect(pkg.scripts["format:check"]).toMatch(/^prettier --check /);
    expect(pkg.scripts["lint:layers"]).toMatch(/^depcruise /);
  });

  it("runs before the tests, and the build before e2e", () => {
    const names = TEST_STEPS.map(([name]) => name);
    expect(names.indexOf("build")).toBeLessThan(names.indexOf("e2e tests"));
    expect(names.findIndex((n) => n.startsWith("lint"))).toBe(0);
  });
});

describe("the container test's closing line", () => {
  it("is read from the last line only, and a run that printed none counts as nothing read", () => {
    expect(closingLineCounts("  ✓ build\n  ✗ rehearsal\n9 passed, 1 failed\n")).toEqual({
      passed: 9,
      failed: 1,
      skipped: 0,
    });
    expect(closingLineCounts("10 passed, 0 failed\nError: after the summary")).toBeNull();
    expect(closingLineCounts("")).toBeNull();
  });
});
