import "server-only";
import { getEnv } from "@/lib/config/env";
import { getStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import type { SentDigest } from "./sent";
import { dueDigestWeek } from "@/lib/notifications/core/digest-schedule";
import { lastCompleteWeek, parseWeek, type DigestWeek } from "@/lib/notifications/core/digest-week";
import { getReader } from "@/lib/gcp/reader";
import { currentChannels } from "@/lib/notifications/current";
import { digestChangeId, recordDigest, storedDigest, type RecordedDigest } from "@/lib/notifications/digest-ledger";
import { kickNotifications } from "@/lib/notifications/watcher";
import { defaultDeps as sloDeps } from "@/lib/slo/service";
import { getStore } from "@/lib/store/db";
import { writeAudit } from "@/lib/store/audit";
import { getTrackerView } from "@/lib/tracker/service";
import type { Actor } from "@/lib/store/core/audit";
import type { ChannelTarget } from "@/lib/notifications/channels";
import { composeDigest, incidentOf, type DigestDeps } from "./compose";

/**
 * The weekly digest's shell (decision 0029): the preview, "send now" and the schedule. Sending
 * records the week's model and one delivery row per digest channel in the notification ledger
 * (lib/notifications/digest-ledger.ts), then kicks the one delivery loop: once per (week,
 * channel) across replicas, retried like every delivery, never held.
 */

export const defaultDigestDeps: DigestDeps = {
  reader: getReader,
  config: getStagingConfig,
  db: async () => (await getStore()).db,
  baseUrl: () => getEnv().NEXTAUTH_URL ?? null,
  slo: sloDeps,
  incident: async (now) => incidentOf(await getTrackerView(now)),
  channels: currentChannels,
};

/** The audit stream of notification actions in `tracker_audit` (its `incident_id`). */
export const NOTIFICATIONS_AUDIT = "notifications";

/** The channel keys the digest goes to; none when the digest is off. */
export function digestChannelKeys(config: StagingConfig, channels: readonly ChannelTarget[]): string[] {
  const ids = config.notifications.digest?.channels ?? [];
  return channels.filter((c) => !c.legacy && ids.includes(c.id)).map((c) => c.key);
}

/** The week asked for (parsed by digestQuerySchema), or the last complete one; a week not over yet is refused. */
export function digestWeekFor(
  text: string | undefined,
  now: number = Date.now(),
): DigestWeek | { status: 400; field: "week"; message: string } {
  if (text === undefined) return lastCompleteWeek(now);
  const w = parseWeek(text);
  if ("problem" in w) return { status: 400, field: "week", message: w.problem };
  if (w.end > now)
    return { status: 400, field: "week", message: `${text} has not ended yet; a digest is of a complete week` };
  return w;
}

export const previewDigest = (week: DigestWeek, now: number = Date.now(), deps: DigestDeps = defaultDigestDeps) =>
  composeDigest(week, now, deps);

export type { SentDigest };

const channelIds = (keys: readonly string[]) => keys.map((k) => k.replace(/^channel:/, ""));

/**
 * Records the week's digest for every digest channel that has not had it and kicks delivery.
 * An admin's send is audited once the rows are recorded (they are the promise to send).
 */
export async function sendDigest(
  week: DigestWeek,
  now: number,
  opts: { actor?: Actor; deps?: DigestDeps; kick?: () => void } = {},
): Promise<SentDigest> {
  const deps = opts.deps ?? defaultDigestDeps;
  const config = deps.config();
  const keys = digestChannelKeys(config, deps.channels(config));
  const db = await deps.db();
  // The first model recorded for a week stands: composing again (Google reads) is only for a new week.
  const stored = await storedDigest(db, week.id);
  const r: RecordedDigest =
    stored && keys.every((k) => stored.channels.includes(k))
      ? { model: stored.model, queued: [], already: keys }
      : await recordDigest(db, stored?.model ?? (await composeDigest(week, now, deps)), keys, now);
  if (opts.actor)
    await writeAudit(db, {
      incidentId: NOTIFICATIONS_AUDIT,
      at: now,
      actor: opts.actor,
      entity: "notification",
      phaseId: "",
      entityId: digestChangeId(week.id),
      change: "digest sent",
      summary: r.queued.length
        ? `Weekly digest ${week.id} sent now to ${channelIds(r.queued).join(", ")}`
        : `Weekly digest ${week.id}: every digest channel had it already; nothing sent`,
      after: { queued: channelIds(r.queued), already: channelIds(r.already) },
    });
  if (r.queued.length) (opts.kick ?? kickNotifications)();
  return { week: week.id, model: r.model, queued: channelIds(r.queued), already: channelIds(r.already) };
}

/** One look at the schedule: records the week owed now unless it was recorded already. */
export async function digestTick(
  now: number,
  deps: DigestDeps = defaultDigestDeps,
  kick: () => void = kickNotifications,
): Promise<boolean> {
  const digest = deps.config().notifications.digest;
  if (!digest) return false;
  const week = dueDigestWeek(now, digest.schedule);
  // The cheap check first: composing reads Google and the store.
  if (!week || (await storedDigest(await deps.db(), week.id))) return false;
  const sent = await sendDigest(week, now, { deps, kick });
  return sent.queued.length > 0;
}

export const DIGEST_TICK_MS = 60_000;
// Started and stopped only by lib/server/background.ts (one module copy), so a module variable holds it.
let timer: NodeJS.Timeout | undefined;
let ticking = false;

export function startDigestScheduler(): void {
  if (timer) return;
  timer = setInterval(() => {
    if (ticking) return;
    ticking = true;
    digestTick(Date.now())
      .catch((err: unknown) => console.error("Weekly digest failed", err instanceof Error ? err.message : err))
      .finally(() => {
        ticking = false;
      });
  }, DIGEST_TICK_MS);
  timer.unref();
}

export function stopDigestScheduler(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
