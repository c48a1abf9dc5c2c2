import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/emulator";
import { configWorld, FIXED_NOW, testClock } from "@/emulator/testing";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { QueryCache } from "@/lib/gcp/cache";
import { createGcpClients, type GcpClients } from "@/lib/gcp/clients";
import { lastCompleteWeek, previousWeek } from "@/lib/notifications/core/digest-week";
import { metricsContext } from "@/lib/gcp/read-context";
import { createReader, type Reader } from "@/lib/gcp/reader";
import { startups } from "@/lib/metrics/startups";
import { channelTargets } from "@/lib/notifications/channels";
import { deliverNotifications } from "@/lib/notifications/delivery";
import { OVERVIEW_SUBJECT, overviewEvent } from "@/lib/notifications/events";
import { recordState } from "@/lib/notifications/ledger";
import { sendToAll } from "@/lib/notifications/plan";
import { channelSend } from "@/lib/notifications/send";
import {
  headerLines,
  leadsMailChannel,
  startMailReceiver,
  configWithChannels,
  type MailReceiver,
} from "@/lib/notifications/testing";
import { recordVerdict } from "@/lib/readiness/ledger";
import { startReceiver, STORES, type OpenedStore, type Receiver } from "@/lib/readiness/testing";
import { evaluateSlos, type SloDeps } from "@/lib/slo/service";
import type { Store } from "@/lib/store/db";
import { context, seedIncident } from "@/lib/tracker/testing";
import { trackerView } from "@/lib/tracker/service";
import { currentPhases } from "@/lib/tracker/state";
import { composeDigest, incidentOf, type DigestDeps } from "./compose";
import { digestTick, sendDigest } from "./service";
import { blockingPhases } from "@/lib/tracker/core";

/**
 * The weekly digest end to end below HTTP: the real emulator over gRPC (the incident model and
 * two weeks of history), the real reader and cache, a real store (SQLite and PostgreSQL) seeded
 * with a week of recorded Overview and readiness changes, the real tracker, a loopback SMTP
 * server and a loopback Chat receiver. The digest's figures must be the SLO page's and the
 * Start-ups page's for the same week; two stores racing for one week send one message each.
 */

const H = 3_600_000;
const clock = testClock(FIXED_NOW);
const week = lastCompleteWeek(FIXED_NOW);
const before = previousWeek(week);
let emulator: RunningEmulator;
let clients: GcpClients;
let reader: Reader;
let smtp: MailReceiver;
let chat: Receiver;

beforeAll(async () => {
  // Two weeks and the 3-day SLO window before them.
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", now: clock.now, historyDays: 14 });
  const host = `127.0.0.1:${emulator.ports.grpc}`;
  clients = createGcpClients({ projectId: "netra-staging", monitoringEmulatorHost: host, loggingEmulatorHost: host });
  reader = createReader(clients, new QueryCache({ now: clock.now, errorTtlMs: 0 }));
  smtp = await startMailReceiver();
  chat = await startReceiver();
}, 120_000);

afterAll(async () => {
  await clients?.monitoring.close();
  await clients?.logging.close();
  await emulator?.close();
  await smtp?.close();
  await chat?.close();
});

function digestConfig(): StagingConfig {
  const raw = configWithChannels({
    channels: [{ id: "chat", kind: "googlechat", urlEnv: "NOTIFY_CHAT" }, leadsMailChannel(smtp)],
    digest: { channels: ["chat", "leads"] },
  });
  // A 3-day SLO keeps the emulator's history (and the test) short.
  return { ...raw, slo: { ...raw.slo, windowDays: 3 } };
}

/** The recorded changes plus a check of the state then current at every hour in [from, to], in time order. */
function hourlyChecks<S extends string>(
  changes: readonly (readonly [number, S])[],
  from: number,
  to: number,
): (readonly [number, S])[] {
  const times = new Set<number>(changes.map(([at]) => at));
  for (let t = from; t <= to; t += H) times.add(t);
  const out: (readonly [number, S])[] = [];
  for (const t of [...times].sort((a, b) => a - b)) {
    const current = changes.filter(([at]) => at <= t).at(-1);
    if (current) out.push([t, current[1]]);
  }
  return out;
}

