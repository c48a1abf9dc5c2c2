import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import type { StagingConfig } from "@/lib/config/core/staging-schema";
import { watchConfig } from "./hot-reload";

const seed = JSON.parse(fs.readFileSync(path.resolve("staging.config.json"), "utf8")) as {
  probes: { name: string; intervalSeconds?: number }[];
};

function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = () => (check() ? resolve() : Date.now() > end ? reject(new Error("timed out")) : setTimeout(poll, 25));
    poll();
  });
}

describe("config hot reload", () => {
  let stop = () => {};
  afterEach(() => stop());

  it("applies a valid edit, rejects a bad one with the error and keeps the old targets, reloads on SIGHUP", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-reload-"));
    const file = path.join(dir, "staging.config.json");
    fs.writeFileSync(file, JSON.stringify(seed));
    const applied: StagingConfig[] = [];
    const logs: string[] = [];
    stop = watchConfig(
      file,
      () => parseStagingConfig(fs.readFileSync(file, "utf8"), file, {}),
      (c) => applied.push(c),
      (l) => logs.push(l),
    );

    const fewer = seed.probes.filter((p) => p.name !== "analytics");
    fs.writeFileSync(file, JSON.stringify({ ...seed, probes: fewer }));
    await until(() => applied.length === 1);
    expect(applied[0]?.probes.map((p) => p.name)).toEqual(fewer.map((p) => p.name));

    const bad = { ...seed, probes: [{ ...seed.probes[0], intervalSeconds: 1, conditions: ["[LATENCY] < 3"] }] };
    fs.writeFileSync(file, JSON.stringify(bad));
    await until(() => logs.some((l) => l.includes("rejected")));
    expect(applied).toHaveLength(1);
    const rejection = logs.find((l) => l.includes("rejected")) ?? "";
    expect(rejection).toContain("probes[0].intervalSeconds");
    expect(rejection).toContain("unknown placeholder [LATENCY]");

    fs.writeFileSync(path.join(dir, "other.txt"), "not the config");
    fs.writeFileSync(file, JSON.stringify(seed));
    await until(() => applied.length === 2);
    process.kill(process.pid, "SIGHUP");
    await until(() => applied.length === 3);
    expect(logs.at(-1)).toContain("SIGHUP");
  });
});
