import type { FakeGoogle, Reply } from "@/lib/gcp/testing";

/**
 * Scripted answers for the fake Google server that look like staging during the incident:
 * the responder builds points inside whatever interval the client asked for, keyed by the
 * metric type in the request's filter, so every catalogue query gets a plausible answer.
 */

export type Scenario = {
  /** [healthy, unhealthy] start-up probes per period, per service. */
  probes: Record<string, [number, number]>;
  /** Connector instances per period, oldest first (the last value repeats). */
  connectorInstances: number[];
  /** Database up (1/0) per period, oldest first (the last value repeats). */
  up: number[];
};

export const INCIDENT: Scenario = {
  probes: { backend: [0, 5], auth: [0, 3] },
  connectorInstances: [2, 2, 3],
  up: [1],
};

type Req = Record<string, unknown>;
const seconds = (req: Req, which: "startTime" | "endTime") =>
  Number((req.interval as Record<string, { seconds: string }>)[which]?.seconds);
const period = (req: Req) =>
  Number((req.aggregation as { alignmentPeriod: { seconds: string } }).alignmentPeriod.seconds);

function ends(req: Req): number[] {
  const start = seconds(req, "startTime");
  const end = seconds(req, "endTime");
  const p = period(req);
  const out: number[] = [];
  for (let t = start + p; t <= end; t += p) out.push(t);
  return out;
}

type Value = { int64Value: string } | { doubleValue: number };
const int = (n: number): Value => ({ int64Value: String(n) });
const dbl = (n: number): Value => ({ doubleValue: n });
const pick = (list: number[], i: number) => list[Math.min(i, list.length - 1)] ?? 0;

function series(req: Req, labels: Record<string, string>, value: (i: number) => Value) {
  // Newest first, as Cloud Monitoring answers.
  const points = ends(req)
    .map((t, i) => ({ interval: { endTime: { seconds: String(t) } }, value: value(i) }))
    .reverse();
  return { resource: { labels }, metric: { labels: {} }, points };
}

export function metricType(req: Req): string {
  return /metric\.type = "([^"]+)"/.exec(String(req.filter))?.[1] ?? "";
}

export function stagingResponder(scenario: Scenario) {
  return (req: Req): Reply => {
    const type = metricType(req);
    const ts: object[] = [];
    switch (type) {
      case "run.googleapis.com/container/completed_probe_count":
        for (const [service, [healthy, unhealthy]] of Object.entries(scenario.probes)) {
          if (healthy) ts.push(series(req, { service_name: service, is_healthy: "true" }, () => int(healthy)));
          if (unhealthy) ts.push(series(req, { service_name: service, is_healthy: "false" }, () => int(unhealthy)));
        }
        break;
      case "run.googleapis.com/container/startup_latencies": {
        const p = Number(
          /ALIGN_PERCENTILE_(\d+)/.exec(
            String((req.aggregation as { perSeriesAligner: string }).perSeriesAligner),
          )?.[1],
        );
        for (const service of Object.keys(scenario.probes))
          ts.push(series(req, { service_name: service }, () => dbl(p * 100)));
        break;
      }
      case "run.googleapis.com/container/instance_count":
        ts.push(series(req, { service_name: "backend", state: "active" }, () => int(10)));
        ts.push(series(req, { service_name: "backend", state: "idle" }, () => int(1)));
        break;
      case "vpcaccess.googleapis.com/connector/sent_bytes_count":
        ts.push(series(req, { connector_name: "staging-connector" }, () => dbl(10e6))); // 80 Mbit/s
        break;
      case "vpcaccess.googleapis.com/connector/received_bytes_count":
        ts.push(series(req, { connector_name: "staging-connector" }, () => dbl(5e6))); // 40 Mbit/s
        break;
      case "vpcaccess.googleapis.com/connector/instances":
        ts.push(series(req, { connector_name: "staging-connector" }, (i) => int(pick(scenario.connectorInstances, i))));
        break;
      case "vpcaccess.googleapis.com/connector/cpu/utilizations":
        ts.push(series(req, { connector_name: "staging-connector" }, () => dbl(0.93)));
        break;
      case "cloudsql.googleapis.com/database/up":
        ts.push(
          series(req, { database_id: "netra-staging:staging-shared-postgres" }, (i) => int(pick(scenario.up, i))),
        );
        break;
      case "cloudsql.googleapis.com/database/postgresql/num_backends":
        ts.push(series(req, { database_id: "netra-staging:staging-shared-postgres" }, () => int(95)));
        break;
      case "cloudsql.googleapis.com/database/cpu/utilization":
      case "cloudsql.googleapis.com/database/memory/utilization":
        ts.push(series(req, { database_id: "netra-staging:staging-shared-postgres" }, () => dbl(0.5)));
        break;
      default:
        return { error: { code: 3, details: `the fake has no metric ${type}` } };
    }
    return { response: { timeSeries: ts } };
  };
}

/** Failure log entries, newest first, a few seconds apart before `endMs`. */
export function failureEntries(endMs: number, lines: { service: string; text: string }[]) {
  return lines.map((l, i) => {
    const ms = endMs - 10_000 * (i + 1);
    return {
      insertId: `e${i + 1}`,
      timestamp: { seconds: String(Math.floor(ms / 1000)), nanos: 0 },
      severity: "ERROR",
      resource: {
        type: "cloud_run_revision",
        labels: { service_name: l.service, revision_name: `${l.service}-00042-abc` },
      },
      textPayload: l.text,
    };
  });
}

export function answerLogs(fake: FakeGoogle, entries: object[]): void {
  fake.onListLogEntries(() => ({ response: { entries } }));
}
