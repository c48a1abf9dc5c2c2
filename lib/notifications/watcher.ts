import "server-only";
import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { Verdict } from "@/lib/metrics/core/overview-verdict";
import { metricsContext } from "@/lib/gcp/read-context";
import { overview } from "@/lib/metrics/overview";
import { getReader } from "@/lib/gcp/reader";
import { probeEvidence } from "@/lib/probes/view/golden-path";
import { stateRows } from "@/lib/probes/store/queries";
import { holdingToo } from "@/lib/maintenance/core/held";
import { maintenanceHoldAt } from "@/lib/maintenance/windows";
import { getStore } from "@/lib/store/db";
import { parseTimeRange } from "@/lib/core/time-range";
import { deliverNotifications } from "./delivery";
import { channelKicker, currentChannels, currentPlan, currentSend, reminderHeld } from "./current";
import type { DeliveryKicker } from "@/lib/notifications/outbox";
import { OVERVIEW_SUBJECT, overviewEvent, probeEvent, probeState, probeSubject, routeEventOf } from "./events";
import { recordState } from "./ledger";
import { recordReminders } from "./reminders";
import { recordChanges, recordRehearsals, type ProducerContext } from "./producers";
import { briefOf } from "@/lib/rehearsal/briefs";
import { recentRuns } from "@/lib/rehearsal/evidence";
import type { RehearsalBrief } from "@/lib/rehearsal/core/brief";
import { processSingleton } from "@/lib/base/singleton";

/**
 * Watches the Overview verdict (over the last hour, as the page shows it by default) and the
 * golden-path probes, and records each change once in the ledger, then delivers. Probe states
 * are already flap-controlled; the verdict gets its own: a new verdict must be seen on two
 * ticks in a row before it is announced, so a single odd read does not page anyone.
 */

export const TICK_MS = 10_000;
/**
 * Golden-path probe states are looked at more often: one indexed read of their state rows,
 * and a probe that went down reaches open pages through the change feed (decision 0027) this
 * much after it was stored, instead of up to a verdict tick later.
 */
export const PROBE_TICK_MS = 2_000;
/** Right after start the probes have no results yet: nothing is recorded until they had a round. */
export const WARM_UP_MS = 30_000;
const CONFIRMATIONS = 2;

type Holder = {
  timer?: NodeJS.Timeout;
  probeTimer?: NodeJS.Timeout;
  pending?: { status: string; seen: number };
  kicker?: DeliveryKicker;
  /** What is being looked at now (each look never overlaps itself). */
  busy?: Set<string>;
  reminding?: boolean;
  /** The last failure logged per look, so an outage is one line, not one every tick. */
  lastFailure?: Map<string, string>;
};
const state = (): Holder => processSingleton<Holder>("notifications", () => ({}));

async function currentVerdict(now: number): Promise<Verdict> {
  const parsed = parseTimeRange(new URLSearchParams("range=1h"), new Date(now));
  if (!parsed.ok) throw parsed.error;
  try {
    return (await overview(metricsContext(getReader(), getStagingConfig(), parsed.range, now))).verdict;
  } catch (err) {
    // The page shows an error card saying unknown; the notification says the same.
    const reason = `The figures could not be read: ${err instanceof Error ? err.message : String(err)}`;
    return {
      status: "unknown",
      reason,
      reasons: [reason],
      likelyCause: null,
      measuredAt: null,
      staleAfter: null,
      maintenance: null,
    };
  }
}

