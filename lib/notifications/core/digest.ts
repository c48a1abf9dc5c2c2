import { z } from "zod";
import type { Figure } from "@/lib/core/figure";
import { timeInStates, type StateChange } from "./digest-time";
import type { DigestWeek } from "./digest-week";

/**
 * The weekly digest's model (decision 0029), pure: the figures the pages already computed for
 * the week go in (the Start-ups page's success rate, the SLO page's views at the end of each
 * week, the tracker summary, the Changes page's list, the recorded Overview and readiness
 * changes) and one model comes out, rendered per channel by ./digest-render.ts. Nothing is
 * computed twice; a figure that could not be read, or is stale, is unknown with the reason, and
 * every figure says when it was measured.
 */

/** A read of one source: its value and when it was measured, or why it could not be read. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

// The model is what GET /api/notifications/digest answers, so its shapes are zod schemas whose
// output is the type (the API contract documents them); the inputs above the model stay types.

/** What the digest shows of a figure: its value, or null with the reason. */
export const digestFigureSchema = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    value: value.nullable(),
    measuredAt: z.string().nullable(),
    unknown: z.string().nullable().describe("Why the figure is unknown (stale, missing, unreadable); null when known."),
  });
export type DigestFigure<T> = z.infer<ReturnType<typeof digestFigureSchema<z.ZodType<T>>>>;

/** The SLO page's view of one SLO, as far as the digest reads it (lib/slo/schemas SloView). */
export type SloInput = {
  id: string;
  service: string;
  objective: number;
  windowDays: number;
  attainment: Figure<number>;
  budget: { remaining: Figure<number> };
};

/** Recorded changes (the last one before the week and those in it) and when the state was last checked (null: never). */
/**
 * A subject's recorded states: its changes, when it was last checked, and the starts of the hours
 * in which it was checked at all (an hour without a check is unknown, whatever the last state was).
 */
export type StateHistory = {
  changes: readonly StateChange[];
  knownUntil: number | null;
  checkedHours: readonly number[];
};

/** The tracker summary as the digest shows it (incidentInputSchema, below, is its shape). */
export type IncidentInput = z.infer<typeof incidentInputSchema>;

export type DigestInputs = {
  week: DigestWeek;
  previous: DigestWeek;
  generatedAt: number;
  baseUrl: string | null;
  /** The Start-ups page's overall success rate over each week. */
  startups: { week: Read<Figure<number>>; previous: Read<Figure<number>> };
  /** The SLO page's views evaluated at the end of each week. */
  slos: { week: Read<readonly SloInput[]>; previous: Read<readonly SloInput[]> };
  overview: Read<StateHistory>;
  readiness: Read<StateHistory>;
  incident: Read<IncidentInput>;
  /** The Changes page's list for the week. */
  changes: Read<{ count: number; truncated: boolean; measuredAt: string | null }>;
};

const pair = z.strictObject({ week: digestFigureSchema(z.number()), previous: digestFigureSchema(z.number()) });
const spanSchema = z.strictObject({ id: z.string(), start: z.string(), end: z.string() });

export const sloDigestSchema = z.strictObject({
  id: z.string(),
  service: z.string(),
  objective: z.number(),
  windowDays: z.number(),
  budgetRemaining: pair.describe("The SLO page's budget left at the end of each week."),
  attainment: pair,
});
export type SloDigest = z.infer<typeof sloDigestSchema>;

const timeShareShape = {
  ms: z.record(z.string(), z.number()).nullable().describe("Milliseconds per state, `unknown` included."),
  share: z.record(z.string(), z.number()).nullable(),
  measuredAt: z.string().nullable(),
  unknown: z.string().nullable(),
};
/** Milliseconds per state, unknown included; null when the history could not be read. */
export const timeShareDigestSchema = z.strictObject(timeShareShape);
export type TimeShareDigest = z.infer<typeof timeShareDigestSchema>;

const incidentInputSchema = z.strictObject({
  incidentId: z.string(),
  title: z.string(),
  severity: z.string(),
  incidentStatus: z.string(),
  progressText: z.string(),
  phases: z.array(z.strictObject({ name: z.string(), order: z.number(), status: z.string() })),
  evaluatedAt: z.string().nullable(),
});

