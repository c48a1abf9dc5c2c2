import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FIXED_NOW } from "@/emulator/testing";
import { collectEvidence } from "@/lib/evidence/snapshot";
import { emulatedStaging, type EmulatedStaging } from "@/lib/evidence/testing";
import { changes } from "@/lib/metrics/changes";
import { connector } from "@/lib/metrics/connector";
import { metricsContext } from "@/lib/gcp/read-context";
import { database } from "@/lib/metrics/database";
import { events } from "@/lib/metrics/events";
import { overview } from "@/lib/metrics/overview";
import { parseMetricsParams } from "@/lib/api/metrics-params";
import { startups } from "@/lib/metrics/startups";
import { evaluateReadiness } from "@/lib/readiness/evaluate";
import { STORES } from "@/lib/readiness/testing";
import { readinessView, sharedView } from "@/lib/readiness/views";
import { getStore, type Store } from "@/lib/store/db";
import { createAction, updateAction, updatePhase } from "@/lib/tracker/edits";
import { historySince, listHistory } from "@/lib/tracker/history";
import { buildReport, reportMarkdown } from "@/lib/tracker/report";
import { actionCreateSchema, historyQuerySchema } from "@/lib/tracker/schemas";
import { trackerView } from "@/lib/tracker/service";
import { summaryOf } from "@/lib/tracker/summarize";
import { context, ENGINEER, seedConfig } from "@/lib/tracker/testing";
import { whatIfDefaults } from "@/lib/what-if/defaults";
import { whatIf } from "@/lib/what-if/what-if";
import { seedScenario } from "@/lib/what-if/testing";
import { whatIfRequestSchema } from "@/lib/what-if/core/schema";
import { expectDocumented } from "./testing";
import { responseSchemaOf } from "./lookup";
import { MEDIA } from "./types";

/**
 * Response checks: the lib functions each handler calls, run against the real emulator
 * (gRPC Cloud Monitoring + Logging) and a real store, and their output validated with the
 * schema the OpenAPI document publishes for that route. A schema that drifts from what the
 * handlers answer fails here, naming the field.
 */

// The Overview's verdict reads the probes' stored state from the app's store (lib/probes/view/golden-path.ts):
// opened from the environment, in a temporary folder.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-contract-emulated-"));
vi.stubEnv("NEXTAUTH_SECRET", "contract-emulated-test-secret-".padEnd(40, "e"));
vi.stubEnv("STAGEWATCH_DATA_DIR", dir);
vi.stubEnv("STAGEWATCH_DATABASE_URL", undefined);

