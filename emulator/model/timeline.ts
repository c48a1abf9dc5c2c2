/**
 * Which scenario is in force at which minute. Minutes are epoch minutes (floor(ms / 60 000)).
 * A segment's scenario clock runs `rate` model minutes per real minute (time compression), so
 * a demo recovers within real minutes while the data keeps real timestamps.
 */

export type BaseScenario = "incident" | "recovering" | "healthy" | "flaky";
export type ScenarioName = BaseScenario | "demo";
export const scenarioNames: readonly ScenarioName[] = ["incident", "recovering", "healthy", "flaky", "demo"];

export interface TimelineSegment {
  startMinute: number;
  scenario: BaseScenario;
  /** Model minutes per real minute inside this segment (default 1). */
  rate: number;
  /** Model minutes of this scenario already elapsed at startMinute (after a time-scale change). */
  ageOffset?: number;
}

export interface Timeline {
  /** Sorted by startMinute; the first segment starts at -Infinity. */
  segments: TimelineSegment[];
}

export interface TimelineOptions {
  /** Demo: model minutes in the incident before the connector is scaled (default 10). */
  recoverAfterMinutes?: number;
  /** Model minutes per real minute from the start onwards (default 1). */
  timeScale?: number;
  /** How long before the start the incident began (default 36 h). */
  incidentAgeMinutes?: number;
  /** Demo: model minutes of recovery before staging counts as healthy (default 30). */
  recoveryMinutes?: number;
}

const HISTORY: TimelineSegment = { startMinute: -Infinity, scenario: "healthy", rate: 1 };

/** Segments for `scenario` starting at `atMinute` (history before it is not included). */
function segmentsFrom(scenario: ScenarioName, atMinute: number, options: TimelineOptions): TimelineSegment[] {
  const rate = options.timeScale ?? 1;
  if (scenario !== "demo") return [{ startMinute: atMinute, scenario, rate }];
  const recoverAt = atMinute + (options.recoverAfterMinutes ?? 10) / rate;
  const healthyAt = recoverAt + (options.recoveryMinutes ?? 30) / rate;
  return [
    { startMinute: atMinute, scenario: "incident", rate },
    { startMinute: recoverAt, scenario: "recovering", rate },
    { startMinute: healthyAt, scenario: "healthy", rate },
  ];
}

/** The timeline an emulator starting at `startMinute` with `scenario` holds, history included. */
export function timelineFor(scenario: ScenarioName, startMinute: number, options: TimelineOptions = {}): Timeline {
  const incidentStart = startMinute - (options.incidentAgeMinutes ?? 36 * 60);
  const rate = options.timeScale ?? 1;
  switch (scenario) {
    case "healthy":
      return { segments: [HISTORY] };
    case "flaky":
      return { segments: [HISTORY, { startMinute: startMinute - 6 * 60, scenario: "flaky", rate: 1 }] };
    case "incident":
      return { segments: [HISTORY, { startMinute: incidentStart, scenario: "incident", rate: 1 }] };
    case "recovering":
      return {
        segments: [
          HISTORY,
          { startMinute: incidentStart, scenario: "incident", rate: 1 },
          { startMinute, scenario: "recovering", rate },
        ],
      };
    case "demo": {
      const [, ...rest] = segmentsFrom("demo", startMinute, options);
      return { segments: [HISTORY, { startMinute: incidentStart, scenario: "incident", rate: 1 }, ...rest] };
    }
  }
}

/** Switches at `atMinute`: the past stays as it was, planned future segments are dropped. */
export function switchScenario(
  timeline: Timeline,
  scenario: ScenarioName,
  atMinute: number,
  options: TimelineOptions = {},
): Timeline {
  const kept = timeline.segments.filter((s) => s.startMinute < atMinute);
  return { segments: [...(kept.length ? kept : [HISTORY]), ...segmentsFrom(scenario, atMinute, options)] };
}

export interface SegmentPosition {
  segment: TimelineSegment;
  index: number;
  /** Model minutes since the segment started (Infinity for the open-ended history). */
  ageMinutes: number;
}

export function segmentAt(timeline: Timeline, minute: number): SegmentPosition {
  const segments = timeline.segments;
  let index = 0;
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i];
    if (s && s.startMinute <= minute) {
      index = i;
      break;
    }
  }
  const segment = segments[index] ?? HISTORY;
  const age = Number.isFinite(segment.startMinute)
    ? (segment.ageOffset ?? 0) + (minute - segment.startMinute) * segment.rate
    : Infinity;
  return { segment, index, ageMinutes: age };
}

/**
 * Changes the time scale at `atMinute`: the running segment continues at the new rate and
 * planned segments keep their distance in model minutes, so a demo still recovers after the
 * same number of model minutes.
 */
export function rescaleTimeline(timeline: Timeline, atMinute: number, rate: number): Timeline {
  const { segment, index, ageMinutes } = segmentAt(timeline, atMinute);
  const past = timeline.segments.slice(0, index + 1);
  const current: TimelineSegment = {
    startMinute: atMinute,
    scenario: segment.scenario,
    rate,
    ...(Number.isFinite(ageMinutes) ? { ageOffset: ageMinutes } : {}),
  };
  const future = timeline.segments.slice(index + 1).map((s) => ({
    ...s,
    startMinute: atMinute + ((s.startMinute - atMinute) * segment.rate) / rate,
    rate,
  }));
  const head = segment.startMinute === atMinute ? past.slice(0, -1) : past;
  return { segments: [...head, current, ...future] };
}

/** Model minutes elapsed between two real minutes, following each segment's rate. */
export function modelMinutesBetween(timeline: Timeline, fromMinute: number, toMinute: number): number {
  let total = 0;
  timeline.segments.forEach((s, i) => {
    const next = timeline.segments[i + 1]?.startMinute ?? Infinity;
    const from = Math.max(fromMinute, s.startMinute);
    const to = Math.min(toMinute, next);
    if (to > from) total += (to - from) * s.rate;
  });
  return total;
}
