import "server-only";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { dataEnd, type AlignedInterval } from "@/lib/gcp/alignment";
import type { CacheResult } from "@/lib/gcp/cache";
import { connectorBytes, connectorInstances, startupLatency, startupProbes } from "@/lib/gcp/catalogue";
import { headroomSeries, lowestHeadroom, throughputBits } from "@/lib/metrics/core/connector";
import { ceilingBasis } from "@/lib/core/connector-capacity";
import { oneLine, sumOf } from "@/lib/core/series";
import { CAUSES, type Cause } from "@/lib/core/failure-causes";
import { UpstreamError } from "@/lib/gcp/upstream-error";
import type { DataNeed, Measurement, ServiceScope, SnapshotEntry } from "@/lib/criteria/core";
import {
  countsInWindow,
  overallRateSeries,
  rateSeriesByService,
  successRate,
  type RatePoint,
} from "@/lib/metrics/core/startups";
import { metricsContext, type MetricsContext } from "@/lib/gcp/read-context";
import type { Reader } from "@/lib/gcp/reader";
import { measureSlo } from "@/lib/slo/criteria";
import { PRESETS, type Preset } from "@/lib/core/time-range";

/**
 * The metric-backed measurements of the criteria language, read through the shared reader
 * (so every criterion, page and viewer shares one cached upstream call per query).
 *
 * `measuredAt` is the end of the data, never "now": a window's aligned end, or for a stale
 * copy served after an upstream failure, the end of the interval it was read for.
 */

export type Measured = { entry: SnapshotEntry } | { problem: string };

const MINUTE_MS = 60_000;

function windowContext(reader: Reader, config: StagingConfig, windowSeconds: number, now: number): MetricsContext {
  const ms = windowSeconds * 1_000;
  const preset = (Object.keys(PRESETS) as Preset[]).find((p) => PRESETS[p] === ms);
  const ctx = metricsContext(
    reader,
    config,
    { preset: preset ?? "custom", from: new Date(now - ms), to: new Date(now) },
    now,
  );
  // Every criterion window ends now, so a previous interval's answer may stand in (marked stale).
  return { ...ctx, live: true };
}

/** The window that ends where the data ends (a stale copy covers an earlier window). */
const windowStart = (interval: AlignedInterval, end: number) => end - (interval.endMs - interval.startMs);

const iso = (ms: number) => new Date(ms).toISOString();

function deployedServices(config: StagingConfig): string[] {
  return config.services.filter((s) => s.deployed).map((s) => s.name);
}

function unknownService(config: StagingConfig, scope: ServiceScope): string | null {
  if (scope.kind === "all" || deployedServices(config).includes(scope.name)) return null;
  return `"${scope.name}" is not a deployed service in the staging config`;
}

async function startupCounts(
  ctx: MetricsContext,
  scope: ServiceScope,
): Promise<{ points: RatePoint[]; read: CacheResult<unknown> }> {
  const read = await ctx.reader.series(startupProbes(ctx.scope), ctx.live);
  const byService = rateSeriesByService(read.value, deployedServices(ctx.config));
  const points = scope.kind === "all" ? overallRateSeries(byService) : (byService.get(scope.name) ?? []);
  return { points, read };
}

async function measureStartups(
  ctx: MetricsContext,
  m: Extract<Measurement, { kind: "startup_success_rate" | "startup_failures" }>,
): Promise<Measured> {
  const problem = unknownService(ctx.config, m.service);
  if (problem) return { problem };
  const { points, read } = await startupCounts(ctx, m.service);
  const end = dataEnd(read, ctx.interval);
  const counts = countsInWindow(points, windowStart(ctx.interval, end), end);
  // No start-ups in the window: the rate is unknown (null), never 100%.
  const value = m.kind === "startup_success_rate" ? successRate(counts) : counts.unhealthy;
  return { entry: { value, measuredAt: iso(end) } };
}

const isCause = (s: string): s is Cause => (CAUSES as readonly string[]).includes(s);

async function measureFailures(ctx: MetricsContext, signature: string): Promise<Measured> {
  if (!isCause(signature)) return { problem: `"${signature}" is not a known failure signature (${CAUSES.join(", ")})` };
  const read = await ctx.reader.failures(ctx.interval, ctx.live);
  // A capped read has lost its oldest entries: its count is only a lower bound.
  if (read.value.truncated) return { problem: "too many failure log entries in the window to count them all" };
  const end = dataEnd(read, ctx.interval);
  const start = windowStart(ctx.interval, end);
  const count = read.value.events.filter((e) => {
    const t = Date.parse(e.time);
    return e.cause === signature && t >= start && t < end;
  }).length;
  return { entry: { value: count, measuredAt: iso(end) } };
}

