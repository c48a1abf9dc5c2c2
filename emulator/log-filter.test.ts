import { describe, expect, it } from "vitest";
import { matchesLogFilter, parseLogFilter, timestampBounds, type LogFields } from "./log-filter";

const entry = (
  fields: Record<string, string>,
  severity = "ERROR",
  timestampMs = Date.parse("2025-09-17T12:00:00Z"),
): LogFields => ({
  severity,
  timestampMs,
  get: (f) => fields[f],
});
const backend = entry({
  "resource.type": "cloud_run_revision",
  "resource.labels.service_name": "backend",
  textPayload: "Container called exit(3).",
});

describe("Cloud Logging filters", () => {
  it.each([
    ['resource.labels.service_name="backend"', true],
    ['resource.labels.service_name="auth"', false],
    ['resource.labels.service_name!="auth"', true],
    ['textPayload:"EXIT(3)"', true],
    ['resource.type="cloud_run_revision" severity>=ERROR', true],
    ["severity>=CRITICAL", false],
    ["severity<WARNING", false],
    ['resource.labels.service_name="auth" OR textPayload:"exit"', true],
    ['NOT resource.labels.service_name="backend"', false],
    ['-textPayload:"exit"', false],
    ['(resource.labels.service_name="auth" OR resource.labels.service_name="backend") AND severity=ERROR', true],
    ['timestamp>="2025-09-17T11:59:00Z" AND timestamp<="2025-09-17T12:00:00Z"', true],
    ['timestamp>"2025-09-17T12:00:00Z"', false],
    ['labels.instanceId="x"', false],
  ])("%s → %s", (filter, expected) => {
    expect(matchesLogFilter(parseLogFilter(filter), backend)).toBe(expected);
  });

  it("extracts the time range to scan from top-level conditions", () => {
    const node = parseLogFilter(
      'timestamp>="2025-09-17T11:00:00Z" AND timestamp<"2025-09-17T12:00:00Z" AND severity>=ERROR',
    );
    expect(timestampBounds(node)).toEqual({
      from: Date.parse("2025-09-17T11:00:00Z"),
      to: Date.parse("2025-09-17T12:00:00Z"),
    });
    expect(timestampBounds(parseLogFilter('timestamp>="2025-09-17T11:00:00Z" OR severity>=ERROR'))).toEqual({
      from: -Infinity,
      to: Infinity,
    });
  });

  it.each(['severity>=ERROR AND (textPayload:"x"', 'textPayload:"unterminated', "= ERROR", "severity ERROR"])(
    "rejects %s as unparseable",
    (filter) => {
      expect(() => parseLogFilter(filter)).toThrow(/Unparseable filter/);
    },
  );
});
