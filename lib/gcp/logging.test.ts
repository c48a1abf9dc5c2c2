import { beforeEach, describe, expect, it } from "vitest";
import { grpc } from "google-gax";
import type { GcpClients } from "./clients";
import { upstreamCalls } from "./counter";
import { readFailureEvents } from "./logging";
import { withFakeGoogle, type FakeGoogle } from "./testing";
import { upstreamToApiError, type UpstreamError } from "./upstream-error";

let fake: FakeGoogle;
let clients: GcpClients;
const interval = { startMs: Date.UTC(2025, 0, 1, 11), endMs: Date.UTC(2025, 0, 1, 12) };
const budget = () => ({ deadlineAt: Date.now() + 5_000 });
const at = (iso: string) => ({ seconds: String(Date.parse(iso) / 1000), nanos: 250_000_000 });
const SERVICES = ["backend", "auth"];
const run = (service: string, revision: string) => ({
  type: "cloud_run_revision",
  labels: { service_name: service, revision_name: revision, location: "us-central1" },
});

withFakeGoogle((f, c) => {
  fake = f;
  clients = c;
});
beforeEach(() => {
  fake.logRequests.length = 0;
});

describe("readFailureEvents", () => {
  it("asks Cloud Logging for failure candidates in the range, newest first, and classifies them", async () => {
    fake.onListLogEntries(() => ({
      response: {
        entries: [
          {
            insertId: "e1",
            timestamp: at("2025-01-01T11:59:00Z"),
            severity: "ERROR",
            resource: run("backend", "backend-00042-abc"),
            textPayload: "Container called exit(3).",
          },
          {
            insertId: "e2",
            timestamp: at("2025-01-01T11:58:00Z"),
            severity: "ERROR",
            resource: run("backend", "backend-00042-abc"),
            jsonPayload: { fields: { message: { stringValue: "Database initialization timeout after 75.0s" } } },
          },
          {
            insertId: "e3",
            timestamp: at("2025-01-01T11:57:00Z"),
            severity: "ERROR",
            resource: run("auth", "auth-00007-xyz"),
            textPayload: "STARTUP TCP probe failed 1 time consecutively",
          },
          {
            insertId: "e4",
            timestamp: at("2025-01-01T11:56:00Z"),
            severity: "WARNING",
            resource: run("backend", "backend-00042-abc"),
            textPayload: "WebSocket handshake rejected: invalid JWT signature",
          },
          {
            insertId: "e5",
            timestamp: at("2025-01-01T11:55:00Z"),
            severity: "CRITICAL",
            resource: run("auth", "auth-00007-xyz"),
            textPayload: "Segmentation fault",
          },
          { insertId: "no-time", severity: "ERROR", textPayload: "entries without a timestamp are dropped" },
        ],
      },
    }));
    const read = await readFailureEvents(clients.logging, "netra-staging", interval, budget(), SERVICES);

    expect(fake.logRequests).toEqual([
      {
        resourceNames: ["projects/netra-staging"],
        filter: read.query,
        orderBy: "timestamp desc",
        pageSize: 1000,
        pageToken: "",
      },
    ]);
    expect(read.query).toContain('timestamp>="2025-01-01T11:00:00.000Z"');
    expect(read.query).toContain('(resource.labels.service_name="backend" OR resource.labels.service_name="auth")');
    expect(read.query).toContain('timestamp<"2025-01-01T12:00:00.000Z"');
    expect(read.truncated).toBe(false);
    expect(read.events.map((e) => [e.id, e.cause, e.service, e.revision, e.time, e.severity])).toEqual([
      ["e1", "exit-code", "backend", "backend-00042-abc", "2025-01-01T11:59:00.250Z", "ERROR"],
      ["e2", "db-socket-timeout", "backend", "backend-00042-abc", "2025-01-01T11:58:00.250Z", "ERROR"],
      ["e3", "startup-probe-failed", "auth", "auth-00007-xyz", "2025-01-01T11:57:00.250Z", "ERROR"],
      ["e4", "jwt-handshake", "backend", "backend-00042-abc", "2025-01-01T11:56:00.250Z", "WARNING"],
      ["e5", "other", "auth", "auth-00007-xyz", "2025-01-01T11:55:00.250Z", "CRITICAL"],
    ]);
    expect(read.events[1]?.message).toBe("Database initialization timeout after 75.0s");
    const link = read.events[0]?.explorerUrl ?? "";
    expect(link.startsWith("https://console.cloud.google.com/logs/query;query=")).toBe(true);
    expect(link.endsWith("?project=netra-staging")).toBe(true);
    expect(decodeURIComponent(link)).toContain('insertId="e1"');
    expect(decodeURIComponent(link)).toContain('resource.labels.revision_name="backend-00042-abc"');
  });

  it("follows page tokens over 3 pages", async () => {
    fake.onListLogEntries((req) => {
      const page = req.pageToken === "" ? 1 : Number(String(req.pageToken).slice(1));
      return {
        response: {
          entries: [
            {
              insertId: `page-${page}`,
              timestamp: at("2025-01-01T11:30:00Z"),
              resource: run("backend", "r"),
              textPayload: "Container called exit(3).",
            },
          ],
          nextPageToken: page < 3 ? `p${page + 1}` : "",
        },
      };
    });
    const before = upstreamCalls().listLogEntries;
    const read = await readFailureEvents(clients.logging, "netra-staging", interval, budget(), SERVICES);
    expect(fake.logRequests.map((r) => r.pageToken)).toEqual(["", "p2", "p3"]);
    expect(read.events.map((e) => e.id)).toEqual(["page-1", "page-2", "page-3"]);
    expect(upstreamCalls().listLogEntries - before).toBe(3);
  });

  it("returns no events for an empty answer", async () => {
    fake.onListLogEntries(() => ({ response: { entries: [] } }));
    expect((await readFailureEvents(clients.logging, "netra-staging", interval, budget(), SERVICES)).events).toEqual(
      [],
    );
  });

  it("names roles/logging.viewer when the read is denied", async () => {
    fake.onListLogEntries(() => ({
      error: { code: grpc.status.PERMISSION_DENIED, details: "Permission logging.logEntries.list denied" },
    }));
    const err = (await readFailureEvents(clients.logging, "netra-staging", interval, budget(), SERVICES).catch(
      (e: unknown) => e,
    )) as UpstreamError;
    expect(err).toMatchObject({ api: "logging", code: "PERMISSION_DENIED" });
    const api = upstreamToApiError(err, "netra-staging");
    expect(api.status).toBe(502);
    expect(api.message).toContain("roles/logging.viewer on project netra-staging");
  });

  it("gives up on a Logging API slower than the deadline", async () => {
    fake.onListLogEntries(() => ({ response: { entries: [] }, delayMs: 1_000 }));
    const err = await readFailureEvents(
      clients.logging,
      "netra-staging",
      interval,
      { deadlineAt: Date.now() + 150 },
      SERVICES,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ api: "logging", code: "DEADLINE_EXCEEDED" });
  });
});
