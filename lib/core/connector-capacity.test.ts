import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { MachineType } from "@/lib/config/core/staging-schema";
import {
  ceilingBasis,
  ceilingBitsPerSecond,
  documentedPerInstanceMbps,
  documentedRangeMbps,
  instancesForThroughputSetting,
} from "./connector-capacity";

const documented = (machineType: MachineType) => ceilingBasis({ machineType, maxInstances: 10 });
const mbps = (bps: number) => bps / 1e6;

describe("the connector capacity table holds Google's documented figures", () => {
  it.each([
    // Serverless VPC Access: minThroughput 200 by default (2 instances), maxThroughput 300 by
    // default (3 instances) and at most 1,000 (10 instances), for e2-micro.
    ["e2-micro", 2, 200],
    ["e2-micro", 3, 300],
    ["e2-micro", 10, 1_000],
    ["f1-micro", 2, 100],
    ["f1-micro", 10, 500],
    ["e2-standard-4", 2, 3_200],
    ["e2-standard-4", 10, 16_000],
  ] as const)("%s × %d instances = %d Mbit/s", (type, n, expected) =>
    expect(mbps(ceilingBitsPerSecond(documented(type), n))).toBe(expected),
  );

  it.each([
    ["f1-micro", 50, [100, 500]],
    ["e2-micro", 100, [200, 1_000]],
    ["e2-standard-4", 1_600, [3_200, 16_000]],
  ] as const)("%s: %d Mbit/s per instance, %j for 2–10 instances", (type, perInstance, range) => {
    expect(documentedPerInstanceMbps(type)).toBe(perInstance);
    expect(documentedRangeMbps(type)).toEqual(range);
    expect(documented(type)).toMatchObject({ perInstanceMbps: perInstance, source: "documented" });
  });

  it.each([
    [200, 2],
    [300, 3],
    [1_000, 10],
  ])("a throughput setting of %d Mbit/s stands for %d instances", (setting, n) =>
    expect(instancesForThroughputSetting(setting)).toBe(n),
  );

  it("bounds the ceiling by the connector's maximum instance count", () => {
    const three = ceilingBasis({ machineType: "e2-micro", maxInstances: 3 });
    expect(mbps(ceilingBitsPerSecond(three, 3))).toBe(300);
    expect(mbps(ceilingBitsPerSecond(three, 7))).toBe(300);
  });
});

describe("one capacity table", () => {
  // A machine type mapped to a number (`"e2-micro": 200`, `"e2-micro": [200, …]`,
  // `"e2-micro": { perInstanceMbps: 100 }`) or a per-instance figure written as a literal.
  const COPY = [
    /["']?\b(f1-micro|e2-micro|e2-standard-4)\b["']?\s*:\s*[[{]?\s*(\w+\s*:\s*)?\d/,
    /\b(perInstanceMbps|CEILING_\w+|\w*BpsPerInstance)\s*[:=]\s*\d/,
  ];
  const THIS_TABLE = path.join("lib", "core", "connector-capacity.ts");

  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === "node_modules" ? [] : sources(full);
      return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
    });
  }

  it("no other module holds a per-instance figure", () => {
    const copies = ["lib", "emulator", "components", "app", "bench", "scripts"]
      .filter((d) => existsSync(d))
      .flatMap(sources)
      .filter((f) => f !== THIS_TABLE)
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .flatMap((line, i) => (COPY.some((re) => re.test(line)) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(copies).toEqual([]);
  });

  it("would notice a copy", () => {
    expect(COPY.some((re) => re.test(`  "e2-micro": 200,`))).toBe(true);
    expect(COPY.some((re) => re.test(`"e2-micro": { documentedRangeMbps: [200, 1000], perInstanceMbps: 100 },`))).toBe(
      true,
    );
    expect(COPY.some((re) => re.test(`const perInstanceMbps = 100;`))).toBe(true);
    expect(COPY.some((re) => re.test(`machineType: "e2-micro",`))).toBe(false);
  });
});
