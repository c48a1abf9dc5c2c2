import net from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError, parseStagingConfig } from "@/lib/config/staging-config";
import type { ProbeConfig } from "@/lib/config/core/staging-schema";
import { conditionsOf, PROBE_KINDS, probeTypeOf } from "@/lib/config/core/probe-kinds";
import { closeAll, closedPort, listen, phaseNames, track } from "@/lib/probes/testing";
import { describeTarget } from "@/lib/probes/view/detail";
import { phaseLabel } from "@/lib/probes/view/labels";
import { PROBE_ATTEMPTS } from "./attempts";
import { runProbe } from "./run-probe";

/*
 * A probe type is its registry entry (lib/probes/core/kinds) and its attempt (./attempts).
 * This test registers a "banner" type (connect over TCP, read the line the server greets with,
 * like SMTP's "220 …") in those two lists only, and shows that the config loader, the condition
 * parser, the runner and the Probes view all take it from there: nothing else knows it.
 */

vi.mock("@/lib/config/core/probe-kinds/list", async (importOriginal) => {
  const { PROBE_TYPE_LIST } = await importOriginal<typeof import("@/lib/config/core/probe-kinds/list")>();
  const { z } = await import("zod");
  const { CONNECT_PHASES, defineProbeType, probeBase } = await import("@/lib/config/core/probe-kinds/base");
  const bannerProbeType = defineProbeType({
    type: "banner",
    placeholders: ["RESPONSE_TIME", "CONNECTED", "IP", "BODY"],
    config: (conditions) =>
      z.strictObject({
        ...probeBase,
        type: z.literal("banner"),
        conditions,
        host: z.string().min(1),
        port: z.coerce.number().int().min(1).max(65_535),
      }),
    defaults: ["[BODY] == pat(220 *)"],
    phases: { dns: CONNECT_PHASES.dns, connect: CONNECT_PHASES.connect, banner: "Banner" },
    describeTarget: (p) => `banner of ${p.host}:${p.port}`,
  });
  return { PROBE_TYPE_LIST: [...PROBE_TYPE_LIST, bannerProbeType] };
});

vi.mock("./attempts", async (importOriginal) => {
  const original = await importOriginal<typeof import("./attempts")>();
  const { connectTcp } = await import("./tcp-probe");
  type Banner = { host: string; port: number };
  const firstLine = (socket: net.Socket) =>
    new Promise<string>((resolve, reject) => {
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
        const end = text.indexOf("\r\n");
        if (end >= 0) resolve(text.slice(0, end));
      });
      socket.once("error", reject);
      socket.once("close", () => reject(Object.assign(new Error("closed before its banner"), { code: "ECONNRESET" })));
    });
  const bannerAttempt = {
    run: async (cfg: Banner, t: import("./attempt").Timeline, m: import("./attempt").Measured, signal: AbortSignal) => {
      const socket = await connectTcp(cfg.host, cfg.port, t, signal);
      m.ctx.connected = true;
      m.ctx.ip = socket.remoteAddress;
      signal.addEventListener("abort", () => socket.destroy(), { once: true });
      t.begin("banner");
      try {
        m.ctx.body = await firstLine(socket);
        t.end();
      } finally {
        socket.destroy();
      }
    },
    host: (cfg: Banner) => cfg.host,
  };
  const attempts = { ...original.PROBE_ATTEMPTS, banner: bannerAttempt };
  return {
    PROBE_ATTEMPTS: attempts,
    attemptOf: (cfg: { type: string }) => (attempts as Record<string, unknown>)[cfg.type] ?? null,
  };
});

const TEXT = readFileSync(path.join(process.cwd(), "staging.config.json"), "utf8");
const secrets = { pgUser: "postgres" };

function configWith(probe: Record<string, unknown>): string {
  const cfg = JSON.parse(TEXT) as { probes: unknown[] };
  cfg.probes = [...cfg.probes, { name: "mail-banner", intervalSeconds: 5, ...probe }];
  return JSON.stringify(cfg);
}

function loaded(probe: Record<string, unknown>): ProbeConfig {
  const found = parseStagingConfig(configWith(probe), "test.json", {}).probes.find((p) => p.name === "mail-banner");
  if (!found) throw new Error("the banner probe is not in the loaded config");
  return found;
}

