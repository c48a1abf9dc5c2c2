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
    expect(r).toEqual({ ready, role, checks: { store: "ok", config: "ok" }, checkedAt: "2026-01-01T00:00:00.000Z" });
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