/** One look at the golden-path probes; returns how many changes it recorded. */
export async function watchProbes(now: number): Promise<number> {
  const config = getStagingConfig();
  const db = (await getStore()).db;
  const channels = currentChannels(config);
  const baseUrl = getEnv().NEXTAUTH_URL ?? null;
  let recorded = 0;
  const golden = config.probes.filter((p) => p.goldenPath);
  const evidence = probeEvidence(
    golden,
    await stateRows(
      db,
      golden.map((p) => p.name),
    ),
    now,
  );
  const hold = await maintenanceHoldAt(now, config);
  for (const p of evidence) {
    const subject = probeSubject(p.name);
    const to = probeState(p);
    const id = await recordState(db, {
      subject,
      state: to,
      checkedAt: now,
      plan: (from, audience) =>
        currentPlan(routeEventOf({ event: "probe.changed", subject, from, to }), config, channels, hold, audience),
      payload: (cid, from) => probeEvent(cid, from, p, now, baseUrl),
      held: hold.windowOf(subject) !== null,
    });
    if (id) recorded++;
  }
  return recorded;
}

async function producerContext(now: number): Promise<ProducerContext> {
  const config = getStagingConfig();
  return {
    db: (await getStore()).db,
    config,
    channels: currentChannels(config),
    hold: await maintenanceHoldAt(now, config),
    baseUrl: getEnv().NEXTAUTH_URL ?? null,
    now,
  };
}

/** One look at the demo rehearsals (browser probes): their state, in the latest run's words. */
export async function watchRehearsals(now: number): Promise<number> {
  const ctx = await producerContext(now);
  const browsers = ctx.config.probes.filter((p) => p.type === "browser");
  if (!browsers.length) return 0;
  const states = await stateRows(
    ctx.db,
    browsers.map((p) => p.name),
  );
  const briefs = new Map<string, RehearsalBrief>();
  for (const p of browsers) {
    const [run] = await recentRuns(ctx.db, p.name, 1);
    if (run) briefs.set(p.name, briefOf(run, ctx.config));
  }
  const recorded = await recordRehearsals(ctx, probeEvidence(browsers, states, now), briefs);
  recovered("demo rehearsals");
  return recorded;
}

/**
 * One look at the changes of the last hour in the audit log (the read the Overview and the
 * Changes page share, cached). The look-back before the hour is left out: a fresh start does
 * not announce two days of history. An unreadable audit log announces nothing (no guess).
 */
export async function watchChanges(now: number): Promise<number> {
  const parsed = parseTimeRange(new URLSearchParams("range=1h"), new Date(now));
  if (!parsed.ok) throw parsed.error;
  const ctx = await producerContext(now);
  const metrics = metricsContext(getReader(), ctx.config, parsed.range, now);
  const read = await metrics.reader.changes(metrics.interval, metrics.live);
  const inHour = read.value.changes.filter((c) => Date.parse(c.startedAt) >= metrics.interval.startMs);
  const recorded = await recordChanges(ctx, inHour);
  recovered("changes from the audit log");
  return recorded;
}

/** One look at the Overview verdict; records it once it was seen on two looks in a row. */
export async function watchVerdict(now: number): Promise<number> {
  const s = state();
  const verdict = await currentVerdict(now);
  s.pending =
    s.pending?.status === verdict.status
      ? { status: verdict.status, seen: s.pending.seen + 1 }
      : { status: verdict.status, seen: 1 };
  if (s.pending.seen < CONFIRMATIONS) return 0;
  const config = getStagingConfig();
  const baseUrl = getEnv().NEXTAUTH_URL ?? null;
  // "maintenance" itself is what people planned: it is held like a change inside a window (a
  // probe's own window makes the Overview "maintenance" while all of staging is not in one).
  const windows = await maintenanceHoldAt(now, config);
  const hold =
    verdict.status === "maintenance" && verdict.maintenance
      ? holdingToo(windows, OVERVIEW_SUBJECT, verdict.maintenance)
      : windows;
  const id = await recordState((await getStore()).db, {
    subject: OVERVIEW_SUBJECT,
    state: verdict.status,
    checkedAt: now,
    plan: (from, audience) =>
      currentPlan(
        routeEventOf({ event: "overview.changed", subject: OVERVIEW_SUBJECT, from, to: verdict.status }),
        config,
        currentChannels(config),
        hold,
        audience,
      ),
    payload: (cid, from) => overviewEvent(cid, from, verdict, now, baseUrl),
    // A failure outside the window makes the verdict down/unknown/degraded and is announced as usual.
    held: hold.windowOf(OVERVIEW_SUBJECT) !== null,
  });
  return id ? 1 : 0;
}

