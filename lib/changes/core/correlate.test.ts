import { describe, expect, it } from "vitest";
import { changesFrom } from "./audit";
import { correlationSentence, nearestChangeBefore } from "./correlate";
import { auditRecord } from "./testing";

const T = Date.parse("2026-12-06T14:00:00Z");
const path = { services: ["backend", "auth"], connector: "staging-conn", database: "staging-db" };
const deploy = (id: string, timeMs: number, service = "backend", severity = "NOTICE") =>
  auditRecord({
    insertId: id,
    timeMs,
    severity,
    serviceName: "run.googleapis.com",
    methodName: "google.cloud.run.v1.Services.ReplaceService",
    resourceName: `namespaces/staging/services/${service}`,
    request: { service: { spec: { template: { metadata: { name: `${service}-000${id}` } } } } },
  });
const opts = { slackMs: 60_000, lookbackMs: 6 * 3_600_000 };

describe("nearestChangeBefore", () => {
  it("names the newest change on the path at or just before the failure, never a failed one or one off the path", () => {
    const changes = changesFrom([
      deploy("1", T - 3_600_000),
      deploy("2", T - 120_000),
      deploy("3", T - 60_000, "backend", "ERROR"),
      deploy("4", T - 30_000, "analytics"),
      deploy("5", T + 600_000),
    ]);
    expect(nearestChangeBefore(changes, T, path, opts)?.details.revision).toBe("backend-0002");
  });

  it("finds nothing outside the look-back", () => {
    expect(nearestChangeBefore(changesFrom([deploy("1", T - 7 * 3_600_000)]), T, path, opts)).toBeNull();
  });
});

describe("correlationSentence", () => {
  const [c] = changesFrom([deploy("42", T - 120_000)]);
  it.each([
    [
      T,
      "Start-ups failing since 14:00 UTC, 2 min after backend-00042 was deployed (a correlation in time, not a confirmed cause).",
    ],
    [
      null,
      "Start-ups failing since before the range; the last change before it: backend-00042 was deployed at 2026-12-06 13:58 UTC (a correlation in time, not a confirmed cause).",
    ],
  ])("since %s", (since, text) => {
    if (!c) throw new Error("no change");
    const sentence = correlationSentence(c, since, "Start-ups failing");
    expect(sentence).toBe(text);
    // A correlation is never called a cause.
    expect(sentence).not.toMatch(/\b(caused|because|due to|root cause)\b/i);
  });
});
