#!/usr/bin/env node
// npm test — install what is missing (node_modules; Debian's chromium, postgresql and openssl
// when root), then `npm run lint`, typecheck, unit/integration tests, build, and e2e in real
// Chromium. Ends with one "N passed, N failed, N skipped" line summing Vitest and Playwright.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ensureNodeModules, ensureSystemPackages, run } from "./lib/ensure.mjs";
import { ROOT } from "./lib/stack.mjs";
import { TEST_STEPS } from "./lib/test-steps.mjs";
import { playwrightCounts, summaryLine, vitestCounts } from "./lib/test-summary.mjs";

ensureNodeModules();
ensureSystemPackages(["chromium", "postgresql", "openssl"]);
mkdirSync(path.join(ROOT, "test-results"), { recursive: true });

// As root the PostgreSQL packages were just installed: their tests must run, never skip.
// openssl is there whoever runs this (ensureSystemPackages stops when it cannot install it),
// so the TLS tests that need it must run too.
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  STAGEWATCH_REQUIRE_OPENSSL: "1",
  ...(process.getuid?.() === 0 ? { STAGEWATCH_REQUIRE_POSTGRES: "1" } : {}),
};
const failedSteps = [];
for (const [name, cmd, args] of TEST_STEPS) {
  console.log(`\n=== ${name} ===`);
  const status = run(cmd, args, { env });
  if (status !== 0) {
    failedSteps.push(name);
    // Without a build there is nothing for e2e to run against.
    if (name === "build") break;
  }
}

function report(file) {
  const full = path.join(ROOT, file);
  if (!existsSync(full)) return null;
  try {
    return JSON.parse(readFileSync(full, "utf8"));
  } catch {
    return null;
  }
}
const unit = vitestCounts(report("test-results/vitest.json"));
const e2e = playwrightCounts(report("test-results/playwright.json"));

console.log(`\nunit: ${summaryLine([unit])}`);
console.log(`e2e: ${summaryLine([e2e])}`);
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(", ")}`);
console.log(summaryLine([unit, e2e], failedSteps.length));
process.exit(failedSteps.length ? 1 : 0);
