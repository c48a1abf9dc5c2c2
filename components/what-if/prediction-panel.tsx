"use client";

import { formatCount, formatPercent, formatSeconds, formatTarget } from "@/lib/core/format";
import type { Spread, WhatIfResponse } from "@/lib/what-if/core/types";
import { BOTTLENECK, VERDICT } from "./labels";
import { UtilisationChart } from "./utilisation-chart";

const spreadText = (s: Spread, f: (v: number) => string) =>
  `p10 ${f(s.p10)} · p90 ${f(s.p90)} · range ${f(s.min)}–${f(s.max)}`;

/** The model's answer for the scenario: every figure with its unit and its spread over the runs. */
export function PredictionPanel({ data, stale }: { data: WhatIfResponse; stale: boolean }) {
  const p = data.prediction;
  const v = VERDICT[p.verdict];
  const t = p.timeToAllReady;
  const b = p.firstBottleneck;
  const others = (Object.entries(b.counts) as [keyof typeof b.counts, number][]).filter(
    ([k, n]) => n > 0 && k !== b.cause,
  );
  return (
    <div className={stale ? "wi-stale" : undefined} data-testid="prediction" data-verdict={p.verdict}>
      <div className={`banner status-${v.tone}`}>
        <h3 style={{ margin: 0 }}>
          Predicted: {v.word} <span className="badge status-unknown">model</span>
        </h3>
        <p style={{ margin: "0.25rem 0 0" }}>
          Over {p.runs} seeded runs of the model (not a measurement): p10 start-up success{" "}
          {formatPercent(p.success.p10)} against the {formatTarget(p.target)} target.
        </p>
      </div>
      <div className="grid">
        <section className="card" aria-labelledby="wi-success">
          <h3 id="wi-success">Start-up success</h3>
          <p className="big-number" data-testid="success-median">
            {formatPercent(p.success.median)}
          </p>
          <p className="muted">median of first attempts that became ready · {spreadText(p.success, formatPercent)}</p>
          <ul className="wi-list">
            {p.services.map((s) => (
              <li key={s.name}>
                {s.name} ({formatCount(s.instances)} at once):{" "}
                {s.success
                  ? `${formatPercent(s.success.median)} (p10 ${formatPercent(s.success.p10)})`
                  : "starts nothing"}
              </li>
            ))}
          </ul>
          {p.attemptSuccess ? (
            <p className="muted">
              Retries included (what the start-up probe counts would show): median{" "}
              {formatPercent(p.attemptSuccess.median)}.
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="wi-ready">
          <h3 id="wi-ready">Time until every instance is ready</h3>
          <p className="big-number">
            {t.median === null ? `> ${formatSeconds(p.horizonSeconds)}` : formatSeconds(t.median)}
          </p>
          <p className="muted">
            median · p10 {formatSeconds(t.p10)} · p90{" "}
            {t.p90 === null ? `> ${formatSeconds(p.horizonSeconds)}` : formatSeconds(t.p90)} · all ready in{" "}
            {t.runsAllReady} of {p.runs} runs within {p.horizonSeconds} s, retries included
          </p>
        </section>
        <section className="card" aria-labelledby="wi-conn">
          <h3 id="wi-conn">Peak DB connections</h3>
          <p className="big-number">
            {formatCount(p.peakConnections.median)}{" "}
            <span className="muted wi-of">of {formatCount(p.peakConnections.maxConnections)}</span>
          </p>
          <p className="muted">
            median against max_connections · {spreadText(p.peakConnections, formatCount)} · at the limit in{" "}
            {p.peakConnections.runsAtLimit} of {p.runs} runs
          </p>
        </section>
        <section className="card" aria-labelledby="wi-bottleneck" data-testid="first-bottleneck">
          <h3 id="wi-bottleneck">First bottleneck</h3>
          {b.cause ? (
            <>
              <p>
                <strong>{BOTTLENECK[b.cause].title}</strong> in {b.runs} of {p.runs} runs.
              </p>
              <p className="muted">{BOTTLENECK[b.cause].why}</p>
            </>
          ) : (
            <p>None: no first attempt failed in any run.</p>
          )}
          {others.length ? (
            <p className="muted">
              Otherwise:{" "}
              {others.map(([k, n]) => `${k === "none" ? "no failure" : BOTTLENECK[k].title} in ${n}`).join(", ")}.
            </p>
          ) : null}
          {p.scaleOuts.firstReadyAt ? (
            <p className="muted">
              First extra connector instance carried traffic after {formatSeconds(p.scaleOuts.firstReadyAt.median)}{" "}
              (median; {formatSeconds(p.scaleOuts.firstReadyAt.min)}–{formatSeconds(p.scaleOuts.firstReadyAt.max)}); the
              connector ends with {formatCount(p.scaleOuts.finalInstances.median)} instances.
            </p>
          ) : (
            <p className="muted">The connector did not scale out.</p>
          )}
        </section>
      </div>
      <section className="card wi-chart" aria-labelledby="wi-util">
        <h3 id="wi-util">Connector utilisation over time</h3>
        <UtilisationChart prediction={p} machineType={data.scenario.connector.machineType} />
      </section>
    </div>
  );
}
