import { machineTypeOrder, type MachineType, type ModelAssumptions } from "@/lib/what-if/core/model/assumptions";
import { simulateBurst } from "@/lib/what-if/core/model/burst";
import { MARGIN_QUANTILE, SUCCESS_TARGET, whatIfLimits } from "./limits";
import { seedList } from "./predict";
import { firstAttemptHorizon, toBurstInput } from "./scenario";
import type { WhatIfScenario } from "./schema";
import { maxBelowForQuantile, quantile } from "./stats";
import type { Change, CostDirection, Lever, Recommendation, RecommendationOption } from "./types";

/**
 * The smallest change that reaches the target with margin. Each lever has a ladder of
 * candidate values, nearest first; a change's size is its steps along the ladders. One lever
 * at a time first; pairs only when no single lever gets there. Candidates run on the same
 * seeds as the prediction, over the short horizon in which first attempts settle, and stop
 * as soon as enough runs miss for the margin quantile to be out of reach.
 */

type Value = number | MachineType;

type LeverSpec = {
  lever: Lever;
  current: (s: WhatIfScenario) => Value;
  ladder: (s: WhatIfScenario) => Value[];
  apply: (s: WhatIfScenario, v: Value) => WhatIfScenario;
  cost: CostDirection;
  costNote: string;
};

const TIMEOUTS = [10, 15, 20, 30, 45, 60, 75, 90, 120, 180, 240, 300, 450, 600];
const POOLS = [80, 60, 50, 40, 30, 25, 20, 15, 12, 10, 8, 6, 5, 4, 3, 2, 1];
const num = (v: Value) => (typeof v === "number" ? v : NaN);
const starting = (s: WhatIfScenario) => s.services.filter((svc) => svc.instances > 0);

export const LEVERS: readonly LeverSpec[] = [
  {
    lever: "dbTimeoutSeconds",
    current: (s) => Math.max(...starting(s).map((svc) => svc.dbTimeoutSeconds)),
    ladder: (s) => TIMEOUTS.filter((t) => t > Math.max(...starting(s).map((svc) => svc.dbTimeoutSeconds))),
    apply: (s, v) => ({
      ...s,
      services: s.services.map((svc) => ({ ...svc, dbTimeoutSeconds: Math.max(svc.dbTimeoutSeconds, num(v)) })),
    }),
    cost: "none",
    costNote: "No infrastructure cost; a start-up that cannot reach the database waits longer before it exits.",
  },
  {
    lever: "poolSize",
    current: (s) => Math.max(...starting(s).map((svc) => svc.poolSize)),
    ladder: (s) => POOLS.filter((p) => p < Math.max(...starting(s).map((svc) => svc.poolSize))),
    apply: (s, v) => ({
      ...s,
      services: s.services.map((svc) => ({ ...svc, poolSize: Math.min(svc.poolSize, num(v)) })),
    }),
    cost: "none",
    costNote: "No infrastructure cost; each instance has fewer connections for its queries once running.",
  },
  {
    lever: "minInstances",
    current: (s) => s.connector.minInstances,
    ladder: (s) => range(s.connector.minInstances + 1, whatIfLimits.connectorMinInstances.max),
    // Google needs min < max, so raising min may raise max with it.
    apply: (s, v) => ({
      ...s,
      connector: { ...s.connector, minInstances: num(v), maxInstances: Math.max(s.connector.maxInstances, num(v) + 1) },
    }),
    cost: "higher",
    costNote: "Higher: the minimum connector instances run, and are billed, all the time.",
  },
  {
    lever: "machineType",
    current: (s) => s.connector.machineType,
    ladder: (s) => machineTypeOrder.slice(machineTypeOrder.indexOf(s.connector.machineType) + 1),
    apply: (s, v) => ({ ...s, connector: { ...s.connector, machineType: v as MachineType } }),
    cost: "higher",
    costNote: "Higher: every connector instance is a larger, dearer machine.",
  },
  {
    lever: "maxInstances",
    current: (s) => s.connector.maxInstances,
    ladder: (s) => range(s.connector.maxInstances + 1, whatIfLimits.connectorMaxInstances.max),
    apply: (s, v) => ({ ...s, connector: { ...s.connector, maxInstances: num(v) } }),
    cost: "higher",
    costNote: "Higher once it scales out: connectors never scale back in.",
  },
];

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v++) out.push(v);
  return out;
}

/**
 * Simulated instance-steps the search may spend: a few hundred milliseconds on a small idle
 * CPU. Deterministic, unlike a time limit, so the same request always gets the same advice.
 */
export const SEARCH_WORK_BUDGET = 8_000_000;

type Evaluation = { pass: boolean; p10: number; median: number };

function changesBetween(today: WhatIfScenario, next: WhatIfScenario): Change[] {
  return LEVERS.flatMap((l) => {
    const from = l.current(today);
    const to = l.current(next);
    return from === to ? [] : [{ lever: l.lever, from, to }];
  });
}

const COST_RANK: Record<CostDirection, number> = { lower: 0, none: 1, higher: 2 };
const LEVER_RANK = new Map(LEVERS.map((l, i) => [l.lever, i]));

/** Fewest levers, then no added cost before added cost, then fewest steps, then lever order. */
export function compareOptions(a: RecommendationOption, b: RecommendationOption): number {
  const leverRank = (o: RecommendationOption) => Math.min(...o.changes.map((c) => LEVER_RANK.get(c.lever) ?? 99));
  return (
    a.changes.length - b.changes.length ||
    COST_RANK[a.cost] - COST_RANK[b.cost] ||
    a.steps - b.steps ||
    leverRank(a) - leverRank(b)
  );
}

