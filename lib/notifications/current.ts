import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { MaintenanceHold } from "@/lib/maintenance/core/held";
import { changeRouteEvent, subjectEvent, type RouteEvent } from "@/lib/notifications/core/routing";
import type { Audience } from "./audience";
import type { ReminderHeld } from "./reminders";
import { channelTargets, type ChannelTarget } from "./channels";
import { planFor, type DeliveryPlan } from "./plan";
import { deliveryKicker, type DeliveryKicker, type DeliveryRun, type Lane } from "./outbox";
import { webhookSecret } from "./secret";
import { channelSend, type Send } from "./send";
import { deliverFromStore, type DefaultSendOptions, type StoreOutbox } from "./store-outbox";
import type { StoreDb } from "@/lib/store/db";

/** The NOTIFY_* secrets, or none (tests that deliver without a full environment). */
function notifySecrets(): Record<string, string> {
  try {
    return getEnv().notifySecrets;
  } catch {
    return {};
  }
}

/** The channels of the config in force, secrets resolved. */
export function currentChannels(config: StagingConfig = getStagingConfig()): ChannelTarget[] {
  return channelTargets(config, notifySecrets());
}

/** How this process sends: every kind, JSON and Slack signed with STAGEWATCH_WEBHOOK_SECRET. */
export const currentSend = (): Send => channelSend(webhookSecret());

/** Sends what one kind's rows owe, the way this process sends unless the caller brings its own `send`. */
export function deliverWithCurrentSend(
  db: StoreDb,
  outbox: StoreOutbox,
  targets: readonly ChannelTarget[],
  opts: DefaultSendOptions = {},
): Promise<DeliveryRun> {
  return deliverFromStore(db, outbox, targets, { ...opts, send: opts.send ?? currentSend() });
}

/** A kicker with one lane per configured channel (./outbox.ts), reading the channels afresh on each kick. */
export function channelKicker(
  label: string,
  deliver: (targets: ChannelTarget[], lane: Lane) => Promise<DeliveryRun>,
): DeliveryKicker {
  return deliveryKicker(
    label,
    () => currentChannels().map((t) => t.key),
    (lane) => deliver(currentChannels(), lane),
  );
}

/**
 * Where a change goes now. The one place a `held` predicate is passed to routing: the
 * maintenance windows' (lib/maintenance/core/held.ts, decision 0025), so a channel without
 * `duringMaintenance` gets a held row for an event in a window. `audience` narrows the plan after
 * a window to the channels still owed the state (./audience.ts).
 */
export function currentPlan(
  event: RouteEvent,
  config: StagingConfig,
  channels: readonly ChannelTarget[],
  hold: MaintenanceHold,
  audience: Audience = "everyone",
): DeliveryPlan {
  const plan = planFor(event, config, channels, hold.held);
  if (audience === "everyone") return plan;
  const during = new Set(channels.filter((c) => c.duringMaintenance).map((c) => c.key));
  const keep = (key: string) => (audience === "maintenance-channels" ? during.has(key) : !during.has(key));
  return { send: plan.send.filter(keep), held: plan.held.filter((h) => keep(h.key)), remind: plan.remind };
}

/** Reminders in a window: held for the channels the window holds (the same predicate as a change). */
export function reminderHeld(hold: MaintenanceHold, channels: readonly ChannelTarget[]): ReminderHeld {
  return (subject, key) => {
    const channel = channels.find((c) => c.key === key);
    const event = changeRouteEvent(subjectEvent(subject), subject, null, "down");
    return channel !== undefined && hold.held(event, channel) !== null;
  };
}
