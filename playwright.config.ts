import { defineConfig, devices } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { CHROMIUM_FLAGS } from "./lib/rehearsal/chromium-flags";

// Workers re-evaluate this file; the port chosen by the first evaluation travels to them
// through the environment so every process talks to the same server.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
])
  .toString()
  .trim();
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

/** Specs that need nothing from the setup project (they bring their own stack and identity). */
// Specs whose every test starts its own emulator and dashboard and signs in by itself.
const OWN_STACK_ONLY =
  /(production-profile|tracker-recovery|outage|slow-overview|time-to-red|readiness-webhooks|iap|google-signin|maintenance)\.spec\.ts/;

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    // Debian's Chromium: browsers cannot be downloaded here.
    executablePath: "/usr/bin/chromium",
    args: [...CHROMIUM_FLAGS],
  },
};

export default defineConfig({
  testDir: "e2e",
  outputDir: `test-results/e2e${process.env.STAGEWATCH_DIST_DIR ? `-${process.env.STAGEWATCH_DIST_DIR}` : ""}`,
  globalSetup: "./e2e/global-setup.ts",
  // One test at a time on a 2-core machine. Two lanes (shared-stack specs beside own-stack specs)
  // were tried: the contention delayed probes past their freshness and a healthy page read
  // unknown (time-to-red), so the suite stays serial; the projects keep the lanes' shape.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: { baseURL, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: chromium },
    // `npm run screenshots` takes pictures of the views instead of testing: never part of a test run.
    ...(process.env.STAGEWATCH_SCREENSHOTS === "1"
      ? [{ name: "screenshots", testMatch: /.*\.screenshots\.ts/, dependencies: ["setup"], use: chromium }]
      : [
          {
            name: "e2e",
            testMatch: /.*\.spec\.ts/,
            testIgnore: OWN_STACK_ONLY,
            dependencies: ["setup"],
            workers: 1,
            use: chromium,
          },
          // Specs that start every process they use and need no saved sign-in. They depend on
          // "setup" only to share its phase with "e2e": Playwright runs a phase's projects side by
          // side but starts the next phase when the whole of the previous one has finished.
          { name: "own-stack", testMatch: OWN_STACK_ONLY, dependencies: ["setup"], workers: 1, use: chromium },
        ]),
  ],
});
