import { describe, expect, it } from "vitest";
import { suspectedCauses } from "./cause";
import type { ProbeStatus } from "./types";

const deps = new Map<string, string[]>([
  ["ws", ["backend"]],
  ["backend", ["db"]],
  ["auth", ["db"]],
  ["db", []],
  ["a", ["b"]],
  ["b", ["a"]],
]);

function causes(status: Record<string, ProbeStatus>) {
  return Object.fromEntries(suspectedCauses(new Map(Object.entries(status)), deps));
}

describe("suspected cause", () => {
  it.each<[string, Record<string, ProbeStatus>, Record<string, string | null>]>([
    [
      "the deepest failing dependency of a failing chain",
      { ws: "down", backend: "down", db: "missing" },
      { ws: "db", backend: "db", db: null },
    ],
    ["none when the dependency is up", { backend: "down", db: "up" }, { backend: null, db: null }],
    ["none for a probe that is up", { backend: "up", db: "down" }, { backend: null, db: null }],
    ["stops at a healthy link", { ws: "down", backend: "up", db: "down" }, { ws: null, backend: null, db: null }],
    ["unknown is not a cause", { auth: "down", db: "unknown" }, { auth: null, db: null }],
    ["survives a dependency cycle", { a: "down", b: "down" }, { a: "b", b: "a" }],
  ])("%s", (_name, status, expected) => {
    expect(causes(status)).toEqual(expected);
  });
});
