import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { probeEvidence, probeImpact } from "./golden-path";
import type { StateRow } from "@/lib/probes/store/queries";

const raw = JSON.parse(readFileSync("staging.config.json", "utf8")) as { probes: Record<string, unknown>[] };
const NOW = Date.UTC(2026, 0, 5, 12);

function configWithProbes(patch: (p: Record<string, unknown>) => Record<string, unknown>) {
  return parseStagingConfig(JSON.stringify({ ...raw, probes: raw.probes.map(patch) }), "t.json", {});
}

describe("probe impact on the Overview verdict", () => {
  it("golden-path probes default to down, others are not read, and a configured impact wins", () => {
    const config = configWithProbes((p) => (p.name === "auth-health" ? { ...p, impact: "degraded" } : p));
    const impact = Object.fromEntries(config.probes.map((p) => [p.name, probeImpact(p)]));
    expect(impact).toMatchObject({
      "backend-health": "down",
      "auth-health": "degraded",
      "backend-websocket": "down",
      "cloudsql-socket": null,
      analytics: null,
    });
  });

  it("rejects an impact that is not down or degraded, naming the field", () => {
    expect(() => configWithProbes((p) => (p.name === "analytics" ? { ...p, impact: "fine" } : p))).toThrow(
      /probes\[\d+\]\.impact: Invalid option/,
    );
  });
});

describe("probeEvidence", () => {
  const config = parseStagingConfig(JSON.stringify(raw), "t.json", {});
  const row = (lastCheckedAt: number | null, status: StateRow["status"] = "up"): StateRow => ({
    status,
    flapping: false,
    lastCheckedAt,
    lastStatus: null,
    lastDurationMs: null,
    lastError: null,
  });

  it("a result within three intervals plus the timeout is current, and says when it stops being so", () => {
    const [backend] = probeEvidence(config.probes.slice(0, 1), new Map([["backend-health", row(NOW - 10_000)]]), NOW);
    // 15-s interval, 5-s timeout: 3 × 15 + 5 = 50 s after the check.
    expect(backend).toMatchObject({ status: "up", stale: false, staleAfter: new Date(NOW + 40_000).toISOString() });
  });

  it("an old result is stale and a probe never checked is unknown and stale", () => {
    const [old, never] = probeEvidence(
      config.probes.slice(0, 2),
      new Map([["backend-health", row(NOW - 51_000, "down")]]),
      NOW,
    );
    expect(old).toMatchObject({ status: "down", stale: true });
    expect(never).toMatchObject({ status: "unknown", stale: true, checkedAt: null, staleAfter: null });
  });
});
