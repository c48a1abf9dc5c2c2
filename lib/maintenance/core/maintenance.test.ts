import { describe, expect, it } from "vitest";
import {
  activeAt,
  configWindows,
  coveredMs,
  createMaintenanceSchema,
  maintenanceConfigSchema,
  occurrencesBetween,
  parseScope,
  probeScopes,
  subjectScopes,
  windowFor,
  type MaintenanceWindow,
} from "./index";

const T = Date.parse("2026-12-07T10:00:00Z");
const MIN = 60_000;
const win = (id: string, scope: MaintenanceWindow["scope"], from: number, to: number): MaintenanceWindow => ({
  id,
  scope,
  reason: `work ${id}`,
  startsAt: T + from * MIN,
  endsAt: T + to * MIN,
  createdBy: "engineer",
  source: "api",
  recurrence: null,
  endedEarly: null,
});

describe("scopes", () => {
  it.each([
    ["everything", "everything"],
    ["service:backend", "service:backend"],
    ["probe:backend-health", "probe:backend-health"],
    ["probe:", null],
    ["service:Backend", null],
    ["host:x", null],
    ["everything ", null],
    ["probe:a\nb", null],
  ])("%j → %j", (text, scope) => expect(parseScope(text)).toBe(scope));

  it("a probe sits in everything, itself and its service", () => {
    expect(probeScopes({ name: "api", service: "backend" })).toEqual(["everything", "probe:api", "service:backend"]);
    expect(subjectScopes("probe:api", [{ name: "api", service: "backend" }])).toContain("service:backend");
    expect(subjectScopes("overview", [])).toEqual(["everything"]);
    expect(subjectScopes("slo:startup-auth", [], () => "auth")).toEqual(["everything", "service:auth"]);
  });

  it("a rehearsal sits where its browser probe does; a change to a service in that service", () => {
    const probes = [{ name: "demo-rehearsal", service: "backend" }];
    expect(subjectScopes("rehearsal:demo-rehearsal", probes)).toEqual([
      "everything",
      "probe:demo-rehearsal",
      "service:backend",
    ]);
    expect(subjectScopes("change:service:backend:operations/abc:1", probes)).toEqual(["everything", "service:backend"]);
    // Other resources (the connector, Cloud SQL) are staging-wide: only "everything" covers them.
    expect(subjectScopes("change:connector:staging-connector:op-1", probes)).toEqual(["everything"]);
    expect(subjectScopes("change:service:Not A Name:op-1", probes)).toEqual(["everything"]);
  });
});

describe("which window covers a thing at t", () => {
  const windows = [win("a", "probe:api", -10, 10), win("b", "service:backend", -5, 30), win("c", "everything", 20, 40)];
  it.each([
    // [minutes from T, scopes, expected window]
    [0, probeScopes({ name: "api", service: "backend" }), "b"], // both cover it: the one that ends last
    [0, probeScopes({ name: "api" }), "a"],
    [0, probeScopes({ name: "web" }), null],
    [10, probeScopes({ name: "api" }), null], // the end is exclusive
    [-10, probeScopes({ name: "api" }), "a"], // the start is inclusive
    [25, ["everything"] as const, "c"],
    [40, ["everything"] as const, null],
  ])("at %i min, %j → %j", (m, scopes, id) => {
    expect(windowFor(windows, scopes, T + m * MIN)?.id ?? null).toBe(id);
  });
  it("lists what runs, the one ending last first", () => {
    expect(activeAt(windows, T + 25 * MIN).map((w) => w.id)).toEqual(["c", "b"]);
  });
});

describe("minutes covered (for an SLO's budget)", () => {
  it("counts overlapping windows once and clips to the range", () => {
    const ws = [win("a", "everything", 0, 30), win("b", "everything", 20, 50), win("x", "probe:p", 0, 600)];
    expect(coveredMs(ws, ["everything"], T - 60 * MIN, T + 40 * MIN)).toBe(40 * MIN);
    expect(coveredMs(ws, ["everything"], T + 45 * MIN, T + 120 * MIN)).toBe(5 * MIN);
    expect(coveredMs(ws, ["service:x"], T, T + 60 * MIN)).toBe(0);
  });
});

