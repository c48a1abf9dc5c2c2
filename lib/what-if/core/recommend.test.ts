import { describe, expect, it } from "vitest";
import { predict, runSeeds } from "./predict";
import { LEVERS, recommend } from "./recommend";
import { modelAssumptions } from "./scenario";
import type { WhatIfScenario } from "./schema";
import { seedScenario } from "@/lib/what-if/testing";
import type { RecommendationOption } from "./types";
import { whatIf } from "@/lib/what-if/what-if";

const a = modelAssumptions({});
const advise = (s: WhatIfScenario) =>
  recommend(
    s,
    a,
    runSeeds(s, a).map((r) => r.successRate),
  );
const p10 = (s: WhatIfScenario) => predict(s, a).success.p10;
const label = (o: RecommendationOption | null) => o?.changes.map((c) => `${c.lever} ${c.from}→${c.to}`).join(" + ");

/** The option's own lever one step short of its value (null for a first step). */
function oneStepShort(today: WhatIfScenario, o: RecommendationOption): WhatIfScenario | null {
  const spec = LEVERS.find((l) => l.lever === o.changes[0]?.lever);
  const previous = spec?.ladder(today)[o.steps - 2];
  return spec && previous !== undefined ? spec.apply(today, previous) : null;
}

describe("recommendation: today's staging (8 s timeout, e2-micro 2–3, pool 5)", () => {
  const today = seedScenario();
  const r = advise(today);

  it("recommends the smallest no-cost change, the timeout, and lists the other levers with their cost", () => {
    expect(r.status).toBe("found");
    expect(label(r.recommended)).toBe("dbTimeoutSeconds 8→20");
    expect(r.recommended?.cost).toBe("none");
    expect(r.options.map((o) => [label(o), o.cost])).toEqual([
      ["dbTimeoutSeconds 8→20", "none"],
      ["poolSize 5→2", "none"],
      // One step, but it costs money: ranked after the free changes.
      ["machineType e2-micro→e2-standard-4", "higher"],
      // Google needs min < max, so raising min to 5 raises max to 6.
      ["minInstances 2→5 + maxInstances 3→6", "higher"],
    ]);
    expect(r.truncated).toBe(false);
  });

  it("every option reaches 95% at p10 in a full prediction, and one step less on its lever does not", () => {
    for (const o of r.options) {
      expect(p10(o.scenario), label(o)).toBeGreaterThanOrEqual(0.95);
      expect(o.success.p10).toBe(p10(o.scenario));
      const short = oneStepShort(today, o);
      if (short) expect(p10(short), `one step short of ${label(o)}`).toBeLessThan(0.95);
    }
  });

  it("says why scaling out alone cannot help: even 10 max instances arrive after an 8 s timeout", () => {
    expect(r.unreachable).toEqual([{ lever: "maxInstances", upTo: 10, p10: 0 }]);
  });

  it("keeps everything but the change as it was", () => {
    const s = r.recommended?.scenario;
    expect(s?.connector).toEqual(today.connector);
    expect(s?.services.map((x) => x.poolSize)).toEqual([5, 5]);
    expect(s?.seeds).toBe(50);
  });
});

describe("recommendation: other situations", () => {
  it("needs no change when the target is already met with margin", () => {
    const r = advise(seedScenario({ timeout: 75 }));
    expect(r).toMatchObject({ status: "no-change-needed", recommended: null, options: [], candidatesTried: 0 });
  });

  it("combines two levers when no single one is enough", () => {
    const today = seedScenario({ backend: 40, auth: 20, pool: 5, maxConnections: 150 });
    const r = advise(today);
    expect(r.status).toBe("found");
    const best = r.recommended;
    expect(best?.changes).toHaveLength(2);
    expect(best?.cost).toBe("none");
    if (!best) return;
    expect(p10(best.scenario)).toBeGreaterThanOrEqual(0.95);
    // Each half of the pair, alone, falls short.
    for (const change of best.changes) {
      const spec = LEVERS.find((l) => l.lever === change.lever);
      if (spec) expect(p10(spec.apply(today, change.to)), change.lever).toBeLessThan(0.95);
    }
  });

  it("a database that is too small is fixed by a smaller pool, not by a bigger connector", () => {
    const r = advise(seedScenario({ backend: 40, auth: 20, maxConnections: 60, machineType: "e2-standard-4" }));
    expect(label(r.recommended)).toMatch(/^poolSize 5→/);
    expect(r.unreachable.map((u) => u.lever)).toContain("minInstances");
  });

  it("stops at its work budget on a huge burst and says so", () => {
    // The largest burst 50 seeds may ask for.
    const r = advise(seedScenario({ backend: 60, auth: 40 }));
    expect(r.truncated).toBe(true);
    expect(r.candidatesTried).toBeGreaterThan(0);
  });

  it("is deterministic", () => {
    const s = seedScenario({ timeout: 10, min: 3, max: 4 });
    expect(advise(s)).toEqual(advise(s));
  });
});

describe("whatIf", () => {
  it("answers with the prediction, the recommendation and the assumptions it used, labelled a model", () => {
    const s = { ...seedScenario(), assumptions: { scaleOutDelaySeconds: { min: 5, max: 6 } } };
    const r = whatIf(s);
    expect(r.basis).toBe("model");
    expect(r.scenario).toEqual(s);
    expect(r.assumptions.editable.scaleOutDelaySeconds).toEqual({ min: 5, max: 6 });
    expect(r.assumptions.defaults.scaleOutDelaySeconds).toEqual({ min: 10, max: 30 });
    expect(r.assumptions.overridden).toEqual(["scaleOutDelaySeconds"]);
    expect(r.assumptions.documentedRangeMbps["e2-micro"]).toEqual([200, 1000]);
    expect(r.prediction.scaleOuts.firstReadyAt?.max).toBeLessThanOrEqual(10);
    // Same request, same answer (served from the cache).
    expect(whatIf(structuredClone(s))).toBe(r);
  });
});
