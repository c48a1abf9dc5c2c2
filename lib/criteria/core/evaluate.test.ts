import { describe, expect, it } from "vitest";
import { combine, evaluate } from "./evaluate";
import { parseCriterion } from "./parser";
import type { EvalResult, Expr, Snapshot, SnapshotEntry } from "./types";

const NOW = new Date("2025-09-17T12:00:00.000Z");
const FRESH = "2025-09-17T11:59:00.000Z"; // 60 s old
const OLDER = "2025-09-17T11:58:00.000Z"; // 120 s old
const STALE = "2025-09-17T11:40:00.000Z"; // 20 min old, past the 10 min default

function parse(src: string): Expr {
  const r = parseCriterion(src);
  if (!r.ok) throw new Error(r.error.message);
  return r.ast;
}

function run(src: string, snapshot: Snapshot, opts = {}) {
  return evaluate(parse(src), snapshot, NOW, opts);
}

describe("evaluate: each function on fresh data", () => {
  it.each<[string, string, number | string, EvalResult, string]>([
    ["startup_success_rate(all, 24h) > 0.95", "startup_success_rate|all|86400", 0.973, "pass", "97.3%"],
    ["startup_success_rate(all, 24h) > 0.95", "startup_success_rate|all|86400", 0.95, "fail", "95.0%"],
    ['startup_success_rate("backend", 30m) >= 95%', "startup_success_rate|backend|1800", 0.95, "pass", "95.0%"],
    ['startup_success_rate("backend", 30m) >= 95%', "startup_success_rate|backend|1800", 0, "fail", "0.0%"],
    ['startup_failures("backend", 15m) == 0', "startup_failures|backend|900", 0, "pass", "0 failed start-ups"],
    ['startup_failures("backend", 15m) == 0', "startup_failures|backend|900", 12, "fail", "12 failed start-ups"],
    ['probe_uptime("backend-health", 6h) >= 0.99', "probe_uptime|backend-health|21600", 1, "pass", "100.0%"],
    ['probe_uptime("backend-health", 6h) >= 0.99', "probe_uptime|backend-health|21600", 0.9876, "fail", "98.7%"],
    ['probe_status("auth-health") == "up"', "probe_status|auth-health", "up", "pass", "up"],
    ['probe_status("auth-health") == "up"', "probe_status|auth-health", "down", "fail", "down"],
    ['probe_status("auth-health") != "missing"', "probe_status|auth-health", "missing", "fail", "missing"],
    ['failures("db-socket-timeout", 1h) == 0', "failures|db-socket-timeout|3600", 0, "pass", "0 failures"],
    ['failures("db-socket-timeout", 1h) == 0', "failures|db-socket-timeout|3600", 1, "fail", "1 failure"],
    [
      'p95(probe_phase("cloudsql", "connect"), 1h) < 200ms',
      "p95|probe_phase|cloudsql|connect|3600",
      183,
      "pass",
      "183 ms",
    ],
    [
      'p95(probe_phase("cloudsql", "connect"), 1h) < 200ms',
      "p95|probe_phase|cloudsql|connect|3600",
      200,
      "fail",
      "200 ms",
    ],
    ["p99(startup_latency(all), 1h) <= 30s", "p99|startup_latency|all|3600", 12_400, "pass", "12 s"],
    ["p99(startup_latency(all), 1h) <= 30s", "p99|startup_latency|all|3600", 31_000, "fail", "31 s"],
    ["blocking_phases() == 0", "blocking_phases", 0, "pass", "0 blocking phases"],
    ["blocking_phases() == 0", "blocking_phases", 1, "fail", "1 blocking phase"],
  ])("%s with %s = %s → %s", (src, key, value, result, measured) => {
    const ev = run(src, { [key]: { value, measuredAt: FRESH } });
    expect(ev.result).toBe(result);
    expect(ev.measured).toBe(measured);
    expect(ev.measuredAt).toBe(FRESH);
    expect(ev.evaluatedAt).toBe(NOW.toISOString());
    if (result === "fail") expect(ev.reason).toContain(`is ${measured}, needs`);
    else expect(ev.reason).toBeUndefined();
  });

  it("reports the window as written", () => {
    expect(run("startup_success_rate(all, 24h) > 0.95", {}).window).toBe("24h");
    expect(run('probe_status("a") == "up"', {}).window).toBeNull();
  });
});

