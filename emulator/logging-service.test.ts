import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "./emulator";
import { configWorld, FIXED_NOW, loggingClient, rpcError, type ILogEntry, type LoggingClient } from "./testing";

/** Contract tests: the Cloud Logging v2 client shipped with @google-cloud/logging, against the emulator in the incident. */

let emulator: RunningEmulator;
let client: LoggingClient;
const project = "projects/netra-staging";
const iso = (msAgo: number) => new Date(FIXED_NOW - msAgo).toISOString();
const seconds = (e: ILogEntry) => Number(e.timestamp?.seconds) + (e.timestamp?.nanos ?? 0) / 1e9;

beforeAll(async () => {
  emulator = await startEmulator({ world: configWorld(), scenario: "incident", now: () => FIXED_NOW });
  client = loggingClient(emulator.ports.grpc);
});

afterAll(async () => {
  await client.close();
  await emulator.close();
});

async function entries(filter: string, extra: { orderBy?: string; pageSize?: number } = {}): Promise<ILogEntry[]> {
  const [list] = await client.listLogEntries({ resourceNames: [project], filter, ...extra }, { autoPaginate: false });
  return list;
}

describe("ListLogEntries", () => {
  it("filters on resource, service, severity, time range and text, newest first", async () => {
    const filter = [
      'resource.type="cloud_run_revision"',
      'resource.labels.service_name="backend"',
      "severity>=ERROR",
      `timestamp>="${iso(15 * 60_000)}"`,
      `timestamp<="${iso(0)}"`,
      'textPayload:"exit(3)"',
    ].join(" AND ");
    const list = await entries(filter, { orderBy: "timestamp desc", pageSize: 1000 });
    expect(list.length).toBeGreaterThan(20);
    for (const e of list) {
      expect(e.resource?.type).toBe("cloud_run_revision");
      expect(e.resource?.labels?.service_name).toBe("backend");
      expect(e.severity).toBe("ERROR");
      expect(e.textPayload).toBe("Container called exit(3).");
      expect(e.logName).toBe("projects/netra-staging/logs/run.googleapis.com%2Fvarlog%2Fsystem");
      expect(seconds(e)).toBeGreaterThanOrEqual((FIXED_NOW - 15 * 60_000) / 1000);
      expect(seconds(e)).toBeLessThanOrEqual(FIXED_NOW / 1000);
    }
    const times = list.map(seconds);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("orders oldest first by default and honours severity thresholds", async () => {
    const list = await entries(`timestamp>="${iso(5 * 60_000)}" severity>=WARNING`, { pageSize: 500 });
    const times = list.map(seconds);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(list.every((e) => e.severity === "ERROR" || e.severity === "WARNING")).toBe(true);
    const info = await entries(`timestamp>="${iso(5 * 60_000)}" AND severity=INFO`, { pageSize: 500 });
    expect(info.length).toBeGreaterThan(0);
    expect(info.every((e) => e.severity === "INFO")).toBe(true);
  });

  it("carries the seed's failure signatures, on the Cloud SQL socket path", async () => {
    const since = `timestamp>="${iso(10 * 60_000)}"`;
    const socket = await entries(
      `${since} AND textPayload:"/cloudsql/netra-staging:us-central1:staging-shared-postgres/.s.PGSQL.5432"`,
      { pageSize: 5 },
    );
    expect(socket[0]?.textPayload).toContain("Connection timed out");
    expect((await entries(`${since} AND textPayload:"STARTUP TCP probe failed"`, { pageSize: 5 })).length).toBe(5);
    expect(
      (await entries(`${since} AND textPayload:"Database initialization timeout after 8 s"`, { pageSize: 5 })).length,
    ).toBe(5);
  });

  it("never returns anything for the service that is not deployed", async () => {
    expect(
      await entries(`timestamp>="${iso(60 * 60_000)}" AND resource.labels.service_name="analytics"`, { pageSize: 100 }),
    ).toEqual([]);
  });

  it("pages with pageSize and pageToken without gaps or repeats", async () => {
    const filter = `timestamp>="${iso(10 * 60_000)}" AND severity=ERROR AND (resource.labels.service_name="auth" OR resource.labels.service_name="backend")`;
    const everything = await entries(filter, { orderBy: "timestamp desc", pageSize: 1000 });
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const [page, , response] = await client.listLogEntries(
        {
          resourceNames: [project],
          filter,
          orderBy: "timestamp desc",
          pageSize: 25,
          ...(pageToken ? { pageToken } : {}),
        },
        { autoPaginate: false },
      );
      expect(page.length).toBeLessThanOrEqual(25);
      seen.push(...page.map((e) => e.insertId ?? ""));
      pageToken = response.nextPageToken || undefined;
    } while (pageToken);
    expect(seen).toEqual(everything.map((e) => e.insertId ?? ""));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("writes Cloud Run's DEPLOYMENT_ROLLOUT line per deploy, the same whether or not the query reads only the timeline's entries", async () => {
    const window = [`timestamp>="${iso(48 * 3_600_000)}"`, `timestamp<="${iso(0)}"`];
    const fast = await entries([...window, 'textPayload:"Reason: DEPLOYMENT_ROLLOUT"'].join(" AND "), {
      pageSize: 1000,
    });
    const deployed = configWorld().services.filter((s) => s.deployed);
    expect(fast.map((e) => e.resource?.labels?.service_name).sort()).toEqual(deployed.map((s) => s.name).sort());
    for (const e of fast) {
      expect(e.logName).toBe("projects/netra-staging/logs/run.googleapis.com%2Fvarlog%2Fsystem");
      expect(e.severity).toBe("INFO");
      expect(e.resource?.labels?.revision_name).toMatch(/-\d{5}-[a-z]{3}$/);
    }
    // The general path (every Cloud Run line of the minute) finds the same line.
    const first = fast[0];
    if (!first) throw new Error("no rollout line");
    const at = seconds(first) * 1000;
    const around = await entries(
      [
        `timestamp>="${new Date(at - 60_000).toISOString()}"`,
        `timestamp<="${new Date(at + 60_000).toISOString()}"`,
        'resource.type="cloud_run_revision"',
        'textPayload:"Starting new instance"',
      ].join(" AND "),
      { pageSize: 1000 },
    );
    expect(around.map((e) => e.insertId)).toContain(first.insertId);
  });

  it.each([
    [{ filter: "severity>=ERROR AND (" }, 3, "Unparseable filter"],
    [{ filter: 'timestamp>="yesterday"' }, 3, "not a timestamp"],
    [{ filter: "severity>=LOUD" }, 3, "unknown severity"],
    [{ pageSize: 5000 }, 3, "Field pageSize"],
    [{ orderBy: "severity desc" }, 3, "Field orderBy"],
    [{ resourceNames: ["projects/someone-else"] }, 7, "logging.logEntries.list"],
    [{ resourceNames: [] }, 3, "Field resourceNames"],
  ])("rejects %o with code %i", async (overrides, code, text) => {
    const err = await rpcError(
      client.listLogEntries(
        { resourceNames: [project], filter: "severity>=ERROR", ...overrides },
        { autoPaginate: false },
      ),
    );
    expect(err.code).toBe(code);
    expect(err.message).toContain(text);
  });
});
