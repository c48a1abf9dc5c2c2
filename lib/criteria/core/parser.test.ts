import { describe, expect, it } from "vitest";
import { dataNeeds, dataNeedsOfAll } from "./data-needs";
import { comparisons, parseCriterion } from "./parser";
import type { CompareNode, Expr } from "./types";

function parse(src: string): Expr {
  const r = parseCriterion(src);
  if (!r.ok) throw new Error(`unexpected parse error: ${r.error.message}`);
  return r.ast;
}

function single(src: string): CompareNode {
  const e = parse(src);
  if (e.kind !== "compare") throw new Error(`expected one comparison in ${src}`);
  return e;
}

describe("parseCriterion: valid comparisons", () => {
  it.each([
    ["startup_success_rate(all, 24h) > 0.95", "startup_success_rate|all|86400", "ratio", ">", 0.95, "24h"],
    ['startup_success_rate("backend", 30m) >= 95%', "startup_success_rate|backend|1800", "ratio", ">=", 0.95, "30m"],
    ['startup_failures("backend", 15m) == 0', "startup_failures|backend|900", "number", "==", 0, "15m"],
    ['probe_uptime("backend-health", 6h) >= 0.99', "probe_uptime|backend-health|21600", "ratio", ">=", 0.99, "6h"],
    ['probe_status("auth-health") == "up"', "probe_status|auth-health", "string", "==", "up", null],
    ['probe_status("auth-health") != "missing"', "probe_status|auth-health", "string", "!=", "missing", null],
    ['failures("db-socket-timeout", 1h) == 0', "failures|db-socket-timeout|3600", "number", "==", 0, "1h"],
    [
      'p95(probe_phase("cloudsql", "connect"), 1h) < 200ms',
      "p95|probe_phase|cloudsql|connect|3600",
      "duration",
      "<",
      200,
      "1h",
    ],
    ["p99(startup_latency(all), 2d) <= 30s", "p99|startup_latency|all|172800", "duration", "<=", 30_000, "2d"],
    ["p50(startup_latency(all), 90s) < 1.5s", "p50|startup_latency|all|90", "duration", "<", 1_500, "90s"],
    ["blocking_phases() == 0", "blocking_phases", "number", "==", 0, null],
    ["startup_success_rate(all,60m)>1", "startup_success_rate|all|3600", "ratio", ">", 1, "60m"],
  ])("%s", (src, key, type, op, threshold, window) => {
    const node = single(src);
    expect(node.key).toBe(key);
    expect(node.valueType).toBe(type);
    expect(node.op).toBe(op);
    expect(node.threshold.value).toBe(threshold);
    expect(node.window).toBe(window);
    expect(node.text).toBe(src);
  });

  it("keeps the measured side as written, for reasons", () => {
    expect(single('  failures("db-socket-timeout", 1h)   == 0  ').subject).toBe('failures("db-socket-timeout", 1h)');
  });

  it("normalises windows so 60m and 1h share one key", () => {
    expect(single("startup_success_rate(all, 60m) > 0.9").key).toBe(single("startup_success_rate(all, 1h) > 0.9").key);
  });

  it("percent-encodes | and % in names' keys so a name cannot forge another key", () => {
    // Slugs cannot hold | today; the key builder still must not depend on that.
    expect(single('probe_status("a-b") == "up"').key).toBe("probe_status|a-b");
  });
});

describe("parseCriterion: and / or", () => {
  function shape(e: Expr): string {
    return e.kind === "compare" ? (e.key.split("|")[0] ?? "") : `(${shape(e.left)} ${e.kind} ${shape(e.right)})`;
  }

  it.each([
    ['blocking_phases() == 0 and probe_status("a") == "up"', "(blocking_phases and probe_status)"],
    // and binds tighter than or
    [
      'blocking_phases() == 0 or probe_status("a") == "up" and failures("x", 1h) == 0',
      "(blocking_phases or (probe_status and failures))",
    ],
    [
      '(blocking_phases() == 0 or probe_status("a") == "up") and failures("x", 1h) == 0',
      "((blocking_phases or probe_status) and failures)",
    ],
    [
      'blocking_phases() == 0 and probe_status("a") == "up" and failures("x", 1h) == 0',
      "((blocking_phases and probe_status) and failures)",
    ],
    ["((blocking_phases() == 0))", "blocking_phases"],
  ])("%s", (src, expected) => {
    expect(shape(parse(src))).toBe(expected);
  });

  it("lists comparisons in source order", () => {
    const e = parse('probe_status("a") == "up" or (failures("x", 1h) == 0 and blocking_phases() == 0)');
    expect(comparisons(e).map((c) => c.measurement.kind)).toEqual(["probe_status", "failures", "blocking_phases"]);
  });
});

describe("dataNeeds", () => {
  it("lists each measurement once, with its typed description", () => {
    const e = parse(
      'probe_status("a") == "up" or (probe_status("a") != "down" and startup_success_rate("backend", 30m) >= 95%)',
    );
    expect(dataNeeds(e)).toEqual([
      { key: "probe_status|a", measurement: { kind: "probe_status", probe: "a" } },
      {
        key: "startup_success_rate|backend|1800",
        measurement: {
          kind: "startup_success_rate",
          service: { kind: "service", name: "backend" },
          windowSeconds: 1800,
        },
      },
    ]);
  });

  it("describes percentile series fully", () => {
    expect(dataNeeds(parse('p95(probe_phase("cloudsql", "connect"), 1h) < 200ms'))).toEqual([
      {
        key: "p95|probe_phase|cloudsql|connect|3600",
        measurement: {
          kind: "percentile",
          percentile: 95,
          series: { kind: "probe_phase", probe: "cloudsql", phase: "connect" },
          windowSeconds: 3600,
        },
      },
    ]);
  });

  it("merges the needs of several expressions", () => {
    const keys = dataNeedsOfAll([
      parse("blocking_phases() == 0"),
      parse('blocking_phases() == 1 or failures("x", 1h) == 0'),
    ]).map((n) => n.key);
    expect(keys).toEqual(["blocking_phases", "failures|x|3600"]);
  });
});