/** Each thing watched: how to look at it once, and its name in a log line. */
const WATCHES = {
  probes: { look: watchProbes, name: "golden-path probes" },
  verdict: { look: watchVerdict, name: "Overview verdict" },
  rehearsals: { look: watchRehearsals, name: "demo rehearsals" },
  changes: { look: watchChanges, name: "changes from the audit log" },
} as const;

/**
 * Each thing is looked at on its own, never overlapping itself: with Google unreachable a
 * verdict (or changes) read can take a minute, and a golden-path probe going down must be
 * recorded and sent on the next tick, not after that read.
 */
function lookAt(what: keyof typeof WATCHES, now: number): Promise<void> {
  const s = state();
  s.busy ??= new Set();
  const busy = s.busy;
  if (busy.has(what)) return Promise.resolve();
  busy.add(what);
  return WATCHES[what]
    .look(now)
    .catch(logged(WATCHES[what].name))
    .then((recorded) => {
      if (recorded > 0) kickNotifications();
    })
    .finally(() => {
      busy.delete(what);
    });
}

/** Records the reminders that are due (./reminders.ts) and sends them. */
function remind(now: number): Promise<void> {
  const s = state();
  if (s.reminding) return Promise.resolve();
  s.reminding = true;
  return getStore()
    .then(async (store) => {
      const config = getStagingConfig();
      const hold = await maintenanceHoldAt(now, config);
      return recordReminders(store.db, now, reminderHeld(hold, currentChannels(config)));
    })
    .catch(logged("reminders"))
    .then((recorded) => {
      if (recorded > 0) kickNotifications();
    })
    .finally(() => {
      s.reminding = false;
    });
}

const logged = (what: string) => (err: unknown) => {
  const s = state();
  s.lastFailure ??= new Map();
  const message = err instanceof Error ? err.message : String(err);
  if (s.lastFailure.get(what) !== message) console.error(`Notification watch (${what}) failed`, err);
  s.lastFailure.set(what, message);
  return 0;
};

/** A look that succeeded: its next failure is logged again. */
const recovered = (what: string) => state().lastFailure?.delete(what);

/** Sends whatever the ledger owes; serialised, and re-armed for the next retry. */
export function kickNotifications(): void {
  const s = state();
  s.kicker ??= channelKicker("Notification", async (targets, lane) =>
    deliverNotifications((await getStore()).db, targets, { send: currentSend(), lane }),
  );
  s.kicker.kick();
}

/** Starts the watcher once per process (idempotent across module copies). */
export function startNotificationWatcher(): void {
  const s = state();
  if (s.timer) return;
  const warm = () => process.uptime() * 1000 >= WARM_UP_MS;
  const tick = () => {
    if (!warm()) return;
    const now = Date.now();
    void lookAt("verdict", now);
    void lookAt("rehearsals", now);
    void lookAt("changes", now);
    void remind(now);
    // Also kicked with nothing new: it retries what an earlier delivery could not send.
    kickNotifications();
  };
  s.timer = setInterval(tick, TICK_MS);
  s.timer.unref();
  s.probeTimer = setInterval(() => {
    if (warm()) void lookAt("probes", Date.now());
  }, PROBE_TICK_MS);
  s.probeTimer.unref();
}

/** For the leader's step-down: this replica stops watching and delivering. */
export function stopNotificationWatcher(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  if (s.probeTimer) clearInterval(s.probeTimer);
  s.timer = undefined;
  s.probeTimer = undefined;
  s.kicker?.stop();
}
