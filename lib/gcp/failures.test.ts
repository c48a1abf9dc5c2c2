import { describe, expect, it } from "vitest";
import { entryQuery, failureQuery, logsExplorerUrl } from "./failures";

describe("Logs Explorer links", () => {
  it("puts the time bounds inside the query and encodes it for the Console", () => {
    const query = failureQuery(Date.UTC(2025, 0, 1, 11), Date.UTC(2025, 0, 1, 12), ["backend", "auth"]);
    expect(query).toBe(
      [
        'resource.type="cloud_run_revision"',
        'timestamp>="2025-01-01T11:00:00.000Z"',
        'timestamp<"2025-01-01T12:00:00.000Z"',
        'NOT logName:"cloudaudit.googleapis.com"',
        '(resource.labels.service_name="backend" OR resource.labels.service_name="auth")',
        '(severity>=ERROR OR (textPayload:"Container called exit" AND NOT textPayload:"Container called exit(0)") OR textPayload:"probe failed" OR textPayload:".s.PGSQL." OR jsonPayload.message:".s.PGSQL." OR textPayload:"Database initialization timeout" OR jsonPayload.message:"Database initialization timeout" OR textPayload:"handshake" OR jsonPayload.message:"handshake")',
      ].join("\n"),
    );
    const url = logsExplorerUrl("netra-staging", query);
    expect(
      url.startsWith(
        "https://console.cloud.google.com/logs/query;query=resource.type%3D%22cloud_run_revision%22%0Atimestamp",
      ),
    ).toBe(true);
    expect(url.endsWith("?project=netra-staging")).toBe(true);
    expect(url).not.toMatch(/[()\s]/);
    const encoded = url.slice(url.indexOf(";query=") + 7, url.indexOf("?project="));
    expect(decodeURIComponent(encoded)).toBe(query);
  });

  it("reads only the configured services (none configured: matches nothing)", () => {
    expect(failureQuery(0, 1, ['a"b'])).toContain('(resource.labels.service_name="a\\"b")');
    expect(failureQuery(0, 1, [])).toContain('(resource.labels.service_name="")');
  });

  it("narrows an entry's query to its revision, insertId and a two-second window", () => {
    expect(
      entryQuery({
        id: 'abc"1',
        time: "2025-01-01T11:30:00.000Z",
        service: "backend",
        revision: "backend-00042-xyz",
        hasInsertId: true,
      }),
    ).toBe(
      [
        'resource.type="cloud_run_revision"',
        'resource.labels.service_name="backend"',
        'resource.labels.revision_name="backend-00042-xyz"',
        'insertId="abc\\"1"',
        'timestamp>="2025-01-01T11:29:59.000Z"',
        'timestamp<="2025-01-01T11:30:01.000Z"',
      ].join("\n"),
    );
    expect(
      entryQuery({ id: "x", time: "2025-01-01T11:30:00.000Z", service: null, revision: null, hasInsertId: false }),
    ).not.toContain("insertId");
  });
});
