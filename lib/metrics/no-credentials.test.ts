import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/base/api-error";
import { parseStagingConfig } from "@/lib/config/staging-config";
import { QueryCache } from "@/lib/gcp/cache";
import { createGcpClients, type GcpClients } from "@/lib/gcp/clients";
import { parseTimeRange } from "@/lib/core/time-range";
import { metricsContext } from "@/lib/gcp/read-context";
import { overview } from "./overview";
import { createReader } from "@/lib/gcp/reader";
import { startups } from "./startups";

// Real Google clients (no emulator) with google-auth-library's real search, pointed at a key
// file that does not exist: a server started without credentials. Before the credentials
// check, each read left an `unhandledRejection: Could not load the default credentials` from
// google-gax's stub set-up; now it must be a handled "unknown" answer and nothing else.
const config = parseStagingConfig(readFileSync("staging.config.json", "utf8"), "staging.config.json", {});
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
const previousKey = process.env.GOOGLE_APPLICATION_CREDENTIALS;
let clients: GcpClients;

beforeAll(() => {
  process.env.GOOGLE_APPLICATION_CREDENTIALS = "/nonexistent/stagewatch-key.json";
  process.on("unhandledRejection", onUnhandled);
  clients = createGcpClients({ projectId: "netra-staging" });
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  if (previousKey === undefined) delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
  else process.env.GOOGLE_APPLICATION_CREDENTIALS = previousKey;
  await Promise.all([clients.monitoring.close(), clients.logging.close(), clients.logMetrics.close()]);
});

function context() {
  const now = Date.now();
  const parsed = parseTimeRange(new URLSearchParams("range=1h"), new Date(now));
  if (!parsed.ok) throw parsed.error;
  return metricsContext(createReader(clients, new QueryCache({ errorTtlMs: 0 })), config, parsed.range, now);
}

describe("reads without Google credentials", () => {
  it("the process knows it has none", async () => {
    expect(await clients.access()).toMatchObject({ state: "missing" });
  });

  it("the Overview and Start-ups answers are a 503 'unknown: no Google credentials', with no unhandled rejection", async () => {
    const noProbes = async () => [];
    for (const read of [() => overview(context(), noProbes), () => startups(context())]) {
      const err: unknown = await read().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 503, code: "no_google_credentials" });
      expect((err as ApiError).message).toMatch(/figures are unknown: the server has no Google credentials/);
    }
    // Long enough for a rejection nobody awaits to be reported.
    await new Promise((r) => setTimeout(r, 500));
    expect(unhandled.map((e) => (e instanceof Error ? e.message : String(e)))).toEqual([]);
  });

  it("clients made by another copy of the modules (as by instrumentation's own bundle) still give the 503, not a 500", async () => {
    // A second instance of lib/gcp (its own UpstreamError class): what Next's instrumentation
    // bundle holds. The error must come from the reader's copy, which the cache recognises.
    vi.resetModules();
    const other = (await import("@/lib/gcp/clients")) as typeof import("@/lib/gcp/clients");
    const foreign = other.createGcpClients({ projectId: "netra-staging" });
    try {
      const parsed = parseTimeRange(new URLSearchParams("range=1h"), new Date());
      if (!parsed.ok) throw parsed.error;
      const reader = createReader(foreign, new QueryCache({ errorTtlMs: 0 }));
      const err: unknown = await overview(
        metricsContext(reader, config, parsed.range, Date.now()),
        async () => [],
      ).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 503, code: "no_google_credentials" });
    } finally {
      await Promise.all([foreign.monitoring.close(), foreign.logging.close(), foreign.logMetrics.close()]);
    }
  });

  it("the changes read (Admin Activity audit log) is refused the same way, before the client is touched", async () => {
    const ctx = context();
    const err: unknown = await ctx.reader.changes(ctx.interval, true).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(/no Google credentials/);
    await new Promise((r) => setTimeout(r, 500));
    expect(unhandled.map((e) => (e instanceof Error ? e.message : String(e)))).toEqual([]);
  });

  it("the failure counts fall back (unavailable) instead of failing the answer", async () => {
    const ctx = context();
    const r = await ctx.reader.failureCounts(ctx.interval, true);
    expect(r.value).toMatchObject({ state: "unavailable" });
    expect(r.value.state === "unavailable" ? r.value.reason : "").toContain("UNAUTHENTICATED");
  });
});
