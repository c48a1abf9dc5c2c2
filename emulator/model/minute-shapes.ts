import { between, randomRound } from "@/lib/what-if/core/model/prng";
import type { ScenarioState } from "./scenarios";

/** How each scenario shapes one minute: attempt counts, success, ready instances, latencies, load. */

export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Chance that one start-up attempt of service i succeeds this minute. */
export function successProbability(s: ScenarioState, minute: number, i: number, u: number): number {
  switch (s.scenario) {
    case "incident":
      return clamp01(s.successProbability + 0.03 * u);
    case "recovering":
      return clamp01(s.successProbability + 0.04 * (u - 0.5));
    case "flaky":
      return u < 0.07 ? 0.3 : clamp01(0.65 + 0.22 * Math.sin((2 * Math.PI * minute) / 47 + i));
    case "healthy":
      return s.successProbability;
  }
}

export function attemptCount(s: ScenarioState, burst: number, r: () => number): number {
  switch (s.scenario) {
    case "incident":
      return randomRound(burst * between(r(), 0.7, 1.3), r());
    case "recovering":
      return randomRound(burst * (0.15 + Math.exp(-s.ageMinutes / 4)) * between(r(), 0.8, 1.2), r());
    case "flaky":
      return randomRound(burst * between(r(), 0.2, 0.6), r());
    case "healthy": {
      const u = r();
      return u < 0.5 ? 0 : u < 0.8 ? 1 : u < 0.95 ? 2 : 3;
    }
  }
}

export function readyInstances(s: ScenarioState, burst: number, p: number, r: () => number): number {
  switch (s.scenario) {
    case "incident":
      return randomRound(burst * p * 2, r());
    case "recovering":
      return Math.round(burst * (1 - 0.9 * Math.exp(-s.ageMinutes / 5)) * between(r(), 0.5, 0.7));
    case "flaky":
      return Math.round(burst * between(r(), 0.3, 0.6));
    case "healthy":
      return Math.max(1, Math.round(burst * between(r(), 0.4, 0.7)));
  }
}

export function initLatencyMs(s: ScenarioState, u: number, timeoutMs: number): number {
  switch (s.scenario) {
    case "incident":
      return between(u, 0.75, 0.99) * timeoutMs;
    case "recovering":
      return between(u, 2000, 4000) + 25_000 * Math.exp(-s.ageMinutes / 6) * u;
    case "flaky":
      return between(u, 0.3, 0.95) * Math.min(timeoutMs, 9000);
    case "healthy":
      return between(u, 600, 2200);
  }
}

export function connectorUtilisation(s: ScenarioState, u: number): number {
  switch (s.scenario) {
    case "incident":
      // The undersized connector runs at its ceiling about half of the minutes and queues the
      // rest of the start-up burst (the callers clamp at 1: never more than the ceiling).
      return between(u, 0.9, 1.1);
    case "recovering":
      return 0.1 + 0.6 * Math.exp(-s.ageMinutes / 5) + 0.05 * (u - 0.5);
    case "flaky":
      return between(u, 0.4, 0.85);
    case "healthy":
      return between(u, 0.03, 0.12);
  }
}
