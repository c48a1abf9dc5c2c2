import { describe, expect, it } from "vitest";
import type { Verdict } from "@/lib/readiness/core";
import { currentPlan } from "@/lib/notifications/current";
import { holdAt, maintenanceChannels, owedChanges } from "@/lib/notifications/testing";
import { recordVerdict } from "./ledger";
import { STORES, suiteStore } from "./testing";
import { routeEventOf } from "./webhook-payload";

/** The readiness ledger in maintenance: recorded, not sent; the verdict after the window is announced once if it differs. */

const T0 = Date.parse("2026-12-07T10:00:00.000Z");

describe.each(STORES)("held readiness changes ($name)", ({ open, unavailable }) => {
  const store = suiteStore({ open, unavailable });

  const { config, targets } = maintenanceChannels();
  const record = (verdict: Verdict, at: number, held: boolean) =>
    recordVerdict(store().db, {
      verdict,
      checkedAt: at,
      plan: (previous, audience) =>
        currentPlan(routeEventOf(previous, verdict), config, targets, holdAt(held, at), audience),
      payload: (seq, previous) => ({ seq, previous, verdict }),
      held,
    });
  const owed = async () =>
    (await owedChanges(store().db, "readiness")).map(
      (r) => `${(r.payload as { previous: string | null }).previous ?? "-"}→${r.to}`,
    );

  it.skipIf(unavailable)("NO-GO in the window is held, and announced once when it outlives it", async () => {
    await record("GO", T0, false);
    expect((await record("NO-GO", T0 + 1_000, true)).change).toBe(2);
    expect(await owed()).toEqual(["-→GO"]);
    const after = await Promise.all([1, 2, 3].map(() => record("NO-GO", T0 + 2_000, false)));
    expect(after.filter((r) => r.change !== null)).toHaveLength(1);
    expect(after[0]?.since).toBe(T0 + 1_000); // NO-GO since it began, not since the window ended
    expect(await owed()).toEqual(["-→GO", "GO→NO-GO"]);
    // Back where people last heard: recorded, nothing to say.
    await record("GO", T0 + 3_000, true);
    await record("NO-GO", T0 + 4_000, false);
    expect(await owed()).toEqual(["-→GO", "GO→NO-GO"]);
  });
});
