"use client";

import type {
  Lever,
  MachineType,
  RecommendationOption,
  WhatIfResponse,
  WhatIfScenario,
} from "@/lib/what-if/core/types";
import { formatPercent, formatTarget } from "@/lib/core/format";
import { COST, LEVER, leverValue } from "./labels";

const LEVERS: readonly Lever[] = ["dbTimeoutSeconds", "poolSize", "machineType", "minInstances", "maxInstances"];

/** A lever's value in a scenario, as the recommendation search reads it (the largest timeout and pool). */
function valueOf(s: WhatIfScenario, lever: Lever): number | MachineType {
  const starting = s.services.filter((x) => x.instances > 0);
  switch (lever) {
    case "dbTimeoutSeconds":
      return Math.max(...starting.map((x) => x.dbTimeoutSeconds));
    case "poolSize":
      return Math.max(...starting.map((x) => x.poolSize));
    case "machineType":
      return s.connector.machineType;
    case "minInstances":
      return s.connector.minInstances;
    case "maxInstances":
      return s.connector.maxInstances;
  }
}

const sameScenario = (a: WhatIfScenario, b: WhatIfScenario) =>
  LEVERS.every((l) => valueOf(a, l) === valueOf(b, l)) &&
  a.services.every((s, i) => s.instances === b.services[i]?.instances) &&
  a.database.maxConnections === b.database.maxConnections;

function Cost({ option }: { option: RecommendationOption }) {
  const c = COST[option.cost];
  return <span className={`badge status-${c.tone}`}>{c.word}</span>;
}

/** The smallest change that reaches 95% with margin, beside today's configuration, and the alternatives. */
export function RecommendationPanel({
  data,
  today,
  onTry,
}: {
  data: WhatIfResponse;
  today: WhatIfScenario;
  onTry: (s: WhatIfScenario) => void;
}) {
  const r = data.recommendation;
  const asked = data.scenario;
  const showAsked = !sameScenario(asked, today);
  const best = r.recommended;
  return (
    <section
      className="card wi-recommendation"
      aria-labelledby="wi-rec"
      data-testid="recommendation"
      data-status={r.status}
    >
      <h3 id="wi-rec">Recommendation</h3>
      <p className="muted">
        The smallest change that reaches {formatTarget(r.target)} predicted start-up success with margin (the p
        {Math.round(r.marginQuantile * 100)} run, not just a typical one). Free changes rank before ones that cost
        money; then the fewest steps.
      </p>
      {r.status === "no-change-needed" ? (
        <p>No change needed: this configuration already reaches {formatTarget(r.target)} at p10.</p>
      ) : null}
      {r.status === "not-found" ? (
        <p className="error-text">
          No change of one or two of these levers reaches {formatTarget(r.target)} with margin
          {r.truncated ? " within the search budget" : ""}. Look at the first bottleneck above.
        </p>
      ) : null}
      {best ? (
        <table className="wi-compare">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Today (staging config)</th>
              {showAsked ? <th scope="col">This scenario</th> : null}
              <th scope="col">Recommended</th>
            </tr>
          </thead>
          <tbody>
            {LEVERS.map((l) => {
              const changed = best.changes.some((c) => c.lever === l);
              return (
                <tr key={l} className={changed ? "wi-changed" : undefined}>
                  <th scope="row">{LEVER[l]}</th>
                  <td>{leverValue(l, valueOf(today, l))}</td>
                  {showAsked ? <td>{leverValue(l, valueOf(asked, l))}</td> : null}
                  <td>
                    {changed ? (
                      <strong>{leverValue(l, valueOf(best.scenario, l))}</strong>
                    ) : (
                      leverValue(l, valueOf(best.scenario, l))
                    )}
                    {changed ? <span className="sr-only"> (changed)</span> : null}
                  </td>
                </tr>
              );
            })}
            <tr>
              <th scope="row">Predicted start-up success (p10 / median)</th>
              <td>
                {showAsked
                  ? "—"
                  : `${formatPercent(data.prediction.success.p10)} / ${formatPercent(data.prediction.success.median)}`}
              </td>
              {showAsked ? (
                <td>{`${formatPercent(data.prediction.success.p10)} / ${formatPercent(data.prediction.success.median)}`}</td>
              ) : null}
              <td>
                {formatPercent(best.success.p10)} / {formatPercent(best.success.median)}
              </td>
            </tr>
            <tr>
              <th scope="row">Cost direction</th>
              <td>—</td>
              {showAsked ? <td>—</td> : null}
              <td>
                <Cost option={best} /> <span className="muted">{best.costNote}</span>
              </td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {r.options.length > 1 ? (
        <>
          <h4>Other changes that also reach the target</h4>
          <ul className="wi-options">
            {r.options.slice(1).map((o) => (
              <OptionItem key={o.changes.map((c) => `${c.lever}${c.to}`).join("+")} option={o} onTry={onTry} />
            ))}
          </ul>
        </>
      ) : null}
      {best ? (
        <button type="button" className="btn" onClick={() => onTry(best.scenario)}>
          Try the recommendation
        </button>
      ) : null}
      {r.unreachable.length ? (
        <>
          <h4>Not enough on their own</h4>
          <ul className="wi-list">
            {r.unreachable.map((u) => (
              <li key={u.lever}>
                {LEVER[u.lever]}: even at {leverValue(u.lever, u.upTo)}, p10 success{" "}
                {u.p10 === null ? "was not measured (search budget used up)" : formatPercent(u.p10)}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="muted">
        {r.truncated
          ? `The search stopped at its work budget after ${r.candidatesTried} candidates; a smaller change may exist.`
          : `The search tried ${r.candidatesTried} candidate configurations.`}{" "}
        Computed in {data.computeMs} ms.
      </p>
    </section>
  );
}

function OptionItem({ option, onTry }: { option: RecommendationOption; onTry: (s: WhatIfScenario) => void }) {
  const what = option.changes
    .map((c) => `${LEVER[c.lever]} ${leverValue(c.lever, c.from)} → ${leverValue(c.lever, c.to)}`)
    .join(" and ");
  return (
    <li>
      {what}: p10 {formatPercent(option.success.p10)} <Cost option={option} />{" "}
      <button type="button" className="link-button" onClick={() => onTry(option.scenario)} aria-label={`Try: ${what}`}>
        Try
      </button>
      <br />
      <span className="muted">{option.costNote}</span>
    </li>
  );
}
