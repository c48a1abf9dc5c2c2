import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { StoreDb } from "@/lib/store/db";
import { rulesFor, type ChannelTarget } from "./channels";
import type { LedgerKind } from "./ledger-rows";
import type { NotificationsView } from "./view-shapes";

/**
 * What the Notifications page and GET /api/notifications show admins: the channels (never a
 * secret: no URL, no key, no password), the rules in force and the latest deliveries of every
 * kind with their status and the receiver's answer.
 */

const destination = (t: ChannelTarget): string | null =>
  t.kind === "email" ? t.to.join(", ") : t.kind === "pagerduty" ? new URL(t.url).host : null;

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export async function notificationsView(
  db: StoreDb,
  config: StagingConfig,
  targets: readonly ChannelTarget[],
  limit = 50,
): Promise<NotificationsView> {
  const nameOf = new Map(targets.map((t) => [t.key, t.id]));
  const cols = ["webhook", "status", "attempts", "delivered_at", "answer", "last_error", "next_attempt_at"] as const;
  // Each kind keeps its own order and limit, as when it had its own table (the merge changes no answer).
  const of = (kind: LedgerKind) =>
    db
      .selectFrom("ledger_delivery")
      .select([...cols, "change_id", "seq"])
      .where("kind", "=", kind)
      .limit(limit);
  const [n, r, s] = await Promise.all([
    of("notification").orderBy("at", "desc").execute(),
    of("readiness").orderBy("seq", "desc").execute(),
    of("slo").orderBy("next_attempt_at", "desc").execute(),
  ]);
  const rows = [
    ...n.map((x) => ({ source: "notification" as const, change: x.change_id, x })),
    ...r.map((x) => ({ source: "readiness" as const, change: `readiness-change-${x.seq}`, x })),
    ...s.map((x) => ({ source: "slo" as const, change: `slo-alert-${x.change_id}`, x })),
  ]
    .sort((a, b) => Number(b.x.next_attempt_at) - Number(a.x.next_attempt_at))
    .slice(0, limit);
  return {
    channels: targets.map((t) => ({
      id: t.id,
      name: t.name ?? null,
      kind: t.kind,
      destination: destination(t),
      timeoutMs: t.timeoutMs,
      maxAttempts: t.maxAttempts,
      duringMaintenance: t.duringMaintenance,
      legacy: t.legacy,
    })),
    rules: rulesFor(config, targets).map((rule) => ({
      events: [...rule.events],
      severities: [...rule.severities],
      channels: [...rule.channels],
      sendOnResolved: rule.sendOnResolved,
      remindEveryMinutes: rule.remindEveryMinutes ?? null,
    })),
    defaultRules: config.notifications.rules === undefined,
    deliveries: rows.map(({ source, change, x }) => ({
      source,
      change,
      channel: nameOf.get(x.webhook) ?? x.webhook,
      status: x.status,
      attempts: Number(x.attempts),
      deliveredAt: iso(x.delivered_at),
      answer: x.answer,
      error: x.last_error,
    })),
  };
}
