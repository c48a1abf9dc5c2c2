import { makeFigure, type Figure } from "@/lib/core/figure";
import type { AlertRule } from "@/lib/config/core/slo/alerts";
import type { SloEvaluation } from "./evaluate";
import type { AlertStateRow, TransitionRecord } from "./ledger";
import type { SloResponse, SloView } from "./schemas";
import { windowMsOf } from "@/lib/core/slo-windows";
import { FINE_SPAN_MS } from "./intervals";

/** The API's view of evaluated SLOs, pure: figures carry when their data ends and whether it is stale. */

const iso = (ms: number) => new Date(ms).toISOString();

function figure(
  value: number | null,
  read: { measuredAt: number; stale: boolean; staleAfter: number },
  now: number,
): Figure<number> {
  return makeFigure(value, read.measuredAt, now, {
    maxAgeSeconds: Math.round((read.staleAfter - read.measuredAt) / 1_000),
    stale: read.stale,
  });
}

export function sloViewOf(e: SloEvaluation, states: readonly AlertStateRow[], now: number): SloView {
  const f = e.figures;
  return {
    id: e.definition.id,
    service: e.definition.service,
    objective: e.definition.objective,
    windowDays: e.definition.windowDays,
    maintenance: { excluded: e.definition.excludeMaintenance, minutesInWindow: e.maintenanceMinutes },
    attainment: figure(f.attainment, e.long, now),
    counts: { good: f.counts.good, bad: f.counts.bad, total: f.counts.total },
    coverage: f.counts.coverage,
    budget: {
      allowedBad: f.budget.allowedBad,
      usedBad: f.budget.usedBad,
      remaining: figure(f.budget.remaining, e.long, now),
    },
    source: e.definition.source,
    probes: [...(e.definition.probes ?? [])],
    rehearsal: e.definition.rehearsal ?? false,
    alerting: e.definition.alerting,
    rules: e.conditions.map((c) => c.rule),
    // The fixed windows, then any a scaled rule set reads, shortest first.
    burn: [...Object.values(f.burn), ...Object.values(f.extraBurn)]
      .map((b) => ({ b, ms: windowMsOf(b.window) ?? Infinity }))
      .sort((x, y) => x.ms - y.ms)
      .map(({ b, ms }) => ({
        window: b.window,
        burnRate: figure(b.burnRate, ms <= FINE_SPAN_MS ? e.fine : e.long, now),
        good: b.good,
        bad: b.bad,
        total: b.total,
        coverage: b.coverage,
      })),
    exhaustion: f.exhaustion,
    burndown: f.burndown,
    alerts: e.conditions.map(({ rule, condition }) => {
      const s = states.find((x) => x.slo === e.definition.id && x.rule === rule.id);
      return {
        rule: rule.id,
        severity: rule.severity,
        condition,
        status: s?.status ?? null,
        since: s ? iso(s.since) : null,
      };
    }),
    staleAfter: iso(e.long.staleAfter),
  };
}

export type ResponseFreshness = Pick<SloResponse, "measuredAt" | "source" | "stale" | "ageSeconds" | "upstreamError">;

export function sloResponse(
  freshness: ResponseFreshness,
  rules: readonly AlertRule[],
  evaluations: readonly SloEvaluation[],
  states: readonly AlertStateRow[],
  history: readonly TransitionRecord[],
  now: number,
): Omit<SloResponse, "alertStore"> {
  const slos = evaluations.map((e) => sloViewOf(e, states, now));
  // The response's own freshness is the Cloud Monitoring reads' (start-up SLOs); a probe SLO
  // carries its staleness on its own figures, so a silent probe greys its card, not the page.
  const monitored = evaluations.filter((e) => e.definition.source === "startups");
  const staleAfter = monitored.length ? (monitored.map((e) => iso(e.long.staleAfter)).sort()[0] ?? null) : null;
  return {
    ...freshness,
    stale: freshness.stale || monitored.some((e) => e.fine.stale || e.coarse.stale),
    staleAfter,
    // Every rule some SLO uses, once (an SLO's own set is in its `rules`).
    rules: [
      ...new Map(
        [...rules, ...evaluations.flatMap((e) => e.conditions.map((c) => c.rule))].map((r) => [
          `${r.id} ${r.long} ${r.short}`,
          r,
        ]),
      ).values(),
    ],
    slos,
    history: history.map((h) => ({ slo: h.slo, rule: h.rule, from: h.from, to: h.to, at: iso(h.at) })),
  };
}

/** The answer narrowed to one `service` ("all" or a deployed service), or whole without one: `GET /api/slo?service=`. */
export function sloResponseFor(response: SloResponse, service: string | undefined): SloResponse {
  return service === undefined ? response : { ...response, slos: response.slos.filter((s) => s.service === service) };
}
