import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { STORES, emptyLedger } from "@/lib/readiness/testing";
import type { Store } from "@/lib/store/db";
import { currentPlan } from "./current";
import { routeEventOf } from "./events";
import { recordState } from "./ledger";
import { holdAt, maintenanceChannels, owedChanges } from "./testing";

/**
 * Held in maintenance: a change is recorded, routing holds the channel (a held row, never sent); after the window one message
 * with the current state goes out when it differs from what people last heard — once, also
 * with several evaluators (replicas) at the same store.
 */

const T0 = Date.parse("2026-12-07T10:00:00Z");
const SUBJECT = "probe:backend-health";

describe.each(STORES)("held notifications ($name)", ({ open, unavailable }) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (unavailable) return;
    ({ store, cleanup } = await open());
  });
  afterAll(async () => {
    await cleanup?.();
  });
  beforeEach(async () => {
    if (unavailable) return;
    await emptyLedger(store.db);
  });

  const { config, targets } = maintenanceChannels();
  const record = (state: string, at: number, held: boolean) =>
    recordState(store.db, {
      subject: SUBJECT,
      state,
      checkedAt: at,
      plan: (from, audience) =>
        currentPlan(
          routeEventOf({ event: "probe.changed", subject: SUBJECT, from, to: state }),
          config,
          targets,
          holdAt(held, at),
          audience,
        ),
      payload: (id, from) => ({
        event: "probe.changed",
        id,
        subject: SUBJECT,
        from,
        to: state,
        changedAt: new Date(at).toISOString(),
        reasons: [],
        likelyCause: null,
        url: null,
      }),
      held,
    });
  const sent = async () =>
    (await owedChanges(store.db, "notification")).map((r) => ({
      to: r.to,
      from: (r.payload as { from: string | null }).from,
    }));

  it.skipIf(unavailable)("a failure that outlives the window is announced once when it ends", async () => {
    expect(await record("up", T0, false)).not.toBeNull();
    expect(await sent()).toEqual([{ to: "up", from: null }]);
    // In the window: down, recorded, nothing sent; still down on the next looks.
    expect(await record("down", T0 + 10_000, true)).toBe(`${SUBJECT}#2`);
    expect(await record("down", T0 + 20_000, true)).toBeNull();
    expect(await sent()).toEqual([{ to: "up", from: null }]);
    // Routing recorded the channel as held, with the window's reason.
    const held = await store.db.selectFrom("ledger_delivery").selectAll().where("status", "=", "held").execute();
    expect(held.map((r) => [r.webhook, r.last_error])).toEqual([
      ["channel:hook", expect.stringContaining("maintenance: connector migration")],
    ]);
    // The window ends with the probe still down: three replicas look at once, one message goes out.
    const after = await Promise.all([1, 2, 3].map(() => record("down", T0 + 30_000, false)));
    expect(after.filter((x) => x !== null)).toHaveLength(1);
    expect(await sent()).toEqual([
      { to: "up", from: null },
      { to: "down", from: "up" },
    ]);
    expect(await record("down", T0 + 40_000, false)).toBeNull();
    expect(await sent()).toHaveLength(2);
  });

  it.skipIf(unavailable)("a problem that ends within the window is never announced", async () => {
    await record("up", T0, false);
    await record("down", T0 + 10_000, true);
    await record("up", T0 + 20_000, true);
    expect(await record("up", T0 + 30_000, false)).toBeNull();
    await record("up", T0 + 40_000, false);
    expect(await sent()).toEqual([{ to: "up", from: null }]);
  });

  it.skipIf(unavailable)("a state first seen in maintenance is announced after it", async () => {
    await record("down", T0, true);
    expect(await sent()).toEqual([]);
    await record("down", T0 + 10_000, false);
    expect(await sent()).toEqual([{ to: "down", from: null }]);
  });

  it.skipIf(unavailable)("outside maintenance every change is sent as before", async () => {
    await record("up", T0, false);
    await record("down", T0 + 10_000, false);
    await record("up", T0 + 20_000, false);
    expect((await sent()).map((s) => s.to)).toEqual(["up", "down", "up"]);
  });
});