/**
 * A percentile over the whole window: one alignment period as long as the window, so Cloud
 * Monitoring merges the window's distribution before taking the percentile (percentiles of
 * shorter periods cannot be combined). For `all`, the slowest service's value — an upper
 * bound of the merged percentile, so a "< 2s" criterion never passes on a flattering number.
 */
async function measureLatency(
  ctx: MetricsContext,
  scope: ServiceScope,
  percentile: 50 | 95 | 99,
  windowSeconds: number,
): Promise<Measured> {
  const problem = unknownService(ctx.config, scope);
  if (problem) return { problem };
  const periodSeconds = Math.max(60, Math.ceil(windowSeconds / 60) * 60);
  const endMs = Math.floor(ctx.now / MINUTE_MS) * MINUTE_MS;
  const interval = { startMs: endMs - periodSeconds * 1_000, endMs, periodSeconds };
  const read = await ctx.reader.series(startupLatency({ ...ctx.scope, interval }, percentile), ctx.live);
  const services = scope.kind === "all" ? deployedServices(ctx.config) : [scope.name];
  const values = read.value
    .filter((s) => services.includes(s.labels.service_name ?? ""))
    .flatMap((s) => s.points.map((p) => p.v))
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const end = dataEnd(read, interval);
  return { entry: { value: values.length ? Math.max(...values) : null, measuredAt: iso(end) } };
}

/**
 * The connector's smallest headroom in the window, against the one capacity table's ceiling
 * for the instances in force (lib/core/connector-capacity). Dated by the oldest of its reads.
 */
async function measureConnectorHeadroom(ctx: MetricsContext): Promise<Measured> {
  const [sent, received, instances] = await Promise.all([
    ctx.reader.series(connectorBytes(ctx.scope, "sent"), ctx.live),
    ctx.reader.series(connectorBytes(ctx.scope, "received"), ctx.live),
    ctx.reader.series(connectorInstances(ctx.scope), ctx.live),
  ]);
  const end = Math.min(...[sent, received, instances].map((r) => dataEnd(r, ctx.interval)));
  const headrooms = headroomSeries(
    throughputBits(sent.value, received.value),
    oneLine(instances.value, sumOf),
    ceilingBasis(ctx.config.connector),
  );
  return { entry: { value: lowestHeadroom(headrooms, windowStart(ctx.interval, end), end), measuredAt: iso(end) } };
}

export function isMetricNeed(m: Measurement): boolean {
  switch (m.kind) {
    case "startup_success_rate":
    case "startup_failures":
    case "failures":
      return true;
    case "percentile":
      return m.series.kind === "startup_latency";
    case "error_budget_remaining":
    case "burn_rate":
    case "connector_headroom":
      return true;
    default:
      return false;
  }
}

function describeError(err: unknown): string {
  if (err instanceof UpstreamError)
    return `${err.api === "monitoring" ? "Cloud Monitoring" : "Cloud Logging"} answered ${err.code}: ${err.message}`;
  return `the read failed: ${err instanceof Error ? err.message : String(err)}`;
}

async function measureOne(reader: Reader, config: StagingConfig, m: Measurement, now: number): Promise<Measured> {
  switch (m.kind) {
    case "startup_success_rate":
    case "startup_failures":
      return measureStartups(windowContext(reader, config, m.windowSeconds, now), m);
    case "failures":
      return measureFailures(windowContext(reader, config, m.windowSeconds, now), m.signature);
    case "percentile":
      if (m.series.kind !== "startup_latency") return { problem: "not a metric measurement" };
      return measureLatency(
        windowContext(reader, config, m.windowSeconds, now),
        m.series.service,
        m.percentile,
        m.windowSeconds,
      );
    case "error_budget_remaining":
    case "burn_rate":
      return measureSlo(reader, config, m, now);
    case "connector_headroom":
      return measureConnectorHeadroom(windowContext(reader, config, m.windowSeconds, now));
    default:
      return { problem: "not a metric measurement" };
  }
}

/** Every metric need, each on its own: one failed read leaves only its own entries unknown. */
export async function measureMetrics(
  reader: Reader,
  config: StagingConfig,
  needs: readonly DataNeed[],
  now: number,
): Promise<Record<string, Measured>> {
  const settled = await Promise.all(
    needs.map(async (need) => {
      try {
        return [need.key, await measureOne(reader, config, need.measurement, now)] as const;
      } catch (err) {
        return [need.key, { problem: describeError(err) }] as const;
      }
    }),
  );
  return Object.fromEntries(settled);
}
