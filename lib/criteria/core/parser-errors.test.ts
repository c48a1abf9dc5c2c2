import { describe, expect, it } from "vitest";
import { parseCriterion } from "./parser";

function errorOf(src: string) {
  const r = parseCriterion(src);
  if (r.ok) throw new Error(`expected ${src} to be rejected`);
  return r.error;
}

describe("parseCriterion: errors carry the column and what was expected", () => {
  it("formats the message as the tracker shows it", () => {
    expect(errorOf("startup_success_rate(all, banana) > 0.95").message).toBe(
      'at column 27: expected a duration such as 1h, got "banana"',
    );
  });

  it.each([
    // [source, column, expected contains, got]
    ["", 1, "a function (startup_success_rate", "end of input"],
    ["startup_rate(all, 1h) > 0.9", 1, "a function (startup_success_rate, startup_failures", '"startup_rate"'],
    ["startup_success_rate all, 1h) > 0.9", 22, '"(" after startup_success_rate', '"all"'],
    [
      "startup_success_rate(all) > 0.9",
      25,
      '"," — startup_success_rate takes 2 arguments: startup_success_rate(service, window)',
      '")"',
    ],
    ['probe_status("a", 1h) == "up"', 17, '")" — probe_status takes 1 argument: probe_status(probe)', '","'],
    ["blocking_phases(1) == 0", 17, '")" — blocking_phases takes no arguments', '"1"'],
    ["startup_success_rate(every, 1h) > 0.9", 22, 'all or a service name in quotes such as "backend"', '"every"'],
    ['startup_success_rate("all", 1h) > 0.9', 22, "all or a service name", '"\\"all\\""'],
    ['startup_success_rate("Backend", 1h) > 0.9', 22, "all or a service name", '"\\"Backend\\""'],
    ["probe_uptime(backend, 1h) > 0.9", 14, 'a probe name in quotes such as "backend-health"', '"backend"'],
    ['failures(1h, "x") == 0', 10, 'a failure signature in quotes such as "db-socket-timeout"', '"1h"'],
    ["startup_success_rate(all, 1) > 0.9", 27, "a duration such as 1h", '"1"'],
    ["startup_success_rate(all, 500ms) > 0.9", 27, "a window of whole seconds between 1s and 30d", '"500ms"'],
    ["startup_success_rate(all, 31d) > 0.9", 27, "a window of whole seconds between 1s and 30d", '"31d"'],
    [
      'p95(probe_phase("cloudsql", "handshake"), 1h) < 200ms',
      29,
      'a probe phase: "dns", "connect"',
      '"\\"handshake\\""',
    ],
    ['p95(failures("x", 1h), 1h) < 200ms', 5, "a series such as probe_phase", '"failures"'],
    [
      'probe_phase("cloudsql", "connect") < 200ms',
      1,
      "a measurement (probe_phase gives timings: wrap it",
      '"probe_phase"',
    ],
    ["blocking_phases()", 18, "a comparison (>, >=, <, <=, ==, !=)", "end of input"],
    ["blocking_phases() 0", 19, "a comparison", '"0"'],
    ["blocking_phases() = 0", 19, "== (a comparison)", '"= "'],
    ["blocking_phases() ! 0", 19, "!= (a comparison)", '"! "'],
    // types: 200ms compares only with durations, ratios with ratios, counts with whole numbers
    ["startup_success_rate(all, 1h) > 200ms", 33, "a ratio such as 0.95 or 95%", '"200ms"'],
    ["startup_success_rate(all, 1h) > 95", 33, "a ratio such as 0.95 or 95%", '"95"'],
    ["startup_success_rate(all, 1h) > 120%", 33, "a ratio such as 0.95 or 95%", '"120%"'],
    ['startup_success_rate(all, 1h) > "up"', 33, "a ratio", '"\\"up\\""'],
    ['p95(probe_phase("cloudsql", "connect"), 1h) < 200', 47, "a duration such as 200ms", '"200"'],
    ['p95(probe_phase("cloudsql", "connect"), 1h) < 20%', 47, "a duration such as 200ms", '"20%"'],
    ['failures("x", 1h) == 0.5', 22, "a whole number such as 0", '"0.5"'],
    ['failures("x", 1h) < 1m', 21, "a whole number such as 0", '"1m"'],
    ['probe_status("a") > "up"', 19, "== or != (a status is text)", '">"'],
    ['probe_status("a") == "upp"', 22, 'one of "up", "down", "degraded", "missing"', '"\\"upp\\""'],
    ['probe_status("a") == up', 22, 'one of "up"', '"up"'],
    // tokens
    ["blocking_phases() == 5x", 22, "a unit ms, s, m, h, d or % after the number", '"5x"'],
    // the text closes at the second quote; the third opens text that never ends
    ['probe_status("a) == "up"', 24, '" for the text that starts here', "end of input"],
    ['probe_status("a\\n") == "up"', 16, 'an escape \\" or \\\\', '"\\\\n"'],
    ["blocking_phases() == 0 @", 24, 'a function name, number, "text", comparison or parenthesis', '"@"'],
    ["blocking_phases() == -1", 22, "a function name, number", '"-"'],
    // structure
    ["blocking_phases() == 0 blocking_phases() == 0", 24, "and, or or end of input", '"blocking_phases"'],
    ["blocking_phases() == 0 and", 27, "a function (", "end of input"],
    ["blocking_phases() == 0 AND blocking_phases() == 0", 24, "and, or or end of input", '"AND"'],
    ["(blocking_phases() == 0", 24, 'and, or or ")"', "end of input"],
    ["blocking_phases() == 0)", 23, 'this ")" has no "("', '")"'],
    ["() ", 2, "a function (", '")"'],
  ])("%s", (src, column, expected, got) => {
    const e = errorOf(src);
    expect(e.expected).toContain(expected);
    expect(e.got).toBe(got);
    expect(e.column).toBe(column);
    expect(e.message).toBe(`at column ${column}: expected ${e.expected}, got ${got}`);
  });
});
