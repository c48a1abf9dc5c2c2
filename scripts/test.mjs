#!/usr/bin/env node
// npm test — install what is missing (node_modules; Debian's chromium and postgresql when
// root), then lint, typecheck, unit/integration tests, build, and e2e in real Chromium.
// Ends with one "N passed, N failed" line summing Vitest and Playwright.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ensureNodeModules, ensureSystemPackages, run } from "./lib/ensure.mjs";
import { ROOT } from "./lib/stack.mjs";

ensureNodeModules();
ensureSystemPackages(["chromium", "postgresql"]);
mkdirSync(path.join(ROOT, "test-results"), { recursive: true });

// As root the PostgreSQL packages were just installed: their tests must run, never skip.
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  ...(process.getuid?.() === 0 ? { STAGEWATCH_REQUIRE_POSTGRES: "1" } : {}),
};
const steps = [
  ["lint", "node_modules/.bin/eslint", [".", "--max-warnings=0"]],
  [
    "layering and import cycles",
    "node_modules/.bin/depcruise",
    ["lib", "app", "components", "emulator", "proxy.ts", "instrumentation.ts", "--config", ".dependency-cruiser.cjs"],
  ],
  ["typecheck", "node_modules/.bin/tsc", ["--noEmit"]],
  [
    "unit and integration tests",
    "node_modules/.bin/vitest",
    ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"],
  ],
  ["build", "node_modules/.bin/next", ["build"]],
  ["e2e tests", "node_modules/.bin/playwright", ["test"]],
];

const failedSteps = [];
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const status = run(cmd, args, { env });
  if (status !== 0) {
    failedSteps.push(name);
    // Without a build there is nothing for e2e to run against.
    if (name === "build") break;
  }
}

function counts(file, read) {
  const full = path.join(ROOT, file);
  if (!existsSync(full)) return { passed: 0, failed: 0 };
  try {
    return read(JSON.parse(readFileSync(full, "utf8")));
  } catch {
    return { passed: 0, failed: 0 };
  }
}
const unit = counts("test-results/vitest.json", (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: r.numFailedTests ?? 0,
}));
const e2e = counts("test-results/playwright.json", (r) => ({
  passed: r.stats?.expected ?? 0,
  failed: r.stats?.unexpected ?? 0,
}));

console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed`);
console.log(`e2e: ${e2e.passed} passed, ${e2e.failed} failed`);
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(", ")}`);
console.log(`${unit.passed + e2e.passed} passed, ${unit.failed + e2e.failed + failedSteps.length} failed`);
process.exit(failedSteps.length ? 1 : 0);
