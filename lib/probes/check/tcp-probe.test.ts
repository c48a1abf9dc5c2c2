import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyNetError } from "./attempt";
import { runProbe } from "./run-probe";
import { blackholePort, closeAll, closedPort, listen, phaseNames, probeConfig, track } from "@/lib/probes/testing";

const secrets = { pgUser: "postgres" };
let hanging: net.Server;
let hangingSockets: Set<net.Socket>;
let hangPort = 0;
let blackhole: Awaited<ReturnType<typeof blackholePort>>;

beforeAll(async () => {
  // Accepts, then never says anything (the socket stays open).
  hanging = net.createServer(() => {});
  hangingSockets = track(hanging);
  hangPort = await listen(hanging);
  blackhole = await blackholePort();
});
afterAll(async () => {
  await closeAll(hanging, hangingSockets);
  await blackhole.close();
});

describe("TCP probe", () => {
  it("is up when something accepts, with the connect time (even if it then says nothing)", async () => {
    const r = await runProbe(
      probeConfig({
        type: "tcp",
        host: "127.0.0.1",
        port: hangPort,
        conditions: ["[CONNECTED] == true", "[RESPONSE_TIME] < 1000"],
      }),
      secrets,
    );
    expect(r).toMatchObject({ status: "up", errorClass: null });
    expect(phaseNames(r)).toEqual(["connect", "total"]);
    expect(r.conditions.every((c) => c.passed)).toBe(true);
  });

  it("a refused loopback port is missing", async () => {
    const r = await runProbe(
      probeConfig({ type: "tcp", host: "127.0.0.1", port: await closedPort(), timeoutMs: 1000 }),
      secrets,
    );
    expect(r).toMatchObject({ status: "missing", errorClass: "refused", failedPhase: "connect" });
  });

  it("a port that listens but never accepts times out in connect, within timeout + 100 ms", async () => {
    const started = Date.now();
    const r = await runProbe(
      probeConfig({ type: "tcp", host: "127.0.0.1", port: blackhole.port, timeoutMs: 500 }),
      secrets,
    );
    expect(Date.now() - started).toBeLessThan(600);
    expect(r).toMatchObject({ status: "down", errorClass: "timeout", failedPhase: "connect" });
    expect(r.conditions[0]).toMatchObject({ condition: "[CONNECTED] == true", passed: false });
  });

  it.each([
    ["ECONNREFUSED", "10.0.0.1", "refused", "down"],
    ["ECONNREFUSED", "::1", "refused", "missing"],
    ["ENOTFOUND", "no-such.example", "nxdomain", "missing"],
    ["EAI_AGAIN", "flaky.example", "dns", "down"],
    ["EHOSTUNREACH", "10.0.0.1", "unreachable", "down"],
    ["ENETUNREACH", "10.0.0.1", "unreachable", "down"],
    ["ECONNRESET", "127.0.0.1", "reset", "down"],
  ])("classifies %s from %s as %s / %s", (code, host, errorClass, status) => {
    const err = Object.assign(new Error(`connect ${code}`), { code });
    expect(classifyNetError(err, host)).toMatchObject({ errorClass, status });
  });
});
