import { formatAge, formatBitsPerSecond, formatPercent } from "@/lib/core/format";
import type { Headroom } from "./connector";
import { suspectedCauses, isFailing } from "@/lib/probes/core/cause";
import type { ProbeEvidence, ProbeImpact } from "@/lib/probes/core/evidence";
import { earliestIso, isUsable, type Figure } from "@/lib/core/figure";
import { STARTUP_DOWN_BELOW, STARTUP_TARGET } from "./startups";
import { verdictCorrelation, type VerdictChanges } from "@/lib/changes/core/correlate";
import { maintenanceReason, maintenanceSplit } from "@/lib/maintenance/core/verdict";
import type { MaintenanceNote, MaintenanceWindow } from "@/lib/config/core/maintenance/types";

/** "maintenance": every finding (or none) sits in a running window; never healthy, never green. */
export type VerdictStatus = "healthy" | "degraded" | "down" | "unknown" | "maintenance";
export type Verdict = {
  status: VerdictStatus;
  /** The most severe reason (the banner's headline). */
  reason: string;
  /** At most three, most severe first. */
  reasons: string[];
  /** Where the failure probably starts, along probe `dependsOn` and the metrics; null when healthy or unknown. */
  likelyCause: string | null;
  /** The oldest input's time and when the first input turns stale (the browser greys the verdict then). */
  measuredAt: string | null;
  staleAfter: string | null;
  /** The window that covers inputs of this verdict, shown beside the evidence; null outside maintenance. */
  maintenance: MaintenanceNote | null;
};

export type VerdictInput = {
  /** healthy ÷ (healthy + unhealthy) start-ups in the verdict window. */
  startupSuccess: Figure<number>;
  startupCounts: { healthy: number; unhealthy: number };
  databaseUp: Figure<boolean>;
  databaseName: string;
  /** e.g. "the last hour" — names the window in the reason. */
  windowLabel: string;
  /** Every configured probe; those with an `impact` are verdict inputs, the rest only explain causes. */
  probes: readonly ProbeEvidence[];
  /** The connector's newest instance count and utilisation (throughput ÷ its ceiling at that count). */
  connector: { name: string; load: Figure<ConnectorLoad>; maxInstances: number };
  /** Cloud SQL socket time-outs logged in the window (null when unknown): a likely cause, not an input. */
  socketTimeouts: number | null;
  /**
   * Changes to the resources on the start-up path. When start-ups or a golden-path probe fail,
   * the reason names the nearest change before the failure, as a correlation. Absent or unknown:
   * the texts say nothing about changes (never "no changes").
   */
  changes?: VerdictChanges;
  /** Maintenance windows running at `now`; absent or empty: none. */
  maintenance?: readonly MaintenanceWindow[];
  now: number;
};

type Severity = "down" | "unknown" | "degraded";
export type Finding = {
  severity: Severity;
  text: string;
  probe?: string;
  staleAfter?: string | null;
  /** A start-up failure (the correlation with a change is dated from when it began). */
  startups?: true;
};

// A fresh "down" wins; then anything unknown (never healthy on old or missing data); then degraded.
const RANK: Record<Severity, number> = { down: 0, unknown: 1, degraded: 2 };

function ageText(f: { ageSeconds: number | null }): string {
  return f.ageSeconds === null ? "" : ` (data is ${formatAge(f.ageSeconds)} old)`;
}

function minutesSince(iso: string | null, now: number): string {
  return iso === null ? "never checked" : `last checked ${formatAge((now - Date.parse(iso)) / 1_000)} ago`;
}

function startupFindings(input: VerdictInput): Finding[] {
  const { startupSuccess: s, startupCounts: c, windowLabel: w } = input;
  const total = c.healthy + c.unhealthy;
  const rate = (v: number) => `Start-up success is ${formatPercent(v)} (${c.healthy} of ${total}) in ${w}`;
  if (s.stale)
    return [{ severity: "unknown", text: `Start-up data is stale${ageText(s)}; start-up success is unknown.` }];
  if (s.value === null)
    return [{ severity: "unknown", text: `No start-ups were recorded in ${w}, so start-up success is unknown.` }];
  if (s.value < STARTUP_DOWN_BELOW)
    return [{ severity: "down", text: `${rate(s.value)}, below 50%.`, staleAfter: s.staleAfter, startups: true }];
  if (s.value < STARTUP_TARGET)
    return [{ severity: "degraded", text: `${rate(s.value)}, below the 95% target.`, startups: true }];
  return [];
}

function databaseFindings(input: VerdictInput): Finding[] {
  const { databaseUp: db, databaseName: name } = input;
  if (db.stale)
    return [
      { severity: "unknown", text: `Cloud SQL ${name} data is stale${ageText(db)}; the database state is unknown.` },
    ];
  if (db.value === null)
    return [{ severity: "unknown", text: `No recent "up" data for Cloud SQL ${name}; the database state is unknown.` }];
  return db.value ? [] : [{ severity: "down", text: `Cloud SQL ${name} is down.`, staleAfter: db.staleAfter }];
}