function problemsOf(probe: Record<string, unknown>): string[] {
  try {
    parseStagingConfig(configWith(probe), "test.json", {});
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

/** A loopback server that greets every connection with `greeting`. */
async function greeter(greeting: string) {
  const server = net.createServer((socket) => socket.end(greeting));
  const sockets = track(server);
  return { port: await listen(server), close: () => closeAll(server, sockets) };
}

let ready: Awaited<ReturnType<typeof greeter>>;
let refusing: Awaited<ReturnType<typeof greeter>>;
beforeAll(async () => {
  ready = await greeter("220 mail.example.com ESMTP ready\r\n");
  refusing = await greeter("554 no service here\r\n");
});
afterAll(async () => {
  await ready.close();
  await refusing.close();
});

describe("a probe type added only to the registry", () => {
  it("is a type of the config's union and has an attempt", () => {
    expect(PROBE_KINDS).toContain("banner");
    expect(Object.keys(PROBE_ATTEMPTS)).toContain("banner");
  });

  it("is accepted by the config loader, with its defaults and its conditions parsed", () => {
    const cfg = loaded({ type: "banner", host: "127.0.0.1", port: "2525", conditions: ["[BODY] == pat(220*)"] });
    expect(cfg).toMatchObject({ type: "banner", host: "127.0.0.1", port: 2525, timeoutMs: 5_000 });
    expect(conditionsOf(cfg).map((c) => c.text)).toEqual(["[BODY] == pat(220*)"]);
    const bare = loaded({ type: "banner", host: "127.0.0.1", port: 2525 });
    expect(conditionsOf(bare).map((c) => c.text)).toEqual(["[BODY] == pat(220 *)"]);
  });

  it("is refused where its own schema refuses, naming the field", () => {
    expect(problemsOf({ type: "banner", host: "127.0.0.1" })).toEqual([
      expect.stringMatching(/^probes\[\d+\]\.port: .*\(probe "mail-banner"\)$/),
    ]);
    expect(problemsOf({ type: "banner", host: "127.0.0.1", port: 25, url: "http://x" })).toEqual([
      expect.stringMatching(/^probes\[\d+\]: Unrecognized key: "url"/),
    ]);
  });

  it("lets conditions read exactly the placeholders it offers", () => {
    const offered = { type: "banner", host: "127.0.0.1", port: 25 };
    expect(problemsOf({ ...offered, conditions: ["[BODY] == pat(220*)", "[CONNECTED] == true"] })).toEqual([]);
    const refused = problemsOf({ ...offered, conditions: ["[BODY] == ok", "[STATUS] == 200"] });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(
      /^probes\[\d+\]\.conditions\[1\]: "\[STATUS\] == 200" at column 1: a banner probe has no \[STATUS\]/,
    );
    expect(problemsOf({ ...offered, conditions: ["[DOMAIN_EXPIRATION] > 720h"] })[0]).toContain(
      "a banner probe has no [DOMAIN_EXPIRATION]",
    );
  });

  it("runs through its attempt: up when the greeting passes, timed phase by phase", async () => {
    const cfg = loaded({ type: "banner", host: "127.0.0.1", port: ready.port });
    const r = await runProbe(cfg, secrets);
    expect(r).toMatchObject({ type: "banner", status: "up", errorClass: null });
    expect(phaseNames(r)).toEqual(["connect", "banner", "total"]);
    expect(r.conditions).toEqual([
      expect.objectContaining({
        condition: "[BODY] == pat(220 *)",
        passed: true,
        value: '"220 mail.example.com ESMTP ready"',
      }),
    ]);
  });

  it("is down when the greeting fails its conditions, and missing when nothing listens", async () => {
    const down = await runProbe(loaded({ type: "banner", host: "127.0.0.1", port: refusing.port }), secrets);
    expect(down).toMatchObject({ status: "down", errorClass: "conditions" });
    const missing = await runProbe(loaded({ type: "banner", host: "127.0.0.1", port: await closedPort() }), secrets);
    expect(missing).toMatchObject({ status: "missing", errorClass: "refused", failedPhase: "connect" });
  });

  it("is shown by its own view hints: target, phases and their labels", () => {
    const cfg = loaded({ type: "banner", host: "127.0.0.1", port: 2525 });
    expect(describeTarget(cfg)).toBe("banner of 127.0.0.1:2525");
    expect(probeTypeOf(cfg).phaseOrder(cfg)).toEqual(["dns", "connect", "banner"]);
    expect(phaseLabel("banner")).toBe("Banner");
  });
});
