import type { ModelAssumptions } from "@/lib/what-if/core/model/assumptions";
import { simulateBurst } from "@/lib/what-if/core/model/burst";
import type { Bottleneck, BurstResult } from "@/lib/what-if/core/model/burst-input";
import { MARGIN_QUANTILE, SUCCESS_TARGET } from "./limits";
import { toBurstInput } from "./scenario";
import type { WhatIfScenario } from "./schema";
import { quantile, spread } from "./stats";
import type { Prediction, UtilisationBand, Verdict } from "./types";

/**
 * Runs the emulator's burst model once per seed and reports the spread. Seeds are 1…n so
 * the same request always gets the same answer, and two scenarios compared on the page see
 * the same random draws (common random numbers): a difference between them is the change,
 * not luck.
 */

const BOTTLENECKS: readonly Bottleneck[] = ["scale-out-delay", "connector-throughput", "max-connections"];

export function seedList(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** The verdict on per-run success rates: the margin quantile, then the median, against the target. */
export function verdictOf(successRates: readonly number[]): Verdict {
  const sorted = [...successRates].sort((x, y) => x - y);
  if (quantile(sorted, MARGIN_QUANTILE) >= SUCCESS_TARGET) return "meets-with-margin";
  return quantile(sorted, 0.5) >= SUCCESS_TARGET ? "meets-median-only" : "misses";
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

export function runSeeds(scenario: WhatIfScenario, a: ModelAssumptions): BurstResult[] {
  const input = toBurstInput(scenario, a);
  return seedList(scenario.seeds).map((seed) => simulateBurst(input, seed));
}

export function summarise(scenario: WhatIfScenario, runs: readonly BurstResult[]): Prediction {
  const first = runs[0];
  if (!first) throw new RangeError("summarise: no runs");
  const rates = runs.map((r) => r.successRate);
  const success = spread(rates);
  const attempts = runs.flatMap((r) => (r.attemptSuccessRate === null ? [] : [r.attemptSuccessRate]));
  const ready = [...runs.map((r) => r.timeToAllReadySeconds ?? Infinity)].sort((x, y) => x - y);
  const peaks = spread(runs.map((r) => r.peakConnections));
  const counts: Record<Bottleneck | "none", number> = {
    "scale-out-delay": 0,
    "connector-throughput": 0,
    "max-connections": 0,
    none: 0,
  };
  for (const r of runs) counts[r.firstBottleneck ?? "none"]++;
  const cause = BOTTLENECKS.reduce<Bottleneck | null>(
    (best, b) => (counts[b] > 0 && (best === null || counts[b] > counts[best]) ? b : best),
    null,
  );
  const scaled = runs.flatMap((r) => (r.scaleOuts[0] ? [r.scaleOuts[0].readyAt] : []));

  return {
    runs: runs.length,
    horizonSeconds: first.horizonSeconds,
    target: SUCCESS_TARGET,
    verdict: verdictOf(rates),
    success,
    attemptSuccess: attempts.length ? spread(attempts) : null,
    services: scenario.services.map((s) => {
      const shares = runs.map((r) => {
        const mine = r.instances.filter((i) => i.service === s.name);
        return mine.filter((i) => i.attempts[0]?.ok === true).length / mine.length;
      });
      return { name: s.name, instances: s.instances, success: s.instances > 0 ? spread(shares) : null };
    }),
    timeToAllReady: {
      p10: finite(quantile(ready, 0.1)),
      median: finite(quantile(ready, 0.5)),
      p90: finite(quantile(ready, 0.9)),
      max: finite(ready[ready.length - 1] ?? Infinity),
      runsAllReady: ready.filter(Number.isFinite).length,
    },
    peakConnections: {
      ...peaks,
      maxConnections: scenario.database.maxConnections,
      runsAtLimit: runs.filter((r) => r.peakConnections >= r.maxConnections).length,
    },
    firstBottleneck: { cause, runs: cause ? counts[cause] : 0, counts },
    scaleOuts: {
      firstReadyAt: scaled.length ? spread(scaled) : null,
      runsWithScaleOut: scaled.length,
      finalInstances: spread(
        runs.map((r) => r.utilisation[r.utilisation.length - 1]?.connectorInstances ?? scenario.connector.minInstances),
      ),
    },
    utilisation: utilisationBands(runs),
  };
}

/**
 * Per-second bands across the runs, cut where the last run settles (plus half a minute) so
 * the chart shows the burst rather than ten flat minutes.
 */
function utilisationBands(runs: readonly BurstResult[]): UtilisationBand[] {
  const horizon = runs[0]?.horizonSeconds ?? 0;
  const settled = Math.max(...runs.map((r) => r.timeToAllReadySeconds ?? horizon));
  const end = Math.min(horizon, Math.max(60, Math.ceil(settled) + 30));
  const bands: UtilisationBand[] = [];
  const med = (values: number[]) =>
    quantile(
      values.sort((x, y) => x - y),
      0.5,
    );
  for (let t = 0; t <= end; t++) {
    const at = runs.flatMap((r) => {
      const s = r.utilisation[t];
      return s ? [s] : [];
    });
    const u = at.map((s) => s.utilisation).sort((x, y) => x - y);
    bands.push({
      t,
      p10: quantile(u, 0.1),
      median: quantile(u, 0.5),
      p90: quantile(u, 0.9),
      connectorInstances: med(at.map((s) => s.connectorInstances)),
      connections: med(at.map((s) => s.connections)),
      readyInstances: med(at.map((s) => s.readyInstances)),
    });
  }
  return bands;
}

export function predict(scenario: WhatIfScenario, a: ModelAssumptions): Prediction {
  return summarise(scenario, runSeeds(scenario, a));
}
