import { describe, expect, it } from "vitest";
import { matchesLogFilter, parseLogFilter, type LogFields } from "@/emulator/log-filter";
import { CAUSES, classify } from "@/lib/core/failure-causes";
import { failureQuery } from "./failures";
import { failureMetricFilter, failureMetricSpecs, failureMetricType } from "./log-metrics";

/** The per-cause filters put each failure line in exactly the metric classify() names (checked with the emulator's filter engine). */

function line(text: string, severity = "ERROR", service = "backend", logName?: string): LogFields {
  return {
    severity,
    timestampMs: 0,
    get: (field) =>
      ({
        "resource.type": "cloud_run_revision",
        "resource.labels.service_name": service,
        textPayload: text,
        logName: logName ?? "projects/p/logs/run.googleapis.com%2Fstderr",
      })[field],
  };
}

const matching = (fields: LogFields, services: readonly string[] | null = ["backend", "auth"]) =>
  CAUSES.filter((cause) => matchesLogFilter(parseLogFilter(failureMetricFilter(cause, services)), fields));

describe("failure metric filters", () => {
  it.each([
    'connection to server on socket "/cloudsql/p:us-central1:db/.s.PGSQL.5432" failed: Connection timed out',
    "Database initialization timeout after 8 s",
    "Container called exit(3).",
    'Default STARTUP TCP probe failed 1 time consecutively for container "backend-1" on port 8080.',
    "WebSocket handshake rejected (401): JWT signature verification failed",
    "Unhandled exception in worker",
  ])("%s lands in classify's cause only", (text) => {
    expect(matching(line(text))).toEqual([classify(text)]);
  });

  it("an INFO line counts nowhere; a clean exit counts only when Cloud Run logged it as an error", () => {
    expect(matching(line("Application startup complete.", "INFO"))).toEqual([]);
    // An instance shutting down (scale-in) is not a failure, at any severity below ERROR.
    expect(matching(line("Container called exit(0).", "INFO"))).toEqual([]);
    expect(matching(line("Container called exit(0).", "WARNING"))).toEqual([]);
    // At ERROR it exited before it was ready: a failed start-up, "other" as classify says.
    expect(matching(line("Container called exit(0).", "ERROR"))).toEqual([classify("Container called exit(0).")]);
    expect(matching(line("Container called exit(1).", "WARNING"))).toEqual(["exit-code"]);
  });

  it("the log read asks for the same candidate lines the metrics count", () => {
    const read = parseLogFilter(failureQuery(0, Date.UTC(2030, 0, 1), ["backend", "auth"]));
    for (const [text, severity] of [
      ["Container called exit(0).", "INFO"],
      ["Container called exit(0).", "ERROR"],
      ["Container called exit(3).", "WARNING"],
      ["Application startup complete.", "INFO"],
      ["Unhandled exception in worker", "ERROR"],
    ] as const)
      expect(matchesLogFilter(read, line(text, severity)), `${text} at ${severity}`).toBe(
        matching(line(text, severity)).length > 0,
      );
  });

  it("a failed deploy's audit entry (cloud_run_revision, ERROR) is a change, never a failed start-up", () => {
    const audit = line("", "ERROR", "backend", "projects/p/logs/cloudaudit.googleapis.com%2Factivity");
    expect(matching(audit)).toEqual([]);
    expect(matchesLogFilter(parseLogFilter(failureQuery(0, Date.UTC(2030, 0, 1), ["backend"])), audit)).toBe(false);
    // The same entry outside the audit log would be read: the exclusion is what keeps it out.
    expect(matchesLogFilter(parseLogFilter(failureQuery(0, Date.UTC(2030, 0, 1), ["backend"])), line(""))).toBe(true);
  });

  it("only the configured services are counted (null: every service)", () => {
    expect(matching(line("Container called exit(3).", "ERROR", "analytics"))).toEqual([]);
    expect(matching(line("Container called exit(3).", "ERROR", "analytics"), null)).toEqual(["exit-code"]);
    expect(matching(line("Container called exit(3).", "ERROR", "backend"), [])).toEqual([]);
  });

  it("names are valid Logging metric ids and stable; the service order does not change a filter", () => {
    for (const s of failureMetricSpecs(["auth", "backend"])) {
      expect(s.id).toMatch(/^[A-Za-z0-9_\-.]{1,100}$/);
      expect(failureMetricType(s.cause)).toBe(`logging.googleapis.com/user/${s.id}`);
      expect(s.filter).toBe(failureMetricFilter(s.cause, ["backend", "auth"]));
    }
  });
});