const config = seedConfig();
let staging: EmulatedStaging;
let store: Store;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  staging = await emulatedStaging("incident", FIXED_NOW);
  const [sqlite] = STORES;
  if (!sqlite) throw new Error("no SQLite store");
  ({ store, cleanup } = await sqlite.open());
});
afterAll(async () => {
  await cleanup();
  await staging.close();
  await (await getStore()).close();
  fs.rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

/** What metricsRequest builds from a request's query, on the emulator's reader and clock. */
function request(query: string, allowed: Parameters<typeof parseMetricsParams>[2] = []) {
  const now = staging.clock.now();
  const params = parseMetricsParams(
    new URLSearchParams(query),
    new Date(now),
    allowed,
    config.services.map((s) => s.name),
  );
  return { ctx: metricsContext(staging.reader, config, params.range, now), params };
}

describe("metrics routes answer what the document says", () => {
  it.each(["range=1h", "range=24h"])("GET /api/overview, /api/metrics/* and /api/events (%s)", async (query) => {
    expectDocumented("GET", "/api/overview", await overview(request(query).ctx));
    const s = request(`${query}&service=backend`, ["service"]);
    expectDocumented("GET", "/api/metrics/startups", await startups(s.ctx, s.params.service));
    expectDocumented("GET", "/api/metrics/connector", await connector(request(query).ctx));
    expectDocumented("GET", "/api/metrics/database", await database(request(query).ctx));
    const e = request(`${query}&page=1&pageSize=5`, ["service", "cause", "page"]);
    const body = await events(e.ctx, e.params);
    expect(body.events.length).toBeGreaterThan(0);
    expectDocumented("GET", "/api/events", body);
    expectDocumented("GET", "/api/changes", await changes(request(query).ctx, {}, true));
  });

  it("GET /api/what-if/defaults and POST /api/what-if", async () => {
    expectDocumented("GET", "/api/what-if/defaults", await whatIfDefaults(request("range=1h").ctx));
    expectDocumented(
      "POST",
      "/api/what-if",
      whatIf(whatIfRequestSchema.parse({ ...seedScenario({ seeds: 5 }), assumptions: { connectionSetupMegabits: 2 } })),
    );
  });

  it("a drifted schema fails the check (the check can fail)", async () => {
    const body = { ...(await database(request("range=1h").ctx)), up: "yes" };
    expect(() => expectDocumented("GET", "/api/metrics/database", body)).toThrow();
    expect(
      responseSchemaOf("GET", "/api/metrics/database")
        .safeParse(body)
        .error?.issues.map((i) => i.path.join(".")),
    ).toEqual(["up"]);
  });
});

describe("tracker routes answer what the document says", () => {
  it("GET /api/tracker, /api/overview/phases, /api/tracker/conflicts, POST /api/tracker/evaluate", async () => {
    const ctx = context(store);
    const view = await trackerView(ctx, staging.clock.now(), { sources: staging.sources(config), maxAgeMs: 0 });
    expect(view.evaluatedAt).not.toBeNull();
    expectDocumented("GET", "/api/tracker", view);
    expectDocumented("POST", "/api/tracker/evaluate", view);
    expectDocumented("GET", "/api/overview/phases", summaryOf(view));
    expectDocumented("GET", "/api/tracker/conflicts", { conflicts: view.conflicts });
  });

  it("the writes, the history and the report", async () => {
    const ctx = context(store);
    const now = staging.clock.now();
    const phaseId = ctx.incident.phases[0]?.id ?? "";
    const action = await createAction(
      ctx,
      phaseId,
      actionCreateSchema.parse({ title: "Raise the connector's max instances", owner: "infra", due: "2025-09-20" }),
      ENGINEER,
      now,
    );
    expectDocumented("POST", "/api/tracker/phases/{phaseId}/actions", action, 201);
    const edited = await updateAction(
      ctx,
      phaseId,
      action.id,
      { version: action.version, status: "in-progress" },
      ENGINEER,
      now + 1,
    );
    expectDocumented("PATCH", "/api/tracker/phases/{phaseId}/actions/{actionId}", edited);
    const view = await trackerView(ctx, now + 2, { sources: staging.sources(config) });
    const phase = view.phases.find((p) => p.id === phaseId);
    expectDocumented(
      "PATCH",
      "/api/tracker/phases/{phaseId}",
      await updatePhase(ctx, phaseId, { version: phase?.version ?? 1, status: "held" }, ENGINEER, now + 3),
    );
    const history = await listHistory(ctx, historyQuerySchema.parse({ limit: "2" }));
    expect(history.entries.length).toBe(2);
    expectDocumented("GET", "/api/tracker/history", history);
    const report = buildReport(
      view,
      await historySince(ctx, now - 86_400_000),
      new Date(now - 86_400_000).toISOString(),
      now,
    );
    expectDocumented("GET", "/api/tracker/report", report);
    expectDocumented("GET", "/api/tracker/report", reportMarkdown(report), 200, MEDIA.markdown);
  });
});

describe("readiness answers what the document says", () => {
  it("GET /api/readiness, with and without a demo time, and the public share view", async () => {
    const now = staging.clock.now();
    const e = await evaluateReadiness(now, {
      config: () => config,
      evidence: (needs, at) => collectEvidence(needs, at, staging.sources(config)),
      context: async () => ({ openActions: [], flappingProbesLastHour: [] }),
      db: async () => store.db,
      baseUrl: () => null,
    });
    expectDocumented("GET", "/api/readiness", readinessView(e));
    expectDocumented("GET", "/api/readiness", readinessView(e, new Date(now + 3_600_000)));
    expectDocumented("GET", "/api/share/{token}", sharedView(e, now + 3_600_000));
  });
});