describe("recurring windows", () => {
  it("starts at the same wall-clock time in its time zone across a daylight-saving change", () => {
    const w = {
      id: "weekly",
      scope: "everything" as const,
      reason: "patching",
      cron: "0 4 * * 0",
      timeZone: "Europe/Berlin",
      durationMs: 60 * MIN,
    };
    // 2026-10-25 is the Sunday Berlin leaves summer time (UTC+2 → UTC+1).
    const got = occurrencesBetween(w, Date.parse("2026-10-17T00:00:00Z"), Date.parse("2026-11-02T00:00:00Z"));
    expect(got.map((o) => new Date(o.startsAt).toISOString())).toEqual([
      "2026-10-18T02:00:00.000Z",
      "2026-10-25T03:00:00.000Z",
      "2026-11-01T03:00:00.000Z",
    ]);
    expect(got[0]?.endsAt).toBe(Date.parse("2026-10-18T03:00:00Z"));
  });
  it("includes an occurrence that started before the range and still runs", () => {
    const w = {
      id: "n",
      scope: "everything" as const,
      reason: "r",
      cron: "30 9 * * *",
      timeZone: "UTC",
      durationMs: 60 * MIN,
    };
    const got = occurrencesBetween(w, T, T + 1);
    expect(got.map((o) => o.id)).toEqual(["n@2026-12-07T09:30:00.000Z"]);
    expect(windowFor(got, ["everything"], T)?.reason).toBe("r");
  });
});

describe("the config section", () => {
  it("reads one-off and recurring windows", () => {
    const cfg = maintenanceConfigSchema.parse({
      windows: [
        {
          id: "migration",
          scope: "service:backend",
          reason: "Connector migration",
          start: "2026-12-07T09:00:00Z",
          end: "2026-12-07T11:00:00Z",
        },
        {
          id: "nightly",
          scope: "probe:db",
          reason: "Backups",
          cron: "0 3 * * *",
          timeZone: "America/New_York",
          duration: "30m",
        },
      ],
    });
    const ws = configWindows(cfg, T - 86_400_000, T + 86_400_000);
    expect(windowFor(ws, ["everything", "service:backend"], T)?.id).toBe("migration");
    expect(ws.filter((w) => w.recurrence !== null).map((w) => new Date(w.startsAt).toISOString())).toEqual([
      "2026-12-07T08:00:00.000Z",
      "2026-12-08T08:00:00.000Z",
    ]);
  });
  it.each([
    [{ id: "x", scope: "everything", reason: "r", cron: "0 3 * *", duration: "1h" }, "windows.0.cron"],
    [
      { id: "x", scope: "everything", reason: "r", cron: "0 3 * * *", timeZone: "Mars/Base", duration: "1h" },
      "windows.0.cron",
    ],
    [
      { id: "x", scope: "everything", reason: "r", start: "2026-12-07T11:00:00Z", end: "2026-12-07T10:00:00Z" },
      "windows.0.end",
    ],
  ])("refuses %j at %s", (w, path) => {
    const r = maintenanceConfigSchema.safeParse({ windows: [w] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

describe("the create input", () => {
  const ok = { scope: "probe:api", duration: "90m", reason: "Upgrading the API" };
  it("reads a duration in milliseconds", () => {
    expect(createMaintenanceSchema.parse(ok).duration).toBe(90 * MIN);
  });
  it.each([
    [{ ...ok, duration: "ninety" }, "duration"],
    [{ ...ok, duration: "10s" }, "duration"],
    [{ ...ok, duration: "8d" }, "duration"],
    [{ ...ok, scope: "probe:../x" }, "scope"],
    [{ ...ok, reason: "x".repeat(201) }, "reason"],
    [{ ...ok, reason: "line\r\nInjected: yes" }, "reason"],
    [{ ...ok, reason: "   " }, "reason"],
    [{ ...ok, extra: 1 }, ""],
  ])("refuses %j naming %j", (input, field) => {
    const r = createMaintenanceSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path.join(".")).toBe(field);
  });
});
