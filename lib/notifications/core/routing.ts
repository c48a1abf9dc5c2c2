import {
  EVENT_KINDS,
  type ChannelKind,
  type EventKind,
  type RuleConfig,
  type Severity,
} from "@/lib/config/core/notifications-schema";

/** What routing needs of a channel (a configured channel, or a resolved one with its secrets). */
export type RoutableChannel = { id: string; kind: ChannelKind; duringMaintenance: boolean };

/**
 * Which channels an alert goes to: a pure function of the alert, the rules and the channels,
 * decided once when a change is recorded (the delivery rows it writes are the decision, so every
 * replica and every retry agrees). A channel can be held back — a maintenance window does that —
 * through the injected `held` predicate; a held channel is recorded with the reason, never sent.
 */

export type RouteEvent = {
  event: EventKind;
  severity: Severity;
  /** The thing is back to good (overview healthy, probe up, readiness GO, SLO resolved). */
  recovery: boolean;
  /** What it is about, e.g. "probe:backend-health" (a maintenance scope matches on it). */
  subject: string;
};

/** A routed channel: its config and the rule's reminder interval, if any. */
export type Routed<C> = { channel: C; remindEveryMinutes: number | null };
export type HeldChannel<C> = { channel: C; reason: string };
export type Route<C> = { send: Routed<C>[]; held: HeldChannel<C>[] };

/** Why this alert must not go to this channel now (e.g. "maintenance: connector migration until 14:00 UTC"), or null. */
export type HeldPredicate = (event: RouteEvent, channel: RoutableChannel) => string | null;
export const neverHeld: HeldPredicate = () => null;

/** Paging channels wake someone: they get page alerts; every other channel gets everything. */
export function defaultRules(channels: readonly RoutableChannel[]): RuleConfig[] {
  const paging = channels.filter((c) => c.kind === "pagerduty").map((c) => c.id);
  const other = channels.filter((c) => c.kind !== "pagerduty").map((c) => c.id);
  const rules: RuleConfig[] = [];
  if (paging.length)
    rules.push({ events: [...EVENT_KINDS], severities: ["page"], channels: paging, sendOnResolved: true });
  if (other.length)
    rules.push({
      events: [...EVENT_KINDS],
      severities: ["page", "ticket", "info"],
      channels: other,
      sendOnResolved: true,
    });
  return rules;
}

export function route<C extends RoutableChannel>(
  event: RouteEvent,
  rules: readonly RuleConfig[] | undefined,
  channels: readonly C[],
  held: HeldPredicate = neverHeld,
): Route<C> {
  const chosen = new Map<string, number | null>();
  for (const rule of rules ?? defaultRules(channels)) {
    if (!rule.events.includes(event.event) || !rule.severities.includes(event.severity)) continue;
    if (event.recovery && !rule.sendOnResolved) continue;
    for (const id of rule.channels) {
      const every = rule.remindEveryMinutes ?? null;
      const before = chosen.get(id);
      // Two rules naming one channel: the more frequent reminder wins.
      chosen.set(id, before === undefined ? every : minReminder(before, every));
    }
  }
  const out: Route<C> = { send: [], held: [] };
  // Channel order, not rule order: the same alert always lists its channels the same way.
  for (const channel of channels) {
    if (!chosen.has(channel.id)) continue;
    const reason = held(event, channel);
    if (reason !== null) out.held.push({ channel, reason });
    else out.send.push({ channel, remindEveryMinutes: chosen.get(channel.id) ?? null });
  }
  return out;
}

const minReminder = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

const RANK: Readonly<Record<Severity, number>> = { info: 0, ticket: 1, page: 2 };

/** The graver of two severities: a recovery goes where the alert it ends went. */
export const graver = (a: Severity, b: Severity): Severity => (RANK[a] >= RANK[b] ? a : b);

/**
 * How grave a state is, per kind of event. A golden-path probe or the whole staging verdict
 * down (or a probe's target missing: refused, NXDOMAIN) pages; anything else not good —
 * degraded, unknown, flapping, a state this code does not know — is a ticket: never info, so
 * nothing unrecognised passes as fine. Readiness NO-GO is a ticket (a demo hours ahead, not an
 * outage) and CAUTION info.
 */
export function stateSeverity(event: EventKind, state: string | null): Severity {
  if (state === null || isGood(state)) return "info";
  switch (event) {
    case "overview":
    case "probe":
      return state === "down" || state === "missing" ? "page" : "ticket";
    case "readiness":
      return state === "CAUTION" ? "info" : "ticket";
    case "change":
      // A change to staging is news, not an outage: info whatever its outcome, so it never pages.
      return "info";
    default:
      return "ticket";
  }
}

const GOOD = new Set(["healthy", "up", "GO", "resolved", "passed"]);
export const isGood = (state: string): boolean => GOOD.has(state);

/**
 * The event kind of a ledger subject: "overview", "probe:<name>", "rehearsal:<probe>",
 * "change:<type>:<name>:<id>" (readiness and SLO alerts keep ledgers of their own).
 */
export function subjectEvent(subject: string): EventKind {
  if (subject === "overview") return "overview";
  if (subject.startsWith("rehearsal:")) return "rehearsal";
  if (subject.startsWith("change:")) return "change";
  return "probe";
}

/** The routing view of a state change: severity of the graver end, recovery when it ends good. */
export function changeRouteEvent(event: EventKind, subject: string, from: string | null, to: string): RouteEvent {
  return {
    event,
    subject,
    severity: graver(stateSeverity(event, from), stateSeverity(event, to)),
    recovery: from !== null && isGood(to) && !isGood(from),
  };
}