describe.each(STORES)("weekly digest on a seeded week ($name)", ({ open, unavailable }) => {
  let opened: OpenedStore | undefined;
  let config: StagingConfig;
  let chatPath: string;
  const depsFor = (store: Store, incidentTitle?: string): DigestDeps => {
    const incident = incidentTitle ? { ...seedIncident(), title: incidentTitle } : seedIncident();
    const slo: SloDeps = { reader: () => reader, config: () => config, db: async () => store.db, baseUrl: () => null };
    return {
      reader: () => reader,
      config: () => config,
      db: async () => store.db,
      baseUrl: () => "https://stagewatch.example/",
      slo,
      incident: async (now) => {
        const ctx = context(store, incident);
        // Criteria read the emulator; probe evidence is absent here, so those criteria are unknown.
        const sources = {
          reader: () => reader,
          config: () => config,
          probes: async () => ({}),
          blockingPhases: async (at: number) => blockingPhases(await currentPhases(ctx, at)),
        };
        return incidentOf(await trackerView(ctx, now, { sources }));
      },
      channels: (c) => channelTargets(c, { NOTIFY_CHAT: chat.url(chatPath) }),
    };
  };

  beforeAll(async () => {
    if (unavailable) return;
    opened = await open();
    config = digestConfig();
    chatPath = `/chat-${Math.random().toString(36).slice(2)}`;
    const db = opened.store.db;
    // The seeded week: healthy from before it, down 10:00-13:00 on Monday, healthy again, checked until it ended.
    const seen = [
      [week.start - H, "healthy"],
      [week.start + 10 * H, "down"],
      [week.start + 13 * H, "healthy"],
      [week.end + H, "healthy"],
    ] as const;
    // The watcher checks every few seconds; one check an hour is what the digest's coverage needs.
    for (const [at, status] of hourlyChecks(seen, week.start - H, week.end + H)) {
      const v = {
        status,
        reason: status,
        reasons: [status],
        likelyCause: null,
        measuredAt: null,
        staleAfter: null,
        maintenance: null,
      };
      await recordState(db, {
        subject: OVERVIEW_SUBJECT,
        state: status,
        checkedAt: at,
        plan: () => sendToAll([]),
        payload: (id, from) => overviewEvent(id, from, v, at, null),
      });
    }
    // Readiness: nothing recorded until Thursday noon (unknown), then NO-GO, then GO from Saturday noon.
    const verdicts = [
      [week.start + 84 * H, "NO-GO"],
      [week.start + 132 * H, "GO"],
      [week.end + H, "GO"],
    ] as const;
    for (const [at, verdict] of hourlyChecks(verdicts, week.start + 84 * H, week.end + H)) {
      await recordVerdict(db, { verdict, checkedAt: at, plan: () => sendToAll([]), payload: () => ({}) });
    }
  }, 120_000);
  afterAll(async () => {
    await opened?.cleanup();
  });

  it.skipIf(unavailable)(
    "the digest's figures are the SLO page's and the Start-ups page's for the same weeks",
    async () => {
      if (!opened) throw new Error("no store");
      const deps = depsFor(opened.store);
      const model = await composeDigest(week, clock.now(), deps);
      const page = (await evaluateSlos(week.end, deps.slo)).response.slos;
      const pageBefore = (await evaluateSlos(before.end, deps.slo)).response.slos;
      expect(model.slos.unknown).toBeNull();
      expect(model.slos.items.map((s) => s.id)).toEqual(page.map((s) => s.id));
      for (const s of model.slos.items) {
        const p = page.find((x) => x.id === s.id);
        const b = pageBefore.find((x) => x.id === s.id);
        expect(s.budgetRemaining.week.value).toBe(p?.budget.remaining.stale ? null : p?.budget.remaining.value);
        expect(s.budgetRemaining.week.measuredAt).toBe(p?.budget.remaining.measuredAt);
        expect(s.budgetRemaining.previous.value).toBe(b?.budget.remaining.stale ? null : b?.budget.remaining.value);
        expect(s.attainment.week.value).toBe(p?.attainment.stale ? null : p?.attainment.value);
      }
      // The start-up SLO over all services was measured for the week (the comparison is not null = null).
      const all = model.slos.items.find((s) => s.id === "startup-all");
      expect(all?.budgetRemaining.week.value).not.toBeNull();
      const rate = await startups(
        metricsContext(
          reader,
          config,
          { preset: "custom", from: new Date(week.start), to: new Date(week.end) },
          week.end,
        ),
      );
      expect(rate.overall.successRate.value).not.toBeNull();
      expect(rate.overall.successRate.stale).toBe(false);
      expect(model.startupSuccess.week.value).toBe(rate.overall.successRate.value);
      expect(model.startupSuccess.week.measuredAt).toBe(rate.overall.successRate.measuredAt);
      // Time red from the recorded changes; readiness unknown until its first verdict, never GO.
      expect(model.overview.redMs).toBe(3 * H);
      expect(model.overview.ms).toEqual({ unknown: 0, healthy: 165 * H, down: 3 * H });
      expect(model.readiness.ms).toEqual({ unknown: 84 * H, "NO-GO": 48 * H, GO: 36 * H });
      expect(model.incident.value?.phases.length).toBe(seedIncident().phases.length);
      expect(model.changes.value).not.toBeNull();
    },
    120_000,
  );

  it.skipIf(unavailable)(
    "the schedule: due at its cron occurrence records the last complete week once; not due, nothing",
    async () => {
      if (!opened) throw new Error("no store");
      const base = depsFor(opened.store);
      const wednesdays = { cron: "0 9 * * 3", timeZone: "UTC" };
      const scheduled = {
        ...config,
        notifications: { ...config.notifications, digest: { channels: ["chat", "leads"], schedule: wednesdays } },
      };
      const deps = { ...base, config: () => scheduled };
      // A week before the clock: Wednesday 12:00, three hours after the occurrence.
      const at = FIXED_NOW - 7 * 24 * H;
      const due = before;
      let kicks = 0;
      const kick = () => void kicks++;
      expect(await digestTick(at - 4 * H, deps, kick)).toBe(false); // 08:00: the last occurrence was a week ago
      expect(await digestTick(at, deps, kick)).toBe(true);
      expect(await digestTick(at + H, deps, kick)).toBe(false);
      expect(kicks).toBe(1);
      const rows = await opened.store.db
        .selectFrom("ledger_delivery")
        .select(["webhook", "status"])
        .where("change_id", "=", `digest:${due.id}`)
        .orderBy("webhook")
        .execute();
      expect(rows).toEqual([
        { webhook: "channel:chat", status: "pending" },
        { webhook: "channel:leads", status: "pending" },
      ]);
      // Settled here, so the next test's deliveries are of its own week only.
      await opened.store.db.deleteFrom("ledger_delivery").where("change_id", "=", `digest:${due.id}`).execute();
    },
    120_000,
  );

  it.skipIf(unavailable)(
    "two stores racing for the same week: exactly one email and one Chat card, no header from a title",
    async () => {
      if (!opened) throw new Error("no store");
      const other = await opened.second();
      const mailsBefore = smtp.mails.length;
      const hostile = "Start-ups fail\r\nBcc: victim@example.com";
      const a = depsFor(opened.store, hostile);
      const b = depsFor(other, hostile);
      const noKick = () => undefined;
      const [ra, rb] = await Promise.all([
        sendDigest(week, clock.now(), { deps: a, kick: noKick }),
        sendDigest(week, clock.now(), { deps: b, kick: noKick }),
      ]);
      expect([...ra.queued, ...rb.queued].sort()).toEqual(["chat", "leads"]);
      // Both answer with the one model recorded for the week.
      expect(ra.model).toEqual(rb.model);
      const send = channelSend(undefined);
      const targets = a.channels(config);
      await Promise.all([
        deliverNotifications(opened.store.db, targets, { send }),
        deliverNotifications(other.db, targets, { send }),
      ]);
      // An admin's "send now" afterwards owes nothing more.
      const again = await sendDigest(week, clock.now(), { deps: a, kick: noKick });
      expect(again.queued).toEqual([]);
      await deliverNotifications(opened.store.db, targets, { send });

      const mails = smtp.mails.slice(mailsBefore);
      expect(mails).toHaveLength(1);
      const headers = headerLines(mails[0]?.raw ?? "");
      expect(headers.filter((h) => /^bcc:/i.test(h))).toEqual([]);
      expect(headers.find((h) => /^subject:/i.test(h))).toBe(
        `Subject: [Stagewatch] Stagewatch weekly digest ${week.id}`,
      );
      const cards = chat.accepted(chatPath);
      expect(cards).toHaveLength(1);
      const card = JSON.parse(cards[0]?.body ?? "{}") as { text?: string };
      expect(card.text).toBe(`Stagewatch weekly digest ${week.id}`);
      expect(cards[0]?.headers["x-stagewatch-delivery"]).toBe(`digest:${week.id}`);
    },
    120_000,
  );
});
