import { describe, expect, expectTypeOf, it } from "vitest";
import { probeSchema } from "@/lib/config/core/staging-schema";
import { PROBE_KINDS, type ProbeKind } from "./index";
import type { ProbeType } from "@/lib/probes/core/types";

describe("probe kinds", () => {
  it("list exactly the types the config schema accepts", () => {
    expectTypeOf<ProbeKind>().toEqualTypeOf<ProbeType>();
    const schemaTypes = probeSchema.options.map((o) => o.shape.type.value).sort();
    expect(schemaTypes).toEqual([...PROBE_KINDS].sort());
  });
});
