import { formatDurationWords, formatMs, formatPercent, formatTarget } from "@/lib/core/format";
import { formatMeasured } from "@/lib/criteria/core/format";
import type { CompareOp, Measurement, TermEvaluation } from "@/lib/criteria/core/types";
import type { WorkInProgress } from "./types";

/**
 * Sentences for a salesperson. Built only from the check's label, our own words and the
 * measured numbers: never from probe names, reasons or log text, which are for engineers.
 */

const NEEDS: Readonly<Record<CompareOp, string>> = {
  ">": "more than",
  ">=": "at least",
  "<": "under",
  "<=": "at most",
  "==": "exactly",
  "!=": "anything but",
};

/** Failure signatures in words; others fall back to a neutral phrase. */
const SIGNATURES: Readonly<Record<string, readonly [string, string]>> = {
  "db-socket-timeout": ["database time-out", "database time-outs"],
  "jwt-handshake": ["sign-in handshake failure", "sign-in handshake failures"],
  "exit-3": ["crash during start-up", "crashes during start-up"],
};

function inTheLast(seconds: number): string {
  return `in the last ${formatDurationWords(seconds, { bareUnit: true })}`;
}

function times(n: number): string {
  return n === 1 ? "once" : `${n} times`;
}

/** "Infrastructure Team" → "the infrastructure team"; acronyms stay as written. */
export function teamPhrase(team: string): string {
  const words = team
    .trim()
    .split(/\s+/)
    .map((w) => (/^[A-Z][a-z]+$/.test(w) ? w.toLowerCase() : w));
  return words[0]?.toLowerCase() === "the" ? words.join(" ") : `the ${words.join(" ")}`;
}

export function onItClause(w: WorkInProgress | undefined): string {
  return w ? `; ${teamPhrase(w.team)} is on it (phase ${w.phaseOrder})` : "";
}

function needs(t: TermEvaluation, shown: string): string {
  return `(needs ${NEEDS[t.op]} ${shown})`;
}

function statusWords(value: string): string {
  switch (value) {
    case "down":
      return "it is down right now";
    case "degraded":
      return "it is answering slowly or with errors right now";
    case "missing":
      return "nothing answers where it should";
    default:
      return "it is not working right now";
  }
}

function detail(label: string, t: TermEvaluation, m: Measurement): string {
  const v = t.value;
  if (v === null) return `${label}: no measurement`;
  if (typeof v === "string") return `${label}: ${statusWords(v)}`;
  const threshold = typeof t.threshold.value === "number" ? t.threshold.value : 0;
  switch (m.kind) {
    case "startup_success_rate": {
      const what = m.service.kind === "all" ? "service" : m.service.name;
      const only = t.op === ">" || t.op === ">=" ? "Only " : "";
      return `${only}${formatPercent(v)} of ${what} start-ups succeeded ${inTheLast(m.windowSeconds)} ${needs(t, formatTarget(threshold))}`;
    }
    case "startup_failures": {
      const who = m.service.kind === "all" ? "Services" : `The ${m.service.name}`;
      return `${who} failed to start ${times(v)} ${inTheLast(m.windowSeconds)}`;
    }
    case "probe_uptime":
      return `${label}: it was up only ${formatPercent(v)} of the time ${inTheLast(m.windowSeconds)} ${needs(t, formatTarget(threshold))}`;
    case "failures": {
      const [one, many] = SIGNATURES[m.signature] ?? ["error of a kind we watch for", "errors of a kind we watch for"];
      return `There ${v === 1 ? "was" : "were"} ${v} ${v === 1 ? one : many} ${inTheLast(m.windowSeconds)}`;
    }
    case "percentile":
      return `${label}: too slow — the slowest ${100 - m.percentile}% of attempts took ${formatMs(v)} or more ${inTheLast(m.windowSeconds)} ${needs(t, formatMs(threshold))}`;
    case "blocking_phases":
      return v === 1
        ? "1 incident phase that blocks staging is still open"
        : `${v} incident phases that block staging are still open`;
    case "probe_status":
      return `${label}: ${formatMeasured(m, v)}`;
    case "error_budget_remaining": {
      const what = m.service.kind === "all" ? "the start-up" : `the ${m.service.name} start-up`;
      return v <= 0
        ? `${label}: ${what} error budget is used up`
        : `${label}: only ${formatPercent(v)} of ${what} error budget is left ${needs(t, formatPercent(threshold))}`;
    }
    case "burn_rate": {
      const what = m.service.kind === "all" ? "Start-ups" : `The ${m.service.name} start-ups`;
      return `${what} failed ${formatMeasured(m, v)} as often as the objective allows ${inTheLast(m.windowSeconds)}`;
    }
    case "connector_headroom":
      return v <= 0
        ? `${label}: the VPC connector was full (no headroom left) ${inTheLast(m.windowSeconds)}`
        : `${label}: the VPC connector had only ${formatPercent(v)} headroom left ${inTheLast(m.windowSeconds)} ${needs(t, formatPercent(threshold))}`;
  }
}

/** Why a check fails, one clause per failing comparison, ending with who is on it. */
export function failText(label: string, terms: readonly TermEvaluation[], work: WorkInProgress | undefined): string {
  const failing = terms.filter((t) => t.result === "fail");
  const parts = failing.length
    ? failing.map((t) => detail(label, t, t.measurement))
    : [`${label}: not working right now`];
  return `${parts.join(". ")}${onItClause(work)}.`;
}
