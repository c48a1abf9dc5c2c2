"use client";

import { MACHINE_TYPES } from "@/lib/core/connector-capacity";
import { whatIfLimits as L } from "@/lib/what-if/core/limits";
import type { AssumptionsUsed, MachineType, ObservedBurst } from "@/lib/what-if/core/types";
import { AssumptionsFieldset } from "./assumptions-fieldset";
import type { Draft, ServiceDraft } from "./draft";
import { NumberField } from "./number-field";
import { ObservedBurstNote } from "./observed-burst";

/**
 * The connector's and the database's numbers, after the machine type: the draft's key, the
 * request's field (the input's id and where the server names an error), its label and bounds.
 */
const SCENARIO_NUMBERS = [
  {
    key: "minInstances",
    field: "connector.minInstances",
    label: "Connector min instances",
    limits: L.connectorMinInstances,
  },
  {
    key: "maxInstances",
    field: "connector.maxInstances",
    label: "Connector max instances",
    limits: L.connectorMaxInstances,
  },
  {
    key: "maxConnections",
    field: "database.maxConnections",
    label: "Cloud SQL max_connections",
    limits: L.maxConnections,
  },
  { key: "seeds", field: "seeds", label: "Runs (seeds)", limits: L.seeds },
] as const satisfies readonly {
  key: keyof Draft;
  field: string;
  label: string;
  limits: { min: number; max: number };
}[];

/** Inputs per service, the connector and the database, and the model's assumptions. */
export function ScenarioForm({
  draft,
  onChange,
  onSubmit,
  onReset,
  fieldErrors,
  busy,
  observed,
  observedError,
  assumptions,
}: {
  draft: Draft;
  onChange: (d: Draft) => void;
  onSubmit: () => void;
  onReset: () => void;
  fieldErrors: Map<string, string>;
  busy: boolean;
  observed: ObservedBurst | null;
  observedError: unknown;
  assumptions: AssumptionsUsed;
}) {
  const setService = (i: number, patch: Partial<ServiceDraft>) =>
    onChange({ ...draft, services: draft.services.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const useObserved = () => {
    if (!observed) return;
    onChange({
      ...draft,
      services: draft.services.map((s) => {
        const seen = observed.services.find((o) => o.name === s.name)?.instances;
        return seen == null ? s : { ...s, instances: String(seen) };
      }),
    });
  };
  const err = (field: string) => fieldErrors.get(field);
  // Errors the form has no input for (a whole-request budget) are shown once, above the button.
  const general = [...fieldErrors.entries()].filter(([f]) => f === "services" || f === "(body)");

  return (
    <form
      className="card what-if-form"
      aria-labelledby="scenario-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2 id="scenario-title">Scenario</h2>

      <fieldset>
        <legend>Instances starting at once</legend>
        <table className="wi-table">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Instances</th>
              <th scope="col">Pool size</th>
              <th scope="col">DB timeout</th>
            </tr>
          </thead>
          <tbody>
            {draft.services.map((s, i) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                <td>
                  <NumberField
                    id={`wi-services.${i}.instances`}
                    label={`${s.name}: instances starting at once`}
                    hideLabel
                    value={s.instances}
                    onChange={(v) => setService(i, { instances: v })}
                    min={0}
                    max={L.maxInstancesPerService}
                    error={err(`services.${i}.instances`)}
                  />
                </td>
                <td>
                  <NumberField
                    id={`wi-services.${i}.poolSize`}
                    label={`${s.name}: DB pool size per instance`}
                    hideLabel
                    value={s.poolSize}
                    onChange={(v) => setService(i, { poolSize: v })}
                    min={L.poolSize.min}
                    max={L.poolSize.max}
                    error={err(`services.${i}.poolSize`)}
                  />
                </td>
                <td>
                  <NumberField
                    id={`wi-services.${i}.dbTimeoutSeconds`}
                    label={`${s.name}: app DB timeout in seconds`}
                    hideLabel
                    value={s.dbTimeoutSeconds}
                    onChange={(v) => setService(i, { dbTimeoutSeconds: v })}
                    min={L.dbTimeoutSeconds.min}
                    max={L.dbTimeoutSeconds.max}
                    step="any"
                    unit="s"
                    error={err(`services.${i}.dbTimeoutSeconds`)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ObservedBurstNote observed={observed} error={observedError} onUse={useObserved} />
      </fieldset>

      <fieldset>
        <legend>VPC connector and Cloud SQL</legend>
        <div className="wi-grid">
          <div className="wi-field">
            <label htmlFor="wi-connector.machineType">Connector machine type</label>
            <select
              id="wi-connector.machineType"
              value={draft.machineType}
              onChange={(e) => set({ machineType: e.target.value as MachineType })}
            >
              {MACHINE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          {SCENARIO_NUMBERS.map(({ key, field, label, limits }) => (
            <NumberField
              key={key}
              id={`wi-${field}`}
              label={label}
              value={draft[key]}
              onChange={(v) => set({ [key]: v })}
              min={limits.min}
              max={limits.max}
              error={err(field)}
            />
          ))}
        </div>
      </fieldset>

      <AssumptionsFieldset draft={draft} onChange={onChange} assumptions={assumptions} fieldErrors={fieldErrors} />

      {general.map(([field, message]) => (
        <p key={field} className="error-text" role="alert">
          {message}
        </p>
      ))}
      <div className="wi-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={busy}>
          {busy ? "Predicting…" : "Predict"}
        </button>
        <button type="button" className="btn" onClick={onReset}>
          Reset to today&apos;s configuration
        </button>
      </div>
    </form>
  );
}
