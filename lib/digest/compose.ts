import "server-only";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { buildDigest, type DigestModel, type IncidentInput, type Read } from "@/lib/notifications/core/digest";
import { previousWeek, type DigestWeek } from "@/lib/notifications/core/digest-week";
import { changes } from "@/lib/metrics/changes";
import { metricsContext } from "@/lib/gcp/read-context";
import type { Reader } from "@/lib/gcp/reader";
import { startups } from "@/lib/metrics/startups";
import { OVERVIEW_SUBJECT } from "@/lib/notifications/events";
import { stateHistory } from "@/lib/notifications/ledger";
import { verdictHistory } from "@/lib/readiness/ledger";
import { sloViewsAt, type SloDeps } from "@/lib/slo/service";
import type { StoreDb } from "@/lib/store/db";
import type { ChannelTarget } from "@/lib/notifications/channels";
import { summaryOf } from "@/lib/tracker/summarize";
import type { TrackerView } from "@/lib/tracker/types";

/**
 * Gathers the weekly digest's inputs from the functions the pages use — the Start-ups page's
 * model over each week, the SLO page's views at each week's end (`sloViewsAt`), the Changes
 * page's list for the week, the tracker summary, and the Overview's and readiness's recorded
 * changes — and builds the model once (lib/notifications/core/digest.ts). A read that fails is
 * an unknown figure with the reason; nothing is filled in.
 */

export type DigestDeps = {
  reader: () => Reader;
  config: () => StagingConfig;
  db: () => Promise<StoreDb>;
  baseUrl: () => string | null;
  slo: SloDeps;
  /** The incident as the tracker page shows it now (its phases and their status). */
  incident: (now: number) => Promise<IncidentInput>;
  /** The channels with their secrets resolved (lib/notifications/current.ts). */
  channels: (config: StagingConfig) => ChannelTarget[];
};

/** The tracker page's view as the digest shows it: the summary's words and each phase's status as shown. */
export function incidentOf(view: TrackerView): IncidentInput {
  const s = summaryOf(view);
  return {
    incidentId: s.incidentId,
    title: s.title,
    severity: s.severity,
    incidentStatus: s.incidentStatus,
    progressText: s.progressText,
    phases: view.phases.map((p) => ({ name: p.name, order: p.order, status: p.effective.status })),
    evaluatedAt: s.evaluatedAt,
  };
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

async function read<T>(what: string, f: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (err) {
    return { ok: false, reason: `${what} could not be read: ${reasonOf(err)}` };
  }
}

const weekRange = (w: DigestWeek) => ({ preset: "custom" as const, from: new Date(w.start), to: new Date(w.end) });

export async function composeDigest(week: DigestWeek, now: number, deps: DigestDeps): Promise<DigestModel> {
  const config = deps.config();
  const reader = deps.reader();
  const previous = previousWeek(week);
  // Dated as of the week's end, as the SLO views are: a week whose data stops early is stale
  // (unknown), and one read days later is not stale merely for being read late.
  const ctxOf = (w: DigestWeek) => metricsContext(reader, config, weekRange(w), w.end);
  const db = () => deps.db();
  const [startWeek, startPrev, sloWeek, sloPrev, overview, readiness, incident, changeList] = await Promise.all([
    read("the start-ups", async () => (await startups(ctxOf(week))).overall.successRate),
    read("the start-ups", async () => (await startups(ctxOf(previous))).overall.successRate),
    read("the SLOs", () => sloViewsAt(week.end, deps.slo)),
    read("the SLOs", () => sloViewsAt(previous.end, deps.slo)),
    read("the Overview's recorded states", async () =>
      stateHistory(await db(), OVERVIEW_SUBJECT, week.start, week.end),
    ),
    read("the readiness verdicts", async () => verdictHistory(await db(), week.start, week.end)),
    read("the tracker", () => deps.incident(now)),
    read("the audit log", async () => {
      const r = await changes(ctxOf(week), {}, false);
      // A stale copy of the audit log may miss the week's last changes: the count is then unknown.
      if (r.stale) throw new Error(r.upstreamError?.message ?? "only a stale copy was available");
      return { count: r.changes.length, truncated: r.truncated, measuredAt: r.measuredAt };
    }),
  ]);
  return buildDigest({
    week,
    previous,
    generatedAt: now,
    baseUrl: deps.baseUrl(),
    startups: { week: startWeek, previous: startPrev },
    slos: { week: sloWeek, previous: sloPrev },
    overview,
    readiness,
    incident,
    changes: changeList,
  });
}