type ProbeFinding = Finding & { probe: string; word: string; detail: string };

function probeFinding(p: ProbeEvidence, impact: ProbeImpact, now: number): ProbeFinding | null {
  const why = p.lastError ? `: ${p.lastError}` : "";
  if (p.stale || p.status === "unknown") {
    const detail = ` (${minutesSince(p.checkedAt, now)})`;
    return {
      severity: "unknown",
      probe: p.name,
      word: "without a current result",
      detail,
      text: `Probe ${p.name} has no current result${detail}; its state is unknown.`,
    };
  }
  if (isFailing(p.status))
    return {
      severity: impact,
      probe: p.name,
      word: p.status,
      detail: why,
      text: `Probe ${p.name} is ${p.status}${why}.`,
      staleAfter: p.staleAfter,
    };
  if (p.status === "flapping")
    return {
      severity: "degraded",
      probe: p.name,
      word: "flapping",
      detail: "",
      text: `Probe ${p.name} is flapping between up and down.`,
    };
  if (p.status === "degraded")
    return {
      severity: "degraded",
      probe: p.name,
      word: "degraded",
      detail: why,
      text: `Probe ${p.name} is degraded${why}.`,
    };
  return null;
}

const listNames = (names: string[]) =>
  names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

/** One reason per kind of failure, so three probes down still leave room for the other reasons. */
function probeFindings(input: VerdictInput, probes: readonly ProbeEvidence[]): Finding[] {
  const each = probes.flatMap((p) => {
    const f = p.impact === null ? null : probeFinding(p, p.impact, input.now);
    return f ? [f] : [];
  });
  const groups = new Map<string, ProbeFinding[]>();
  for (const f of each) groups.set(`${f.severity}|${f.word}`, [...(groups.get(`${f.severity}|${f.word}`) ?? []), f]);
  return [...groups.values()].map((group): Finding => {
    const [first] = group as [ProbeFinding, ...ProbeFinding[]];
    if (group.length === 1) return first;
    const names = listNames(group.map((f) => f.probe));
    const text =
      first.word === "without a current result"
        ? `Probes ${names} have no current result${first.detail}; their state is unknown.`
        : `Probes ${names} are ${first.word}${first.detail ? ` (${first.probe}${first.detail})` : ""}.`;
    return {
      severity: first.severity,
      probe: first.probe,
      text,
      staleAfter: earliestIso(group.map((f) => f.staleAfter ?? null)),
    };
  });
}

/** The connector's newest throughput against the ceiling in force (lib/metrics/core/connector `headroom`). */
export type ConnectorLoad = Pick<Headroom, "instances" | "utilization" | "throughputBps" | "ceilingBps" | "saturated">;

/** At or past this share of its ceiling, a connector that cannot grow is nearly saturated. */
export const NEARLY_SATURATED_UTILIZATION = 0.8;

function connectorFindings(input: VerdictInput): Finding[] {
  const { load, name, maxInstances } = input.connector;
  if (load.stale)
    return [
      {
        severity: "unknown",
        text: `Connector ${name} data is stale${ageText(load)}; whether it is saturated is unknown.`,
      },
    ];
  if (load.value === null)
    return [
      { severity: "unknown", text: `No recent throughput for connector ${name}; whether it is saturated is unknown.` },
    ];
  const { instances, utilization, saturated } = load.value;
  const atMax = instances >= maxInstances;
  // At the ceiling in force there is no headroom at any instance count: traffic queues now.
  if (saturated)
    return [
      {
        severity: "degraded",
        text: `Connector ${name} is saturated: ${loadText(load.value)}, 0% headroom${atMax ? `, at its maximum of ${maxInstances} instances` : ""}.`,
      },
    ];
  // Connectors never scale in: sitting at max is only a problem when the traffic fills it.
  if (atMax && utilization >= NEARLY_SATURATED_UTILIZATION)
    return [
      {
        severity: "degraded",
        text: `Connector ${name} is nearly saturated: ${loadText(load.value)} at its maximum of ${maxInstances} instances.`,
      },
    ];
  return [];
}

function loadText(l: ConnectorLoad): string {
  return `${formatBitsPerSecond(l.throughputBps)} of its ${formatBitsPerSecond(l.ceilingBps)} ceiling (${formatPercent(l.utilization)})`;
}

/**
 * Where the trouble probably starts: the deepest failing dependency of the worst failing probe
 * (probe `dependsOn`), then what the metrics say underneath it — the database down or its
 * socket timing out, behind a connector that cannot grow.
 */
