import { ruleSchema } from "@/lib/config/core/notifications-schema";
import { describe, expect, it } from "vitest";
import type { ProbeEvidence } from "@/lib/probes/core/evidence";
import { probeEvidence } from "@/lib/metrics/core/testing";
import { ledgerStore, fileReceiver, STORES } from "@/lib/readiness/testing";
import { channelTargets } from "./channels";
import { deliverNotifications } from "./delivery";
import { reminderHeld } from "./current";
import { recordReminders } from "./reminders";
import { channelSend } from "./send";
import { recordProbe, configWithChannels, holdAt } from "./testing";

const T0 = Date.UTC(2026, 0, 5, 12);
const MIN = 60_000;
const send = channelSend(undefined);
const receiver = fileReceiver();

const probe = (status: "up" | "down"): ProbeEvidence =>
  probeEvidence("backend-health", status, { lastError: status === "down" ? "HTTP 503" : null });

describe.each(STORES)("reminders while a golden-path probe stays down ($name)", ({ open, unavailable }) => {
  const ledger = ledgerStore({ open, unavailable }, "rem-");
  const setUp = () => {
    const config = configWithChannels({
      channels: [
        { id: "chat", kind: "googlechat", urlEnv: "NOTIFY_CHAT" },
        { id: "hooks", kind: "json", urlEnv: "NOTIFY_JSON" },
      ],
      rules: [{ channels: ["chat"], remindEveryMinutes: 15 }, { channels: ["hooks"] }],
    });
    return {
      config,
      targets: channelTargets(config, {
        NOTIFY_CHAT: receiver.url(ledger.paths.slack),
        NOTIFY_JSON: receiver.url(ledger.paths.json),
      }),
    };
  };
  const record = (env: ReturnType<typeof setUp>, p: ProbeEvidence, at: number) =>
    recordProbe(ledger.store.db, env, p, at);

  it.skipIf(unavailable)(
    "each reminder is recorded once by concurrent watchers, says how long, and stops at recovery",
    async () => {
      const env = setUp();
      await record(env, probe("up"), T0 - MIN);
      await record(env, probe("down"), T0);
      expect(await recordReminders(ledger.store.db, T0 + 14 * MIN)).toBe(0);
      // Three replicas' watchers (and a second look from one of them) at the same moment.
      const at15 = await Promise.all(
        Array.from({ length: 4 }, () => recordReminders(ledger.store.db, T0 + 15 * MIN + 1)),
      );
      expect(at15.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await recordReminders(ledger.store.db, T0 + 20 * MIN)).toBe(0);
      expect(await recordReminders(ledger.store.db, T0 + 31 * MIN)).toBe(1);
      await record(env, probe("up"), T0 + 32 * MIN);
      expect(await recordReminders(ledger.store.db, T0 + 60 * MIN)).toBe(0);

      await deliverNotifications(ledger.store.db, env.targets, { send });
      const chat = receiver.accepted(ledger.paths.slack).map((r) => JSON.parse(r.body) as { text: string });
      expect(chat.map((c) => c.text)).toEqual([
        "Golden-path probe backend-health: up",
        "Golden-path probe backend-health: down (was up)",
        "Reminder: Golden-path probe backend-health: down (was up)",
        "Reminder: Golden-path probe backend-health: down (was up)",
        "Golden-path probe backend-health: up (was down)",
      ]);
      const bodies = receiver.accepted(ledger.paths.slack).map((r) => r.body);
      expect(bodies[2]).toContain("Still down after 15 minutes");
      expect(bodies[3]).toContain("Still down after 30 minutes");
      expect(receiver.accepted(ledger.paths.slack).map((r) => r.headers["x-stagewatch-delivery"])).toEqual([
        "probe:backend-health#1",
        "probe:backend-health#2",
        "probe:backend-health#2~r1~chat",
        "probe:backend-health#2~r2~chat",
        "probe:backend-health#3",
      ]);
      // The JSON channel's rule asks for no reminders.
      expect(receiver.accepted(ledger.paths.json)).toHaveLength(3);
    },
  );

  it.skipIf(unavailable)("in a maintenance window a held channel is not reminded; after it, it is", async () => {
    const env = setUp();
    await record(env, probe("up"), T0 - MIN);
    await record(env, probe("down"), T0);
    const at = T0 + 15 * MIN + 1;
    expect(await recordReminders(ledger.store.db, at, reminderHeld(holdAt(true, at), env.targets))).toBe(0);
    expect(await recordReminders(ledger.store.db, at, reminderHeld(holdAt(false, at), env.targets))).toBe(1);
  });
});

describe("how often a rule may remind", () => {
  it.each([
    [1, true],
    [60, true],
    [0, false],
    [0.5, false],
    [-5, false],
    [7 * 24 * 60 + 1, false],
  ])("every %s minutes: accepted %s", (minutes, ok) => {
    const parsed = ruleSchema.safeParse({ channels: ["chat"], remindEveryMinutes: minutes });
    expect(parsed.success).toBe(ok);
    if (!parsed.success) expect(parsed.error.issues[0]?.path).toEqual(["remindEveryMinutes"]);
  });
});
