import { hashKey } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { assumptions as modelDefaults } from "@/lib/what-if/core/model/assumptions";
import { whatIfQuery } from "@/lib/query/what-if-queries";
import { editableAssumptions } from "@/lib/what-if/core/scenario";
import { seedScenario } from "@/lib/what-if/testing";
import { draftFrom, requestFrom, toNumber } from "./draft";

const defaults = editableAssumptions(modelDefaults);

describe("what-if form draft", () => {
  it("round-trips today's scenario to the same request, so the server's prefetch is the client's first answer", () => {
    const today = seedScenario();
    const request = requestFrom(draftFrom(today, defaults), defaults);
    expect(request).toEqual(today);
    expect(hashKey(whatIfQuery(request).queryKey)).toBe(hashKey(whatIfQuery(today).queryKey));
  });

  it("sends only the assumptions that differ from the model's", () => {
    const d = {
      ...draftFrom(seedScenario(), defaults),
      scaleOutDelayMin: "5",
      perInstanceMbps: { "f1-micro": "50", "e2-micro": "250", "e2-standard-4": "1600" },
    };
    expect(requestFrom(d, defaults).assumptions).toEqual({
      perInstanceMbps: { "e2-micro": 250 },
      scaleOutDelaySeconds: { min: 5, max: 30 },
    });
  });

  it("turns empty or garbled text into NaN (sent as null, refused by name), never into 0", () => {
    expect(toNumber("")).toBeNaN();
    expect(toNumber("  ")).toBeNaN();
    expect(toNumber("12abc")).toBeNaN();
    expect(toNumber(" 75 ")).toBe(75);
    const d = { ...draftFrom(seedScenario(), defaults), minInstances: "" };
    expect(JSON.parse(JSON.stringify(requestFrom(d, defaults))).connector.minInstances).toBeNull();
  });
});