export const digestModelSchema = z.strictObject({
  kind: z.literal("stagewatch.weekly-digest"),
  week: spanSchema,
  previousWeek: spanSchema,
  generatedAt: z.string(),
  url: z.string().nullable(),
  startupSuccess: pair.describe("The Start-ups page's overall success rate over each week."),
  slos: z.strictObject({ items: z.array(sloDigestSchema), unknown: z.string().nullable() }),
  /** Time the Overview spent in each state (red = down). */
  overview: z.strictObject({
    ...timeShareShape,
    redMs: z
      .number()
      .nullable()
      .describe(
        "Time the Overview was recorded down (a lower bound when part of the week is unknown); null when no minute of the week is known.",
      ),
  }),
  /** Demo readiness: share of the week GO / CAUTION / NO-GO / unknown. */
  readiness: timeShareDigestSchema,
  incident: digestFigureSchema(incidentInputSchema),
  changes: digestFigureSchema(z.strictObject({ count: z.number(), truncated: z.boolean() })),
});
export type DigestModel = z.infer<typeof digestModelSchema>;

const iso = (ms: number) => new Date(ms).toISOString();
const span = (w: DigestWeek) => ({ id: w.id, start: iso(w.start), end: iso(w.end) });

/** A page's figure as the digest shows it: a stale or missing one is unknown, with when it was last measured. */
export function fromFigure(f: Figure<number>): DigestFigure<number> {
  if (f.value === null) return { value: null, measuredAt: f.measuredAt, unknown: "no data for this week" };
  if (f.stale)
    return {
      value: null,
      measuredAt: f.measuredAt,
      unknown: `stale: the newest data is from ${f.measuredAt ?? "an unknown time"}`,
    };
  return { value: f.value, measuredAt: f.measuredAt, unknown: null };
}

const unread = <T>(reason: string): DigestFigure<T> => ({ value: null, measuredAt: null, unknown: reason });
const figureOf = (r: Read<Figure<number>>) => (r.ok ? fromFigure(r.value) : unread<number>(r.reason));

function sloDigests(week: Read<readonly SloInput[]>, previous: Read<readonly SloInput[]>): SloDigest[] {
  if (!week.ok) return [];
  return week.value.map((s) => {
    const before = previous.ok ? previous.value.find((p) => p.id === s.id) : undefined;
    const missing = previous.ok ? "this SLO was not evaluated for the week before" : previous.reason;
    return {
      id: s.id,
      service: s.service,
      objective: s.objective,
      windowDays: s.windowDays,
      budgetRemaining: {
        week: fromFigure(s.budget.remaining),
        previous: before ? fromFigure(before.budget.remaining) : unread(missing),
      },
      attainment: {
        week: fromFigure(s.attainment),
        previous: before ? fromFigure(before.attainment) : unread(missing),
      },
    };
  });
}

function timeShare(r: Read<StateHistory>, w: DigestWeek): TimeShareDigest {
  if (!r.ok) return { ms: null, share: null, measuredAt: null, unknown: r.reason };
  const t = timeInStates(r.value.changes, w.start, w.end, r.value.knownUntil, r.value.checkedHours);
  const unknownMs = t.ms.unknown ?? 0;
  return {
    ms: t.ms,
    share: t.share,
    measuredAt: r.value.knownUntil === null ? null : iso(r.value.knownUntil),
    unknown: unknownMs > 0 ? "part of the week has no recorded state" : null,
  };
}

/**
 * Time the Overview was recorded down; null when no minute of the week has a known state (then
 * "0 s red" would read as a clean week). With part of the week unknown it is a lower bound, and
 * the renderers say so.
 */
function redMsOf(t: TimeShareDigest): number | null {
  if (!t.ms) return null;
  const known = Object.entries(t.ms).reduce((sum, [state, ms]) => (state === "unknown" ? sum : sum + ms), 0);
  return known > 0 ? (t.ms.down ?? 0) : null;
}

export function buildDigest(i: DigestInputs): DigestModel {
  const overview = timeShare(i.overview, i.week);
  return {
    kind: "stagewatch.weekly-digest",
    week: span(i.week),
    previousWeek: span(i.previous),
    generatedAt: iso(i.generatedAt),
    url: i.baseUrl,
    startupSuccess: { week: figureOf(i.startups.week), previous: figureOf(i.startups.previous) },
    slos: { items: sloDigests(i.slos.week, i.slos.previous), unknown: i.slos.week.ok ? null : i.slos.week.reason },
    overview: { ...overview, redMs: redMsOf(overview) },
    readiness: timeShare(i.readiness, i.week),
    incident: i.incident.ok
      ? { value: i.incident.value, measuredAt: i.incident.value.evaluatedAt, unknown: null }
      : unread(i.incident.reason),
    changes: i.changes.ok
      ? {
          value: { count: i.changes.value.count, truncated: i.changes.value.truncated },
          measuredAt: i.changes.value.measuredAt,
          unknown: null,
        }
      : unread(i.changes.reason),
  };
}
