import { describe, expect, it } from "vitest";
import { classify, countByWindow } from "./failure-causes";

describe("classify", () => {
  it.each([
    ["Container called exit(3).", "exit-code"],
    ["Container called exit(1).", "exit-code"],
    ["Container called exit(0).", "other"], // a clean shutdown is not a failure signature
    ['STARTUP TCP probe failed 1 time consecutively for container "backend-1" on port 8080.', "startup-probe-failed"],
    [
      'Default STARTUP HTTP probe failed 3 times consecutively for container "auth" on path "/health".',
      "startup-probe-failed",
    ],
    ["STARTUP GRPC probe failed 1 time consecutively", "startup-probe-failed"],
    [
      'psycopg2.OperationalError: connection to server on socket "/cloudsql/netra-staging:us-central1:staging-shared-postgres/.s.PGSQL.5432" failed: Connection timed out',
      "db-socket-timeout",
    ],
    ["Database initialization timeout after 75.0s", "db-socket-timeout"],
    ["Database initialization timeout after 8 s", "db-socket-timeout"],
    ["WebSocket handshake rejected: JWT signature verification failed", "jwt-handshake"],
    ["websocket auth failed: invalid token (secret mismatch between auth and backend)", "jwt-handshake"],
    ["Handshake failed: JWT_SECRET_STAGING does not match", "jwt-handshake"],
    ["Uncaught TypeError: undefined is not a function", "other"],
    ["", "other"],
  ])("%s → %s", (line, cause) => expect(classify(line)).toBe(cause));
});

describe("countByWindow", () => {
  it("counts per cause per aligned window and ignores events outside the range", () => {
    const interval = { startMs: Date.UTC(2025, 0, 1, 11), endMs: Date.UTC(2025, 0, 1, 11, 3), periodSeconds: 60 };
    const { totals, windows } = countByWindow(
      [
        { cause: "exit-code", time: "2025-01-01T11:00:00.000Z" },
        { cause: "exit-code", time: "2025-01-01T11:00:59.999Z" },
        { cause: "db-socket-timeout", time: "2025-01-01T11:02:10.000Z" },
        { cause: "other", time: "2025-01-01T11:03:00.000Z" }, // end is exclusive
        { cause: "other", time: "2025-01-01T10:59:59.000Z" },
      ],
      interval,
    );
    expect(totals).toEqual({
      "db-socket-timeout": 1,
      "exit-code": 2,
      "startup-probe-failed": 0,
      "jwt-handshake": 0,
      other: 0,
    });
    expect(
      windows.map((w) => [new Date(w.t).toISOString(), w.counts["exit-code"], w.counts["db-socket-timeout"]]),
    ).toEqual([
      ["2025-01-01T11:01:00.000Z", 2, 0],
      ["2025-01-01T11:02:00.000Z", 0, 0],
      ["2025-01-01T11:03:00.000Z", 0, 1],
    ]);
  });
});
