import { describe, expect, it } from "vitest";
import { createShareLinkSchema, demoAtFromSearch, resolveDemoAt, SHARE_DEFAULT_SECONDS } from "./schemas";
import { configWith } from "./testing";

const NOW = Date.parse("2025-09-17T12:00:00.000Z");

describe("resolveDemoAt", () => {
  it.each<[string, string]>([
    ["15:00", "2025-09-17T15:00:00.000Z"],
    ["12:00", "2025-09-17T12:00:00.000Z"],
    // Passed less than an hour ago: still today (the demo is on, or just over).
    ["11:30", "2025-09-17T11:30:00.000Z"],
    // Passed longer ago: the next one, tomorrow.
    ["09:00", "2025-09-18T09:00:00.000Z"],
    ["00:00", "2025-09-18T00:00:00.000Z"],
    [" 23:59 ", "2025-09-17T23:59:00.000Z"],
    ["2025-09-17T15:00:00Z", "2025-09-17T15:00:00.000Z"],
    ["2025-09-17T17:00:00+02:00", "2025-09-17T15:00:00.000Z"],
    ["2025-09-17T06:00:00Z", "2025-09-17T06:00:00.000Z"],
  ])("%s → %s", (text, iso) => {
    const r = resolveDemoAt(text, NOW);
    expect(r.ok && r.at.toISOString()).toBe(iso);
  });

  it.each<[string, RegExp]>([
    ["24:00", /time of day/],
    ["9:00", /time of day/],
    ["15:60", /time of day/],
    ["3pm", /time of day/],
    ["2025-09-17T15:00:00", /time of day/],
    ["2025-09-15T12:00:00Z", /more than a day ago/],
    ["2025-09-25T12:00:01Z", /within the next 7 days/],
    ["", /time of day/],
  ])("rejects %j", (text, message) => {
    const r = resolveDemoAt(text, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("the page keeps a good time's text and reports a bad one without using it", () => {
    expect(demoAtFromSearch("15:00", NOW)).toEqual({
      text: "15:00",
      at: new Date("2025-09-17T15:00:00.000Z"),
      error: null,
    });
    expect(demoAtFromSearch(["15:00", "16:00"], NOW)).toEqual({ text: undefined, at: undefined, error: null });
    expect(demoAtFromSearch("tea time", NOW)).toMatchObject({
      text: undefined,
      at: undefined,
      error: expect.stringMatching(/time of day/),
    });
  });
});

describe("createShareLinkSchema", () => {
  it("defaults to 24 hours and bounds the expiry to a minute .. a week", () => {
    expect(createShareLinkSchema.parse(undefined)).toEqual({ expiresInSeconds: SHARE_DEFAULT_SECONDS });
    expect(createShareLinkSchema.parse({ expiresInSeconds: 60, note: " Acme " })).toEqual({
      expiresInSeconds: 60,
      note: "Acme",
    });
    expect(createShareLinkSchema.safeParse({ expiresInSeconds: 59 }).success).toBe(false);
    expect(createShareLinkSchema.safeParse({ expiresInSeconds: 7 * 86_400 + 1 }).success).toBe(false);
    expect(createShareLinkSchema.safeParse({ expiresInSeconds: 3_600, role: "admin" }).success).toBe(false);
  });
});

describe("readiness in the staging config", () => {
  const check = {
    id: "backend",
    label: "Backend is healthy",
    expr: 'probe_status("backend-health") == "up"',
    severity: "blocker",
    maxAgeSeconds: 120,
  };

  it("webhooks default to generic JSON, a 5 s timeout and 6 attempts", () => {
    const cfg = configWith({ checks: [check], webhooks: [{ url: "https://hooks.example.com/x" }] });
    expect(cfg.readiness.webhooks).toEqual([
      { url: "https://hooks.example.com/x", kind: "json", timeoutMs: 5_000, maxAttempts: 6 },
    ]);
    expect(configWith({ checks: [check] }).readiness.webhooks).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    [
      "an expression that cannot be read",
      { checks: [{ ...check, expr: "probe_status(backend) == up" }] },
      /readiness\.checks\[0\]\.expr: at column/,
    ],
    [
      "two checks with one id",
      { checks: [check, check] },
      /readiness\.checks\[1\]\.id: duplicate readiness check id "backend"/,
    ],
    [
      "a webhook that is not http(s)",
      { checks: [check], webhooks: [{ url: "ftp://example.com/x" }] },
      /readiness\.webhooks\[0\]\.url/,
    ],
    [
      "an unknown webhook kind",
      { checks: [check], webhooks: [{ url: "https://example.com/x", kind: "teams" }] },
      /readiness\.webhooks\[0\]\.kind/,
    ],
    [
      "a typo in a webhook",
      { checks: [check], webhooks: [{ url: "https://example.com/x", timeout: 5 }] },
      /readiness\.webhooks\[0\]/,
    ],
  ])("rejects %s", (_name, readiness, message) => {
    expect(() => configWith(readiness)).toThrow(message);
  });
});
