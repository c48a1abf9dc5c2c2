import { describe, expect, it } from "vitest";
import { isPublicPath } from "@/lib/auth/public-paths";
import { PUBLIC_ROUTES } from "@/lib/auth/roles";
import type { LeaderRole } from "@/lib/store/leader";
import { checkReady, type ReadyInputs } from "./ready-check";

const NOW = Date.parse("2026-01-01T00:00:00Z");
const quiet = { log: () => undefined };
const inputs = (over: Partial<ReadyInputs> = {}): ReadyInputs => ({
  pingStore: async () => undefined,
  checkConfig: () => undefined,
  role: () => "follower",
  googleAccess: async () => ({ state: "credentials" }),
  ...quiet,
  ...over,
});

describe("checkReady", () => {
  it.each<[LeaderRole, boolean]>([
    ["leader", true],
    ["follower", true],
    ["starting", false],
    ["stopped", false],
  ])("role %s -> ready %s when store and config are fine", async (role, ready) => {
    const r = await checkReady(inputs({ role: () => role }), NOW);
    expect(r).toEqual({
      ready,
      role,
      checks: { store: "ok", config: "ok" },
      google: "credentials",
      checkedAt: "2026-01-01T00:00:00.000Z",
    });
  });

  it("is not ready when the store fails, without saying why in the answer", async () => {
    const r = await checkReady(
      inputs({
        pingStore: async () => Promise.reject(new Error("password authentication failed for user x at 10.0.0.3")),
      }),
      NOW,
    );
    expect(r.ready).toBe(false);
    expect(r.checks.store).toBe("failed");
    expect(JSON.stringify(r)).not.toContain("10.0.0.3");
  });

  it("without Google credentials: still ready, says so and that figures are unknown, without the library's words", async () => {
    const r = await checkReady(
      inputs({
        googleAccess: async () => ({
          state: "missing",
          reason: "Could not load the default credentials at /home/x/key.json",
        }),
      }),
      NOW,
    );
    expect(r).toMatchObject({ ready: true, google: "no credentials" });
    expect(r.warning).toMatch(/^unknown: no Google credentials/);
    expect(JSON.stringify(r)).not.toContain("/home/x");
  });

  it.each<[string, ReadyInputs["googleAccess"], string]>([
    ["emulator", async () => ({ state: "emulator" }), "emulator"],
    ["an answer slower than the timeout", () => new Promise(() => undefined), "unchecked"],
    ["an ask that throws", async () => Promise.reject(new Error("no config")), "unchecked"],
  ])("Google access: %s -> %s", async (_name, googleAccess, google) => {
    const started = Date.now();
    const r = await checkReady(inputs({ googleAccess, timeoutMs: 100 }), NOW);
    expect(r).toMatchObject({ ready: true, google });
    expect(r.warning).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("is not ready when the store does not answer in time", async () => {
    const r = await checkReady(inputs({ pingStore: () => new Promise(() => undefined), timeoutMs: 20 }), NOW);
    expect(r).toMatchObject({ ready: false, checks: { store: "timeout", config: "ok" } });
  });

  it("is not ready when the config is invalid", async () => {
    const r = await checkReady(
      inputs({
        checkConfig: () => {
          throw new Error("probes.0.url: bad");
        },
      }),
      NOW,
    );
    expect(r).toMatchObject({ ready: false, checks: { store: "ok", config: "failed" } });
  });
});

describe("public lifecycle routes", () => {
  it("are exactly health and ready, reachable without a session, each with its reason", () => {
    expect(Object.keys(PUBLIC_ROUTES).sort()).toEqual(["/api/health", "/api/ready"]);
    for (const [path, why] of Object.entries(PUBLIC_ROUTES)) {
      expect(isPublicPath(path)).toBe(true);
      expect(why).toMatch(/Cloud Run/);
    }
    expect(isPublicPath("/api/ready/x")).toBe(false);
    expect(isPublicPath("/api/readiness")).toBe(false);
  });
});