function likelyCause(input: VerdictInput, worst: Finding | undefined): string | null {
  const parts: string[] = [];
  if (worst?.probe) {
    const status = new Map(input.probes.map((p) => [p.name, p.stale ? "unknown" : p.status] as const));
    const dep = suspectedCauses(status, new Map(input.probes.map((p) => [p.name, p.dependsOn]))).get(worst.probe);
    if (dep) parts.push(`probe ${dep} is ${status.get(dep) ?? "failing"}`);
  }
  const { databaseUp: db, connector: c } = input;
  const dbDown = isUsable(db) && !db.value;
  const atMax = isUsable(c.load) && c.load.value.instances >= c.maxInstances;
  const saturated = isUsable(c.load) && c.load.value.saturated;
  const underneath = dbDown
    ? `Cloud SQL ${input.databaseName} is down`
    : input.socketTimeouts
      ? `Cloud SQL socket time-outs (${input.socketTimeouts} in ${input.windowLabel})`
      : null;
  const state = [
    saturated ? "saturated (0% headroom)" : null,
    atMax ? `at its maximum of ${c.maxInstances} instances` : null,
  ]
    .filter((x) => x !== null)
    .join(" and ");
  const limit = `${c.name}, which is ${state}`;
  if (underneath && state) parts.push(`${underneath} behind ${limit}`);
  else if (underneath) parts.push(underneath);
  else if (state) parts.push(limit);
  return parts.length ? parts.join("; ") : null;
}

function healthyReason(input: VerdictInput): string {
  const { startupSuccess: s, startupCounts: c } = input;
  const read = input.probes.filter((p) => p.impact !== null).length;
  const probes = read ? `, and all ${read} golden-path probe${read === 1 ? " is" : "s are"} up` : "";
  return `Start-up success is ${formatPercent(s.value)} (${c.healthy} of ${c.healthy + c.unhealthy}) in ${input.windowLabel}, the database is up${probes}.`;
}

/**
 * Staging's verdict over every input it names: start-up success in its window, Cloud SQL up,
 * the golden-path probes (each with its configured impact) and whether the connector can still
 * scale out. A fresh "down" fact wins; any stale or missing input makes it unknown; only when
 * every input is fresh and good is it healthy.
 */
export function overviewVerdict(input: VerdictInput): Verdict {
  // Findings of inputs inside a running window are held: shown (after the others) but they do
  // not decide the status; the window never hides a finding outside it (maintenance.ts).
  const split = maintenanceSplit(input.maintenance ?? [], input.probes, input.now);
  const metricFindings = [...databaseFindings(input), ...startupFindings(input), ...connectorFindings(input)];
  const open = bySeverity([...probeFindings(input, split.openProbes), ...(split.metricsHeld ? [] : metricFindings)]);
  const held = bySeverity([...probeFindings(input, split.heldProbes), ...(split.metricsHeld ? metricFindings : [])]);
  const worst = open[0];
  const inputs = [input.startupSuccess, input.databaseUp, input.connector.load];
  const probesRead = input.probes.filter((p) => p.impact !== null);
  const measured = [...inputs.map((f) => f.measuredAt), ...probesRead.map((p) => p.checkedAt)].filter(
    (t): t is string => t !== null,
  );
  // A "down" holds as long as the facts that say so are fresh, whatever else goes stale meanwhile;
  // anything better than down holds only while every input is fresh (and a window only until it ends).
  const downFacts = open.filter((f) => f.severity === "down");
  const note = split.note;
  const timing = {
    measuredAt: measured.length ? new Date(Math.min(...measured.map((t) => Date.parse(t)))).toISOString() : null,
    staleAfter: downFacts.length
      ? earliestIso(downFacts.map((f) => f.staleAfter ?? null))
      : earliestIso([
          ...inputs.map((f) => f.staleAfter),
          ...probesRead.map((p) => p.staleAfter),
          ...(note ? [note.endsAt] : []),
        ]),
    maintenance: note,
  };
  const heldTexts = held.map((f) => `${f.text} (in maintenance)`);
  if (note && !worst) {
    const reason = maintenanceReason(note, input.now);
    const worstHeld = held[0];
    return {
      status: "maintenance",
      reason,
      reasons: [reason, ...heldTexts].slice(0, 3),
      likelyCause: worstHeld && worstHeld.severity !== "unknown" ? likelyCause(input, worstHeld) : null,
      ...timing,
    };
  }
  if (!worst) {
    const reason = healthyReason(input);
    return { status: "healthy", reason, reasons: [reason], likelyCause: null, ...timing };
  }
  const related = verdictCorrelation(input.changes, worst, input.now);
  const reasons = [
    ...open.slice(0, 3).map((f) => (f === worst && related ? `${f.text} ${related}` : f.text)),
    ...(note ? [maintenanceReason(note, input.now), ...heldTexts] : []),
  ].slice(0, note ? 4 : 3);
  return {
    status: worst.severity,
    reason: reasons[0] ?? worst.text,
    reasons,
    likelyCause: worst.severity === "unknown" ? null : likelyCause(input, worst),
    ...timing,
  };
}

// Stable sort: within a severity, probes first (the most direct evidence), then the metrics.
function bySeverity(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}
