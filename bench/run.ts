import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { benchChanges } from "./changes-bench";
import { benchEmulator } from "./emulator-bench";
import { benchFailover } from "./failover-bench";
import { startBenchStack } from "./lib/stack";
import { benchOverview, benchWarmOverview } from "./overview-bench";
import { benchProbes } from "./probes-bench";
import { benchRehearsal } from "./rehearsal-bench";
import { benchSlo } from "./slo-bench";
import { benchStream } from "./stream-bench";
import { benchTimeToRed } from "./time-to-red-bench";
import { benchWhatIf } from "./what-if-bench";
import { benchWhatIfLoad } from "./what-if-load-bench";
import { benchFirstLoadJs, benchLighthouse } from "./ui-bench";

/**
 * `npm run bench`: every figure the issues ask for, measured on this machine against the
 * emulator and the production build. A script, not a test: it reports, it does not assert.
 */
async function main(): Promise<void> {
  const distDir = process.env.STAGEWATCH_DIST_DIR || ".next";
  if (!existsSync(`${distDir}/BUILD_ID`)) {
    console.log("No production build: running next build first…");
    execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit" });
  }
  // `npm run bench -- --only=overview,time-to-red` runs just those sections; `--cpu-prof` writes
  // the shared stack's CPU profile (overview, overview-warm, first-load JS) to bench-results/profiles.
  const args = parseArgs({
    options: { only: { type: "string" }, "cpu-prof": { type: "boolean" } },
    strict: true,
  }).values;
  const only = args.only?.split(",");
  const nodeArgs = args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve("bench-results/profiles")}`] : [];
  const lines: string[] = [];
  const section = async (name: string, run: () => Promise<string[]>) => {
    if (only && !only.includes(name)) return;
    const started = Date.now();
    try {
      const out = await run();
      lines.push(...out);
      out.forEach((l) => console.log(l));
    } catch (err) {
      const line = `${name}: could not be measured — ${err instanceof Error ? err.message : String(err)}`;
      lines.push(line);
      console.log(line);
    }
    console.log(`  (${name} took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  };

  await section("emulator", benchEmulator);
  await section("probes", benchProbes);
  await section("what-if", benchWhatIf);
  await section("rehearsal", benchRehearsal);
  await section("fail-over", benchFailover);
  await section("slo", benchSlo);
  await section("changes", benchChanges);
  await section("time-to-red", benchTimeToRed);
  await section("what-if-load", benchWhatIfLoad);
  await section("stream", benchStream);
  // Each run its own cold server with background work on, as a user meets it (issue 28).
  await section("lighthouse", () => benchLighthouse(() => startBenchStack()));
  if (!only || only.some((n) => ["overview", "overview-warm", "first-load JS"].includes(n))) {
    // Background work (probes, criteria, the demo verdict) reads on its own clock, a few calls
    // every few minutes whoever is watching; off here so the viewer comparison counts viewers.
    const stack = await startBenchStack(
      { STAGEWATCH_PROBES: "off", STAGEWATCH_EVALUATORS: "off" },
      undefined,
      nodeArgs,
    );
    try {
      await section("overview", () => benchOverview(stack.baseURL, stack.cookie, stack.adminCookie));
      await section("overview-warm", () => benchWarmOverview(stack.baseURL, stack.cookie, stack.pid));
      await section("first-load JS", () => benchFirstLoadJs(stack.baseURL, stack.cookie));
    } finally {
      await stack.stop();
    }
  }

  mkdirSync("bench-results", { recursive: true });
  const stamp = new Date().toISOString();
  writeFileSync("bench-results/latest.txt", [`# npm run bench, ${stamp}`, ...lines, ""].join("\n"));
  console.log(`\nWritten to bench-results/latest.txt`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
