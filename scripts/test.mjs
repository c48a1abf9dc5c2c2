#!/usr/bin/env node
// npm test — install what is missing (node_modules; Debian's chromium, postgresql and openssl
// when root), then `npm run lint`, typecheck, unit/integration tests, build, and e2e in real
// Chromium, and as root `npm run test:container` (the real image, built with buildah). Ends with
// one "N passed, N failed, N skipped" line summing Vitest, Playwright and the container test.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { ensureNodeModules, ensureSystemPackages, run } from "./lib/ensure.mjs";
import { ROOT } from "./lib/stack.mjs";
import { TEST_STEPS } from "./lib/test-steps.mjs";
import { closingLineCounts, playwrightCounts, summaryLine, vitestCounts } from "./lib/test-summary.mjs";

const isRoot = process.getuid?.() === 0;
ensureNodeModules();
ensureSystemPackages(["chromium", "postgresql", "openssl"]);
// buildah's recommends bring its runtime helpers; the container test needs root either way.
if (isRoot) ensureSystemPackages(["buildah", "mmdebstrap"], "npm test", { recommends: true });
mkdirSync(path.join(ROOT, "test-results", "container"), { recursive: true });

// As root the PostgreSQL packages were just installed: their tests must run, never skip.
// openssl is there whoever runs this (ensureSystemPackages stops when it cannot install it),
// so the TLS tests that need it must run too.
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  STAGEWATCH_REQUIRE_OPENSSL: "1",
  ...(isRoot ? { STAGEWATCH_REQUIRE_POSTGRES: "1" } : {}),
};
const TSX = "node_modules/.bin/tsx";
const CONTAINER_TEST = "scripts/test-container.ts";
const failedSteps = [];
let imageBuild = null;
let built = false;
for (const [name, cmd, args] of TEST_STEPS) {
  // The e2e suite mostly waits (probes, scenario switches, hold times): the image builds beside
  // it at the lowest CPU priority, so the container test after it runs on cached layers.
  if (name === "e2e tests" && isRoot) imageBuild = buildImageInBackground();
  console.log(`\n=== ${name} ===`);
  const status = run(cmd, args, { env });
  if (status !== 0) {
    failedSteps.push(name);
    // Without a build there is nothing for e2e to run against.
    if (name === "build") break;
  }
  if (name === "build" && status === 0) built = true;
}

let container = { passed: 0, failed: 0, skipped: 0 };
if (!isRoot) {
  console.log("\n=== container test ===\nNot run: npm run test:container needs root (buildah's storage, mmdebstrap).");
  container.skipped = 1;
} else if (built) {
  console.log("\n=== container test (npm run test:container) ===");
  const background = await imageBuild;
  console.log(`The image's build beside e2e ended with: ${background}`);
  const res = spawnSync(TSX, [CONTAINER_TEST], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  const output = res.stdout?.toString() ?? "";
  process.stdout.write(output);
  const counts = closingLineCounts(output);
  container = counts ?? { passed: 0, failed: 1, skipped: 0 };
  if (res.status !== 0) failedSteps.push("container test");
}

/**
 * `test:container --build-only` at nice 19. Its output goes straight to a file: the e2e step
 * runs synchronously, so nothing here could drain a pipe meanwhile.
 */
function buildImageInBackground() {
  const file = path.join(ROOT, "test-results", "container", "build.log");
  const fd = openSync(file, "w");
  const proc = spawn("nice", ["-n", "19", TSX, CONTAINER_TEST, "--build-only"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", fd, fd],
  });
  return new Promise((resolve) =>
    proc.on("close", (code) => {
      closeSync(fd);
      const last = readFileSync(file, "utf8").trim().split("\n").at(-1) ?? "";
      resolve(`exit ${code}; ${last} (log: ${path.relative(ROOT, file)})`);
    }),
  );
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
console.log(`container: ${summaryLine([container])}`);
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(", ")}`);
// A failed container test is already counted in its own failures; other failed steps add one each.
const stepFailures = failedSteps.filter((s) => s !== "container test").length;
console.log(summaryLine([unit, e2e, container], stepFailures));
process.exit(failedSteps.length ? 1 : 0);
