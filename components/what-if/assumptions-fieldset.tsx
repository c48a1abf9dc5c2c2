"use client";

import { MACHINE_TYPES } from "@/lib/core/connector-capacity";
import { whatIfLimits as L } from "@/lib/what-if/core/limits";
import type { AssumptionsUsed, MachineType } from "@/lib/what-if/core/types";
import type { Draft } from "./draft";
import { NumberField } from "./number-field";

const fmt = (n: number) => n.toLocaleString("en-US");

/** The model's editable figures, with their source, and the fixed ones for the record. */
export function AssumptionsFieldset({
  draft,
  onChange,
  assumptions,
  fieldErrors,
}: {
  draft: Draft;
  onChange: (d: Draft) => void;
  assumptions: AssumptionsUsed;
  fieldErrors: Map<string, string>;
}) {
  const d = assumptions.defaults;
  const f = assumptions.fixed;
  const reset = () =>
    onChange({
      ...draft,
      perInstanceMbps: Object.fromEntries(MACHINE_TYPES.map((t) => [t, String(d.perInstanceMbps[t])])) as Record<
        MachineType,
        string
      >,
      scaleOutDelayMin: String(d.scaleOutDelaySeconds.min),
      scaleOutDelayMax: String(d.scaleOutDelaySeconds.max),
      connectionSetupMegabits: String(d.connectionSetupMegabits),
    });
  return (
    <fieldset className="wi-assumptions" data-testid="assumptions">
      <legend>
        Assumptions <span className="badge status-warn">model, not a measurement</span>
      </legend>
      <p className="muted">
        The prediction comes from the same model the emulator uses. These figures drive it; change them to see how much
        the answer depends on them.
      </p>
      <div className="wi-grid">
        {MACHINE_TYPES.map((t) => {
          const [lo, hi] = assumptions.documentedRangeMbps[t];
          return (
            <div key={t}>
              <NumberField
                id={`wi-assumptions.perInstanceMbps.${t}`}
                label={`${t} throughput per connector instance`}
                value={draft.perInstanceMbps[t]}
                onChange={(v) => onChange({ ...draft, perInstanceMbps: { ...draft.perInstanceMbps, [t]: v } })}
                min={L.perInstanceMbps.min}
                max={L.perInstanceMbps.max}
                step="any"
                unit="Mbps"
                error={fieldErrors.get(`assumptions.perInstanceMbps.${t}`)}
              />
              <p className="muted wi-hint">
                Google documents {fmt(lo)}–{fmt(hi)} Mbps for a {t} connector of 2–10 instances; default{" "}
                {fmt(d.perInstanceMbps[t])} per instance.
              </p>
            </div>
          );
        })}
        <NumberField
          id="wi-assumptions.scaleOutDelaySeconds.min"
          label="Scale-out delay, shortest"
          value={draft.scaleOutDelayMin}
          onChange={(v) => onChange({ ...draft, scaleOutDelayMin: v })}
          min={L.scaleOutDelaySeconds.min}
          max={L.scaleOutDelaySeconds.max}
          step="any"
          unit="s"
          error={fieldErrors.get("assumptions.scaleOutDelaySeconds.min")}
        />
        <NumberField
          id="wi-assumptions.scaleOutDelaySeconds.max"
          label="Scale-out delay, longest"
          value={draft.scaleOutDelayMax}
          onChange={(v) => onChange({ ...draft, scaleOutDelayMax: v })}
          min={L.scaleOutDelaySeconds.min}
          max={L.scaleOutDelaySeconds.max}
          step="any"
          unit="s"
          error={fieldErrors.get("assumptions.scaleOutDelaySeconds.max")}
        />
        <NumberField
          id="wi-assumptions.connectionSetupMegabits"
          label="Connection set-up cost (per pooled connection)"
          value={draft.connectionSetupMegabits}
          onChange={(v) => onChange({ ...draft, connectionSetupMegabits: v })}
          min={L.connectionSetupMegabits.min}
          max={L.connectionSetupMegabits.max}
          step="any"
          unit="Mb"
          error={fieldErrors.get("assumptions.connectionSetupMegabits")}
        />
      </div>
      <details>
        <summary>Fixed figures of the model</summary>
        <ul>
          <li>
            Container start before DB initialisation: {f.coldStartSeconds.min}–{f.coldStartSeconds.max} s
          </li>
          <li>
            The connector asks for another instance above {Math.round(f.scaleOutThreshold * 100)}% utilisation, one at a
            time; it never scales back in.
          </li>
          <li>One Cloud Run instance pushes at most {f.perInstanceMaxMbps} Mbps through the connector.</li>
          <li>
            After exit(3) Cloud Run restarts an instance after {f.retryBackoff.baseSeconds} s × {f.retryBackoff.factor}
            <sup>attempt−1</sup> (at most {f.retryBackoff.maxSeconds} s, ±{Math.round(f.retryBackoff.jitter * 100)}%).
          </li>
          <li>An exited instance&apos;s connections stay on Cloud SQL for {f.orphanedConnectionSeconds} s.</li>
          <li>
            Default scale-out delay {d.scaleOutDelaySeconds.min}–{d.scaleOutDelaySeconds.max} s; default set-up cost{" "}
            {d.connectionSetupMegabits} Mb per connection.
          </li>
        </ul>
      </details>
      <button type="button" className="btn" onClick={reset}>
        Reset assumptions
      </button>
    </fieldset>
  );
}
