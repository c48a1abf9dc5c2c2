import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { neverHeld, route, type HeldPredicate, type RouteEvent } from "@/lib/notifications/core/routing";
import { rulesFor, type ChannelTarget } from "./channels";

/** What a change owes: the channel keys to send to and those held back with the reason. */
export type DeliveryPlan = {
  send: readonly string[];
  held: readonly { key: string; reason: string }[];
  /** Per channel key sent to, the rule's reminder interval in minutes. */
  remind: Readonly<Record<string, number>>;
};

export function planFor(
  event: RouteEvent,
  config: StagingConfig,
  targets: readonly ChannelTarget[],
  held: HeldPredicate = neverHeld,
): DeliveryPlan {
  const r = route(event, rulesFor(config, targets), targets, held);
  const remind: Record<string, number> = {};
  for (const s of r.send) if (s.remindEveryMinutes !== null) remind[s.channel.key] = s.remindEveryMinutes;
  return {
    send: r.send.map((s) => s.channel.key),
    held: r.held.map((h) => ({ key: h.channel.key, reason: h.reason })),
    remind,
  };
}

/** Every channel, for a test of delivery where routing is not the point. */
export const sendToAll = (targets: readonly { key: string }[]): DeliveryPlan => ({
  send: targets.map((t) => t.key),
  held: [],
  remind: {},
});

/** The delivery rows a plan writes (the same columns in every kind's delivery table): held rows are never sent. */
export function deliveryRows(plan: DeliveryPlan, at: number) {
  const row = (webhook: string, status: "pending" | "held", reason: string | null) => ({
    webhook,
    status,
    attempts: 0,
    next_attempt_at: at,
    claimed_until: null,
    delivered_at: null,
    last_error: reason,
  });
  return [...plan.send.map((k) => row(k, "pending", null)), ...plan.held.map((h) => row(h.key, "held", h.reason))];
}
