import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProbeEvidence } from "@/lib/probes/core/evidence";
import { probeEvidence } from "@/lib/metrics/core/testing";
import { createWindow, endWindow } from "@/lib/maintenance/store";
import { maintenanceHoldIn } from "@/lib/maintenance/windows";
import { STORES, startReceiver, type Receiver } from "@/lib/readiness/testing";
import type { Store } from "@/lib/store/db";
import { channelTargets } from "./channels";
import { currentPlan } from "./current";
import { deliverNotifications } from "./delivery";
import { probeEvent, probeState, probeSubject, routeEventOf } from "./events";
import { recordState } from "./ledger";
import { channelSend } from "./send";
import { configWithChannels } from "./testing";

/**
 * Maintenance through the channels' routing, end to end on loopback: a window made in the store
 * holds the golden-path probe's change for the channel without `duringMaintenance` while the
 * one with it is told; when the window ends, the held channel hears the current state once —
 * with three replicas recording at the same moment — and the other hears nothing twice.
 */

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr";
const MIN = 60_000;
// In the past: deliveries are due at once.
const T0 = Date.UTC(2026, 0, 5, 12);
const send = channelSend(SECRET);
const engineer = { name: "eng@example.com", role: "engineer" as const };

const probe = (status: "up" | "down"): ProbeEvidence =>
  probeEvidence("backend-health", status, { lastError: status === "down" ? "connect ECONNREFUSED" : null });

describe.each(STORES)("maintenance and channels ($name)", ({ open, unavailable }) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let receiver: Receiver;
  let n = 0;
  let paths: { hook: string; ops: string };
  beforeAll(async () => {
    receiver = await startReceiver();
    if (unavailable) return;
    ({ store, cleanup } = await open());
  });
  afterAll(async () => {
    await Promise.all([receiver.close(), cleanup?.()]);
  });
  beforeEach(async () => {
    n++;
    paths = { hook: `/m${n}-hook`, ops: `/m${n}-ops` };
    if (unavailable) return;
    for (const t of ["ledger_delivery", "ledger_change", "ledger_state", "maintenance_window"] as const)
      await store.db.deleteFrom(t).execute();
  });

  function setUp() {
    const config = configWithChannels({
      channels: [
        { id: "hook", kind: "json", urlEnv: "NOTIFY_HOOK" },
        { id: "ops", kind: "json", urlEnv: "NOTIFY_OPS", duringMaintenance: true },
      ],
    });
    const targets = channelTargets(config, {
      NOTIFY_HOOK: receiver.url(paths.hook),
      NOTIFY_OPS: receiver.url(paths.ops),
    });
    return { config, targets };
  }

  /** One replica's look at the probe at `at`: the hold read from the store's windows, as the watcher does. */
  async function look(env: ReturnType<typeof setUp>, p: ProbeEvidence, at: number) {
    const subject = probeSubject(p.name);
    const to = probeState(p);
    const hold = await maintenanceHoldIn(store.db, env.config, at);
    return recordState(store.db, {
      subject,
      state: to,
      checkedAt: at,
      plan: (from, audience) =>
        currentPlan(
          routeEventOf({ event: "probe.changed", subject, from, to }),
          env.config,
          env.targets,
          hold,
          audience,
        ),
      payload: (id, from) => probeEvent(id, from, p, at, null),
      held: hold.windowOf(subject) !== null,
    });
  }

  const told = (path: string) =>
    receiver.accepted(path).map((r) => {
      const body = JSON.parse(r.body) as { from: string | null; to: string };
      return `${body.from ?? "-"}→${body.to}`;
    });

  it.skipIf(unavailable)(
    "only the duringMaintenance channel is told in the window; afterwards the held one hears the current state once",
    async () => {
      const env = setUp();
      await look(env, probe("up"), T0);
      await deliverNotifications(store.db, env.targets, { send });
      expect(told(paths.hook)).toEqual(["-→up"]);
      expect(told(paths.ops)).toEqual(["-→up"]);

      const w = await createWindow(
        store.db,
        { scope: "probe:backend-health", reason: "Connector migration", startsAt: T0 + MIN, durationMs: 60 * MIN },
        engineer,
        T0 + MIN,
      );
      // In the window: the probe goes down and stays down.
      expect(await look(env, probe("down"), T0 + 2 * MIN)).not.toBeNull();
      expect(await look(env, probe("down"), T0 + 3 * MIN)).toBeNull();
      await deliverNotifications(store.db, env.targets, { send });
      expect(told(paths.hook)).toEqual(["-→up"]);
      expect(told(paths.ops)).toEqual(["-→up", "up→down"]);
      const held = await store.db
        .selectFrom("ledger_delivery")
        .select(["webhook", "last_error"])
        .where("status", "=", "held")
        .execute();
      expect(held).toEqual([{ webhook: "channel:hook", last_error: expect.stringContaining("Connector migration") }]);

      // The page's change feed shows the change made in the window, once (the catch-up below is no change).
      const feed = () =>
        store.db
          .selectFrom("change_feed")
          .select(["subject", "from_state", "to_state"])
          .where("subject", "=", "probe:backend-health")
          .orderBy("pos")
          .execute();
      expect(await feed()).toEqual([
        { subject: "probe:backend-health", from_state: null, to_state: "up" },
        { subject: "probe:backend-health", from_state: "up", to_state: "down" },
      ]);

      // The window is ended early; three replicas look at once, the probe still down.
      expect((await endWindow(store.db, w.id, engineer, T0 + 4 * MIN)).ok).toBe(true);
      const after = await Promise.all([1, 2, 3].map(() => look(env, probe("down"), T0 + 5 * MIN)));
      expect(after.filter((id) => id !== null)).toHaveLength(1);
      await Promise.all([
        deliverNotifications(store.db, env.targets, { send }),
        deliverNotifications(store.db, env.targets, { send }),
      ]);
      expect(told(paths.hook)).toEqual(["-→up", "up→down"]);
      expect(told(paths.ops)).toEqual(["-→up", "up→down"]);

      expect(await feed()).toHaveLength(2);

      // Nothing more to say on later looks.
      expect(await look(env, probe("down"), T0 + 6 * MIN)).toBeNull();
      await deliverNotifications(store.db, env.targets, { send });
      expect(receiver.accepted(paths.hook)).toHaveLength(2);
      expect(receiver.accepted(paths.ops)).toHaveLength(2);
    },
    60_000,
  );
});