export function recommend(today: WhatIfScenario, a: ModelAssumptions, todayRates: readonly number[]): Recommendation {
  let work = 0;
  let tried = 0;
  let truncated = false;
  const n = today.seeds;
  const maxBelow = maxBelowForQuantile(n, MARGIN_QUANTILE);
  const totalInstances = today.services.reduce((sum, s) => sum + s.instances, 0);

  /** Runs the seeds; with `failFast`, stops once the margin quantile can no longer reach the target. */
  function evaluate(s: WhatIfScenario, failFast: boolean): Evaluation | null {
    const horizon = firstAttemptHorizon(s, a);
    const cost = totalInstances * Math.round(horizon / a.stepSeconds);
    if (work + cost > SEARCH_WORK_BUDGET) {
      truncated = true;
      return null;
    }
    tried++;
    const input = toBurstInput(s, a, horizon);
    const rates: number[] = [];
    let below = 0;
    for (const seed of seedList(n)) {
      work += cost;
      const rate = simulateBurst(input, seed).successRate;
      rates.push(rate);
      if (rate < SUCCESS_TARGET) below++;
      if (failFast && below > maxBelow) return { pass: false, p10: NaN, median: NaN };
      if (work > SEARCH_WORK_BUDGET) {
        truncated = true;
        return null;
      }
    }
    rates.sort((x, y) => x - y);
    const p10 = quantile(rates, MARGIN_QUANTILE);
    return { pass: p10 >= SUCCESS_TARGET, p10, median: quantile(rates, 0.5) };
  }

  const option = (s: WhatIfScenario, steps: number, levers: LeverSpec[], e: Evaluation): RecommendationOption => {
    const cost = levers.reduce<CostDirection>(
      (worst, l) => (COST_RANK[l.cost] > COST_RANK[worst] ? l.cost : worst),
      "lower",
    );
    return {
      changes: changesBetween(today, s),
      steps,
      cost,
      costNote: levers.map((l) => l.costNote).join(" "),
      success: { p10: e.p10, median: e.median },
      scenario: s,
    };
  };

  const sortedToday = [...todayRates].sort((x, y) => x - y);
  const base = { target: SUCCESS_TARGET, marginQuantile: MARGIN_QUANTILE };
  if (quantile(sortedToday, MARGIN_QUANTILE) >= SUCCESS_TARGET) {
    return {
      ...base,
      status: "no-change-needed",
      recommended: null,
      options: [],
      unreachable: [],
      candidatesTried: 0,
      truncated: false,
    };
  }

  const options: RecommendationOption[] = [];
  const notAlone: LeverSpec[] = [];
  for (const lever of LEVERS) {
    const ladder = lever.ladder(today);
    let found = false;
    for (const [i, value] of ladder.entries()) {
      const s = lever.apply(today, value);
      const e = evaluate(s, true);
      if (!e) break;
      if (e.pass) {
        options.push(option(s, i + 1, [lever], e));
        found = true;
        break;
      }
    }
    if (!found && ladder.length && !truncated) notAlone.push(lever);
  }

  if (options.length === 0) options.push(...searchPairs(today, evaluate, option));
  const searchTruncated = truncated;

  // Last, with what is left of the budget: how far each lever gets alone at the end of its
  // range. A full run of every seed (no early stop), because the p10 itself is the answer.
  const unreachable: Recommendation["unreachable"] = notAlone.map((lever) => {
    const upTo = lever.ladder(today).at(-1) ?? lever.current(today);
    const e = evaluate(lever.apply(today, upTo), false);
    return { lever: lever.lever, upTo, p10: e ? e.p10 : null };
  });

  options.sort(compareOptions);
  return {
    ...base,
    status: options.length ? "found" : "not-found",
    recommended: options[0] ?? null,
    options,
    unreachable,
    candidatesTried: tried,
    truncated: searchTruncated,
  };
}

/** Every pair of levers, nearest combinations first; the first that passes per pair. */
function searchPairs(
  today: WhatIfScenario,
  evaluate: (s: WhatIfScenario, failFast: boolean) => Evaluation | null,
  option: (s: WhatIfScenario, steps: number, levers: LeverSpec[], e: Evaluation) => RecommendationOption,
): RecommendationOption[] {
  const found: RecommendationOption[] = [];
  for (const [ai, A] of LEVERS.entries()) {
    for (const B of LEVERS.slice(ai + 1)) {
      const la = A.ladder(today);
      const lb = B.ladder(today);
      const grid: [number, number][] = [];
      for (let i = 0; i < la.length; i++) for (let j = 0; j < lb.length; j++) grid.push([i, j]);
      grid.sort((x, y) => x[0] + x[1] - (y[0] + y[1]) || x[0] - y[0]);
      for (const [i, j] of grid) {
        const va = la[i];
        const vb = lb[j];
        if (va === undefined || vb === undefined) continue;
        const s = B.apply(A.apply(today, va), vb);
        // Raising max below a raised min would break Google's min < max rule: not a candidate.
        if (s.connector.minInstances >= s.connector.maxInstances) continue;
        const e = evaluate(s, true);
        if (!e) return found;
        if (e.pass) {
          found.push(option(s, i + j + 2, [A, B], e));
          break;
        }
      }
    }
  }
  return found;
}