describe("evaluate: missing, null, old or odd data is unknown, never pass", () => {
  const SRC = "startup_success_rate(all, 1h) > 0.95";
  const KEY = "startup_success_rate|all|3600";
  it.each<[string, SnapshotEntry | undefined, string, string]>([
    ["no entry", undefined, "missing", "no data"],
    ["null value", { value: null, measuredAt: FRESH }, "null", "no value was measured"],
    ["no measurement time", { value: 1, measuredAt: null }, "no-time", "no valid time"],
    ["unparseable time", { value: 1, measuredAt: "yesterday" }, "no-time", "no valid time"],
    ["older than the limit", { value: 1, measuredAt: STALE }, "stale", "20 min old (limit 10 min)"],
    ["time in the future", { value: 1, measuredAt: "2025-09-17T12:05:00.000Z" }, "future", "in the future"],
    ["text for a ratio", { value: "up", measuredAt: FRESH }, "invalid", "not a valid ratio"],
    ["ratio above 1", { value: 1.2, measuredAt: FRESH }, "invalid", "not a valid ratio"],
    ["not a number", { value: Number.NaN, measuredAt: FRESH }, "invalid", "not a valid ratio"],
    ["negative", { value: -0.5, measuredAt: FRESH }, "invalid", "not a valid ratio"],
  ])("%s", (_name, entry, cause, reason) => {
    const ev = run(SRC, entry ? { [KEY]: entry } : {});
    expect(ev.result).toBe("unknown");
    expect(ev.terms[0]?.cause).toBe(cause);
    expect(ev.reason).toContain(`startup_success_rate(all, 1h): `);
    expect(ev.reason).toContain(reason);
  });

  it("shows the stale value with its age, and keeps its time as the evidence time", () => {
    const ev = run(SRC, { [KEY]: { value: 0.99, measuredAt: STALE } });
    expect(ev.measured).toBe("99.0% (20 min old)");
    expect(ev.measuredAt).toBe(STALE);
  });

  it("takes the freshness limit from the caller", () => {
    const entry = { [KEY]: { value: 0.99, measuredAt: OLDER } };
    expect(run(SRC, entry, { maxAgeSeconds: 60 }).result).toBe("unknown");
    expect(run(SRC, entry, { maxAgeSeconds: 120 }).result).toBe("pass");
  });

  it("tolerates a little clock skew", () => {
    expect(run(SRC, { [KEY]: { value: 0.99, measuredAt: "2025-09-17T12:00:30.000Z" } }).result).toBe("pass");
  });

  it("a status probe with a text value that is not a known status still compares by text", () => {
    expect(run('probe_status("a") != "up"', { "probe_status|a": { value: "timeout", measuredAt: FRESH } }).result).toBe(
      "pass",
    );
  });
});

describe("three-valued and / or", () => {
  const R: EvalResult[] = ["pass", "fail", "unknown"];
  // The documented tables in evaluate.ts, row by row.
  const AND: Record<EvalResult, EvalResult[]> = {
    pass: ["pass", "fail", "unknown"],
    fail: ["fail", "fail", "fail"],
    unknown: ["unknown", "fail", "unknown"],
  };
  const OR: Record<EvalResult, EvalResult[]> = {
    pass: ["pass", "pass", "unknown"],
    fail: ["pass", "fail", "unknown"],
    unknown: ["unknown", "unknown", "unknown"],
  };
  const cases = R.flatMap((a) => R.map((b, i) => [a, b, AND[a][i], OR[a][i]] as const));

  it.each(cases)("%s ∘ %s: and → %s, or → %s", (a, b, and, or) => {
    expect(combine("and", a, b)).toBe(and);
    expect(combine("or", a, b)).toBe(or);
  });

  const entryFor: Record<EvalResult, SnapshotEntry | undefined> = {
    pass: { value: "up", measuredAt: FRESH },
    fail: { value: "down", measuredAt: OLDER },
    unknown: undefined,
  };
  function snap(a: EvalResult, b: EvalResult): Snapshot {
    return { "probe_status|a": entryFor[a], "probe_status|b": entryFor[b] };
  }

  it.each(cases)("expression %s ∘ %s: and → %s, or → %s", (a, b, and, or) => {
    const snapshot = snap(a, b);
    expect(run('probe_status("a") == "up" and probe_status("b") == "up"', snapshot).result).toBe(and);
    expect(run('probe_status("a") == "up" or probe_status("b") == "up"', snapshot).result).toBe(or);
  });

  it("nests as parsed: (fail or pass) and unknown → unknown; fail or (pass and unknown) → unknown", () => {
    const snapshot: Snapshot = { "probe_status|a": entryFor.fail, "probe_status|b": entryFor.pass };
    expect(
      run('(probe_status("a") == "up" or probe_status("b") == "up") and blocking_phases() == 0', snapshot).result,
    ).toBe("unknown");
    expect(
      run('probe_status("a") == "up" or probe_status("b") == "up" and blocking_phases() == 0', snapshot).result,
    ).toBe("unknown");
  });

  it("explains a compound result by the parts that decided it, with the oldest evidence time", () => {
    const ev = run('probe_status("a") == "up" and probe_status("b") == "up" and blocking_phases() == 0', {
      "probe_status|a": entryFor.pass,
      "probe_status|b": entryFor.fail,
    });
    expect(ev.result).toBe("fail");
    expect(ev.reason).toBe('probe_status("b") is down, needs == "up"');
    expect(ev.measured).toBe('probe_status("a") = up; probe_status("b") = down; blocking_phases() = no data');
    expect(ev.measuredAt).toBe(OLDER);
    expect(ev.terms.map((t) => t.result)).toEqual(["pass", "fail", "unknown"]);
  });

  it("a fresh failure is not made stale by an old part beside it", () => {
    const ev = run('probe_status("a") == "up" and probe_status("b") == "up"', {
      "probe_status|a": { value: "down", measuredAt: FRESH },
      "probe_status|b": { value: "up", measuredAt: STALE },
    });
    expect(ev.result).toBe("fail");
    expect(ev.measuredAt).toBe(FRESH);
    expect(ev.terms[1]?.cause).toBe("stale");
  });

  it("an undecided or names the unmeasured part", () => {
    const ev = run('probe_status("a") == "up" or probe_status("b") == "up"', snap("pass", "unknown"));
    expect(ev.reason).toBe('probe_status("b"): no data');
  });

  it("joins distinct windows", () => {
    expect(
      run('failures("x", 1h) == 0 and failures("y", 1h) == 0 and startup_success_rate(all, 30m) > 0.9', {}).window,
    ).toBe("1h, 30m");
  });
});
