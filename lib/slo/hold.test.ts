import { describe, expect, it } from "vitest";
import type { Condition } from "@/lib/config/core/slo/alerts";
import { STORES, suiteStore } from "@/lib/readiness/testing";
import { DEFAULT_ALERT_RULES } from "@/lib/config/core/slo/alerts";
import { currentPlan } from "@/lib/notifications/current";
import { holdAt, maintenanceChannels, owedChanges } from "@/lib/notifications/testing";
import { routeEventOf } from "./alert-event";
import { recordAlertStep } from "./ledger";

/** SLO alerts in maintenance: recorded, not sent; an alert still firing after the window is sent once. */

const T0 = Date.parse("2026-12-07T10:00:00.000Z");
const RULE = DEFAULT_ALERT_RULES.find((r) => r.id === "fast-burn") ?? DEFAULT_ALERT_RULES[0];
if (!RULE) throw new Error("no SLO alert rule");

describe.each(STORES)("held SLO alerts ($name)", ({ open, unavailable }) => {
  const store = suiteStore({ open, unavailable });

  const { config, targets } = maintenanceChannels();
  const step = (condition: Condition, at: number, held: boolean) =>
    recordAlertStep(store().db, {
      slo: "startup-backend",
      rule: "page-fast",
      condition,
      now: at,
      resolveHoldMs: 0,
      plan: (t, audience) =>
        currentPlan(routeEventOf("startup-backend", RULE, t.from, t.to), config, targets, holdAt(held, at), audience),
      payload: (t) => ({ from: t.from, to: t.to }),
      held,
    });
  const owed = async () => (await owedChanges(store().db, "slo")).map((r) => `${r.from ?? "-"}→${r.to}`);

  it.skipIf(unavailable)(
    "fires in the window unsent, then is sent once when the window ends still firing",
    async () => {
      await step("ok", T0, false);
      expect((await step("burning", T0 + 60_000, true)).transition?.to).toBe("firing");
      expect(await owed()).toEqual([]);
      const after = await Promise.all([1, 2, 3].map(() => step("burning", T0 + 120_000, false)));
      expect(after.filter((r) => r.transition !== null)).toHaveLength(1);
      expect(await owed()).toEqual(["resolved→firing"]);
      await step("burning", T0 + 180_000, false);
      expect(await owed()).toEqual(["resolved→firing"]);
      // Resolves inside a later window: the recovery is told once the window is over.
      await step("ok", T0 + 240_000, true);
      await step("ok", T0 + 300_000, false);
      expect(await owed()).toEqual(["resolved→firing", "firing→resolved"]);
    },
  );
});
