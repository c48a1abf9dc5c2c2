import { readFileSync } from "node:fs";
import path from "node:path";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { BrowserHost } from "@/lib/rehearsal/browser-host";
import { rehearse } from "@/lib/rehearsal/rehearse";
import { processesInGroup } from "@/lib/rehearsal/testing";
import type { RehearsalOutcome } from "@/lib/rehearsal/core/types";
import { startEmulator } from "../scripts/lib/stack.mjs";

/**
 * Issue 19's bench: one demo rehearsal (the demo config's 6-step journey through the emulator's
 * stand-in staging app, `healthy`) in Debian's Chromium — its duration, the CPU it costs (this
 * process plus every Chromium process, reaped), and the peak memory of the browser's processes.
 */

const CHROMIUM = "/usr/bin/chromium";
// Linux reports CPU in clock ticks of 1/100 s (USER_HZ) on every architecture we run on.
const TICK = 100;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * CPU in ms of this process (the runner, and the memory sampler) and of its reaped children
 * (Chromium and its whole tree, counted once the browser has closed).
 */
function cpuMs(): { node: number; chromium: number } {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields after the name: state(0) … utime(11) stime(12) cutime(13) cstime(14), in clock ticks
  const ticks = (i: number) => Number(f[i] ?? 0) * (1000 / TICK);
  return { node: ticks(11) + ticks(12), chromium: ticks(13) + ticks(14) };
}

function cpuSince(start: { node: number; chromium: number }, runs = 1): string {
  const now = cpuMs();
  return `CPU ${s((now.chromium - start.chromium) / runs)} Chromium + ${s((now.node - start.node) / runs)} Node`;
}

/** Resident memory of a process in kB: RSS, and PSS (shared pages divided among the processes sharing them). */
function memKb(pid: number): { rss: number; pss: number } {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    return {
      rss: Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0),
      pss: Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0),
    };
  } catch {
    return { rss: 0, pss: 0 };
  }
}

/** Samples the browser's process group every 100 ms; returns the peak of summed PSS and of summed RSS, in MB. */
function memSampler(host: BrowserHost): { stop: () => { pss: number; rss: number } } {
  const peak = { pss: 0, rss: 0 };
  const timer = setInterval(() => {
    const pid = host.pid();
    if (!pid) return;
    const all = processesInGroup(pid).map(memKb);
    peak.pss = Math.max(
      peak.pss,
      all.reduce((s, m) => s + m.pss, 0),
    );
    peak.rss = Math.max(
      peak.rss,
      all.reduce((s, m) => s + m.rss, 0),
    );
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return { pss: peak.pss / 1024, rss: peak.rss / 1024 };
    },
  };
}

export async function benchRehearsal(): Promise<string[]> {
  const emulator = await startEmulator({ args: ["--scenario", "healthy"], log: null });
  try {
    const file = path.join(process.cwd(), "staging.config.json");
    const cfg = parseStagingConfig(readFileSync(file, "utf8"), file, emulator.vars);
    const journey = cfg.probes.find((p) => p.type === "browser");
    if (journey?.type !== "browser") throw new Error("the demo config has no browser journey");
    const secrets = { REHEARSAL_DEMO_PASSWORD: emulator.vars.REHEARSAL_DEMO_PASSWORD ?? "" };
    const host = new BrowserHost({ executablePath: CHROMIUM });
    const check = (o: RehearsalOutcome) => {
      if (o.status !== "passed") throw new Error(`the rehearsal did not pass: ${o.error ?? o.status}`);
      return o;
    };

    // Cold: launch Chromium, one rehearsal, close it — what a 5-minute schedule with an idle browser costs.
    let cpu0 = cpuMs();
    let sampler = memSampler(host);
    let t0 = performance.now();
    const cold = check(await rehearse(journey, { host, secrets }));
    await host.close();
    const coldWall = performance.now() - t0;
    const coldCpu = cpuSince(cpu0);
    const coldPeak = sampler.stop();

    // Warm: the browser stays up between runs (several rehearsals in a row, e.g. re-checks).
    const RUNS = 3;
    cpu0 = cpuMs();
    sampler = memSampler(host);
    t0 = performance.now();
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(check(await rehearse(journey, { host, secrets })).durationMs);
    await host.close();
    const warmCpu = cpuSince(cpu0, RUNS);
    const warmPeak = sampler.stop();
    const warmWall = (performance.now() - t0) / RUNS;
    warm.sort((a, b) => a - b);
    const steps = cold.steps.map((st) => `${st.index}:${st.durationMs ?? "-"}ms`).join(" ");
    return [
      `rehearsal: one run of the demo journey (${journey.steps.length} steps, emulator healthy) in ${CHROMIUM}`,
      `rehearsal cold (launch + run + close): journey ${s(cold.durationMs)}, wall ${s(coldWall)}, ${coldCpu}, peak memory of Chromium's processes ${coldPeak.pss.toFixed(0)} MB PSS (${coldPeak.rss.toFixed(0)} MB summed RSS, shared pages counted once per process)`,
      `rehearsal warm (browser kept, ${RUNS} runs): journey median ${s(warm[1] ?? NaN)} (min ${s(warm[0] ?? NaN)}, max ${s(warm.at(-1) ?? NaN)}), wall ${s(warmWall)} per run, ${warmCpu} per run, peak ${warmPeak.pss.toFixed(0)} MB PSS (${warmPeak.rss.toFixed(0)} MB summed RSS)`,
      `rehearsal cold step timings: ${steps}`,
      `rehearsal: this process's max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; Chromium launches ${host.launches}`,
    ];
  } finally {
    await emulator.stop();
  }
}
