import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store, type StoreTarget } from "@/lib/store/db";
import { postgresUnavailable, startPostgres, type TestPostgres } from "@/lib/testing/postgres";
import { createAction, deleteAction, EditRefused, resolveConflict, updateAction, updatePhase } from "./edits";
import { linkChange, unlinkChange } from "./change-links";
import { listHistory } from "./history";
import { readTracker } from "./state";
import { context, ENGINEER, ADMIN, seedIncident, tempSqlite, withPhase } from "./testing";
import { buildView, STALE_EVALUATION_MS } from "./view";
import type { TrackerContext } from "./state";

const T0 = Date.UTC(2025, 8, 17, 12, 0, 0);

/** A fresh, empty store per test; `target` reopens the same data (a restart). */
interface Fresh {
  store: Store;
  target: StoreTarget;
  cleanup: () => Promise<void>;
}

let postgres: TestPostgres | null = null;
let databases = 0;

async function freshPostgres(): Promise<Fresh> {
  if (!postgres) throw new Error("PostgreSQL is not running");
  const name = `tracker_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = { postgresUrl: postgres.url.replace(/\/postgres$/, `/${name}`) };
  const store = await openStore(target);
  return { store, target, cleanup: () => store.close().catch(() => undefined) };
}

async function freshSqlite(): Promise<Fresh> {
  const t = await tempSqlite();
  return { store: t.store, target: { sqlitePath: t.sqlitePath }, cleanup: t.cleanup };
}

const DIALECTS = [
  { name: "SQLite", skip: null, fresh: freshSqlite },
  { name: "PostgreSQL", skip: postgresUnavailable, fresh: freshPostgres },
] as const;

let store: Store;
let target: StoreTarget;
let cleanup: () => Promise<void>;

async function view(ctx: TrackerContext, now = T0) {
  return buildView(ctx.incident, await readTracker(ctx, now), now);
}

async function action(ctx: TrackerContext, phaseId: string, actionId: string) {
  const a = (await view(ctx)).phases.find((p) => p.id === phaseId)?.actions.find((x) => x.id === actionId);
  if (!a) throw new Error(`no action ${actionId}`);
  return a;
}

async function rejection(p: Promise<unknown>): Promise<EditRefused> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof EditRefused)) throw new Error(`expected an EditRefused, got ${String(err)}`);
  return err;
}

/** Infrastructure's start-up criterion as the evaluator stores a failure of it at `evaluatedAt`. */
async function storeFailingCriterion(evaluatedAt: number) {
  await store.db
    .insertInto("tracker_criterion")
    .values({
      incident_id: "1278",
      phase_id: "infrastructure",
      criterion_id: "startup-success",
      expr: "startup_success_rate(all, 1h) > 0.95",
      result: "fail",
      held_since: null,
      evaluated_at: evaluatedAt,
      evaluation: null,
    })
    .execute();
}

describe.each(DIALECTS)("tracker edits ($name)", ({ name, skip, fresh }) => {
  // Skipped only where no PostgreSQL is installed; the reason is the skip's own message.
  if (skip) it.skip(`${name}: ${skip}`, () => undefined);
  beforeAll(async () => {
    if (name === "PostgreSQL" && !skip) postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    if (name === "PostgreSQL") await postgres?.stop();
    postgres = null;
  });
  beforeEach(async (ctx) => {
    if (skip) return ctx.skip();
    ({ store, target, cleanup } = await fresh());
  });
  afterEach(async () => {
    if (skip) return;
    // The restart test swaps in a reopened store; close whichever is current, then the rest.
    await store.close().catch(() => undefined);
    await cleanup();
  });

  it("seeds the config's incident: 3 phases, their actions, version 1", async () => {
    const v = await view(context(store));
    expect(v.phases.map((p) => [p.id, p.status, p.version])).toEqual([
      ["infrastructure", "active", 1],
      ["application-cleanup", "held", 1],
      ["validation", "not-started", 1],
    ]);
    expect(v.phases[0]?.actions.map((a) => a.id)).toEqual([
      "scale-connector",
      "cloudsql-optimization",
      "regional-investigation",
    ]);
    expect(v.phases[1]?.effective).toMatchObject({
      status: "held",
      reason: "held: waits for Infrastructure Resolution (phase 1) to be done",
    });
  });

  it("keeps an edit across a restart and audits who changed what, when, before → after", async () => {
    const ctx = context(store);
    const before = await action(ctx, "infrastructure", "scale-connector");
    const updated = await updateAction(
      ctx,
      "infrastructure",
      "scale-connector",
      { version: before.version, status: "done", due: "2025-09-20" },
      ENGINEER,
      T0 + 1_000,
    );
    expect(updated).toMatchObject({ status: "done", due: "2025-09-20", version: 2, updatedBy: "engineer" });
    await store.close();

    // A new process: a new store object over the same file, and the config read again.
    const reopened = await openStore(target);
    store = reopened;
    const ctx2 = context(reopened, seedIncident());
    expect(await action(ctx2, "infrastructure", "scale-connector")).toMatchObject({
      status: "done",
      due: "2025-09-20",
      version: 2,
    });
    const history = await listHistory(ctx2, { limit: 10 });
    expect(history.entries).toHaveLength(1);
    expect(history.entries[0]).toMatchObject({
      actor: "engineer",
      actorRole: "engineer",
      entity: "action",
      entityId: "scale-connector",
      change: "update",
      at: new Date(T0 + 1_000).toISOString(),
      before: { status: "in-progress", due: null },
      after: { status: "done", due: "2025-09-20" },
    });
  });

  it("answers 409 with the current state to the second of two edits based on the same version", async () => {
    const ctx = context(store);
    const a = await action(ctx, "infrastructure", "cloudsql-optimization");
    const results = await Promise.allSettled([
      updateAction(
        ctx,
        "infrastructure",
        "cloudsql-optimization",
        { version: a.version, status: "in-progress" },
        ENGINEER,
        T0,
      ),
      updateAction(
        ctx,
        "infrastructure",
        "cloudsql-optimization",
        { version: a.version, owner: "DBA team" },
        ADMIN,
        T0,
      ),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    const err = failed[0];
    if (!(err instanceof EditRefused)) throw new Error("expected an EditRefused");
    expect(err.reason).toBe("stale_version");
    expect(err.current).toMatchObject({ id: "cloudsql-optimization", version: 2 });
    // Only the write that won is stored and audited.
    const history = await listHistory(ctx, { limit: 10 });
    expect(history.entries).toHaveLength(1);
  });

  it("changes a phase status with its version; a stale version or an unknown phase is refused", async () => {
    const ctx = context(store);
    const phase = await updatePhase(ctx, "infrastructure", { version: 1, status: "blocked" }, ENGINEER, T0);
    expect(phase).toMatchObject({ status: "blocked", version: 2, updatedBy: "engineer" });
    expect(
      (await rejection(updatePhase(ctx, "infrastructure", { version: 1, status: "active" }, ADMIN, T0))).reason,
    ).toBe("stale_version");
    expect(
      (await rejection(updatePhase(ctx, "no-such-phase", { version: 1, status: "active" }, ADMIN, T0))).reason,
    ).toBe("not_found");
    const [entry] = (await listHistory(ctx, { limit: 1 })).entries;
    expect(entry).toMatchObject({
      summary: "Infrastructure Resolution: status active → blocked",
      before: { status: "active" },
      after: { status: "blocked" },
    });
  });

  it("a status the phase already has, or a patch that changes nothing, writes nothing", async () => {
    const ctx = context(store);
    const same = await updatePhase(ctx, "infrastructure", { version: 1, status: "active" }, ENGINEER, T0);
    expect(same).toMatchObject({ status: "active", version: 1 });
    const a = await action(ctx, "infrastructure", "scale-connector");
    const unchanged = await updateAction(
      ctx,
      "infrastructure",
      "scale-connector",
      { version: a.version, owner: a.owner },
      ENGINEER,
      T0,
    );
    expect(unchanged.version).toBe(a.version);
    expect((await listHistory(ctx, { limit: 10 })).entries).toEqual([]);
  });

  it("refuses an unknown conflict, and an edit of an action the phase does not have", async () => {
    const ctx = context(store);
    await readTracker(ctx, T0);
    const unknown = await rejection(resolveConflict(ctx, "00000000-0000-7000-8000-000000000000", "store", ADMIN, T0));
    expect(unknown).toMatchObject({ reason: "not_found", current: undefined });
    const missing = await rejection(
      updateAction(ctx, "infrastructure", "no-such-action", { version: 1, status: "done" }, ENGINEER, T0),
    );
    expect(missing.message).toBe('Phase "infrastructure" has no action "no-such-action".');
    expect(
      (
        await rejection(
          createAction(
            ctx,
            "no-such-phase",
            { title: "t", owner: "o", status: "todo", due: null, links: [] },
            ENGINEER,
            T0,
          ),
        )
      ).reason,
    ).toBe("not_found");
  });

  it("a failure older than the evaluation's freshness limit does not keep a phase open", async () => {
    const ctx = context(store);
    await readTracker(ctx, T0);
    await storeFailingCriterion(T0);
    // Fresh, this failure refuses the close (the test below); one past the limit it is unknown.
    const later = T0 + STALE_EVALUATION_MS + 1;
    const phase = await updatePhase(ctx, "infrastructure", { version: 1, status: "done" }, ENGINEER, later);
    expect(phase).toMatchObject({ status: "done", version: 2 });
  });

  it("refuses to close a phase while one of its criteria fails", async () => {
    const ctx = context(store);
    await readTracker(ctx, T0);
    await storeFailingCriterion(T0);
    const err = await rejection(
      updatePhase(ctx, "infrastructure", { version: 1, status: "done" }, ENGINEER, T0 + 1_000),
    );
    expect(err).toMatchObject({ reason: "criteria_failing", current: { id: "infrastructure", version: 1 } });
    expect(err.message).toContain("Staging achieves >95% startup success rate");
  });

  it("adds and removes actions; removing with a stale version is refused", async () => {
    const ctx = context(store);
    const added = await createAction(
      ctx,
      "infrastructure",
      {
        title: "Open a Google support case",
        owner: "Infrastructure Team",
        status: "todo",
        due: "2025-09-18",
        links: ["https://support.google.com/"],
      },
      ENGINEER,
      T0,
    );
    expect(added).toMatchObject({
      source: "ui",
      version: 1,
      due: "2025-09-18",
      links: ["https://support.google.com/"],
    });
    expect(added.id).toMatch(/^ui-[0-9a-f]{8}$/);
    expect((await view(ctx)).phases[0]?.actions.at(-1)?.id).toBe(added.id);
    expect((await rejection(deleteAction(ctx, "infrastructure", added.id, 7, ENGINEER, T0))).reason).toBe(
      "stale_version",
    );
    await deleteAction(ctx, "infrastructure", added.id, 1, ENGINEER, T0 + 1);
    expect((await view(ctx)).phases[0]?.actions.map((a) => a.id)).not.toContain(added.id);
    expect((await listHistory(ctx, { limit: 10 })).entries.map((e) => e.change)).toEqual(["delete", "create"]);
  });

  it("re-reading a changed config keeps the page's edit, reports the conflict, and resolves it either way", async () => {
    const ctx = context(store);
    const a = await action(ctx, "infrastructure", "scale-connector");
    await updateAction(ctx, "infrastructure", "scale-connector", { version: a.version, status: "done" }, ENGINEER, T0);

    const changed = withPhase(seedIncident(), "infrastructure", (p) => ({
      ...p,
      actions: p.actions.map((x) =>
        x.id === "scale-connector"
          ? { ...x, status: "held" as const }
          : x.id === "regional-investigation"
            ? { ...x, owner: "SRE" }
            : x,
      ),
    }));
    const ctx2 = context(store, changed);
    const v = await view(ctx2, T0 + 1_000);
    // The edit stands; the untouched field follows the config.
    expect(v.phases[0]?.actions.find((x) => x.id === "scale-connector")?.status).toBe("done");
    expect(v.phases[0]?.actions.find((x) => x.id === "regional-investigation")?.owner).toBe("SRE");
    expect(v.conflicts).toHaveLength(1);
    expect(v.conflicts[0]).toMatchObject({
      phaseId: "infrastructure",
      actionId: "scale-connector",
      field: "status",
      storeValue: "done",
      configValue: "held",
    });
    expect(v.conflicts[0]?.text).toContain("the page's value is kept");

    // Reading the same config again reports nothing new.
    await readTracker(context(store, changed), T0 + 2_000);
    expect((await view(context(store, changed))).conflicts).toHaveLength(1);

    const conflictId = v.conflicts[0]?.id ?? "";
    await resolveConflict(ctx2, conflictId, "config", ADMIN, T0 + 3_000);
    const after = await view(ctx2, T0 + 3_000);
    expect(after.conflicts).toEqual([]);
    expect(after.phases[0]?.actions.find((x) => x.id === "scale-connector")?.status).toBe("held");
    expect((await rejection(resolveConflict(ctx2, conflictId, "store", ADMIN, T0))).reason).toBe("already_resolved");
    const changes = (await listHistory(ctx2, { limit: 10 })).entries.map((e) => `${e.actor}:${e.change}`);
    expect(changes).toEqual(["admin:resolve", "staging config:update", "staging config:conflict", "engineer:update"]);
  });

  it("an action the config drops, untouched on the page, is removed as a new version and audited", async () => {
    const ctx = context(store);
    const before = await action(ctx, "infrastructure", "regional-investigation");
    const dropped = withPhase(seedIncident(), "infrastructure", (p) => ({
      ...p,
      actions: p.actions.filter((x) => x.id !== "regional-investigation"),
    }));
    const v = await view(context(store, dropped), T0 + 1_000);
    expect(v.phases[0]?.actions.map((x) => x.id)).not.toContain("regional-investigation");
    expect(v.conflicts).toEqual([]);
    const row = await store.db
      .selectFrom("tracker_action")
      .select(["version", "deleted_at", "updated_by"])
      .where("action_id", "=", "regional-investigation")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ version: before.version + 1, updated_by: "staging config" });
    expect(row.deleted_at).not.toBeNull();
    const [entry] = (await listHistory(ctx, { limit: 1 })).entries;
    expect(entry).toMatchObject({ actor: "staging config", change: "delete", entityId: "regional-investigation" });
  });

  it("keeping the page's value settles the conflict for good", async () => {
    const ctx = context(store);
    await updatePhase(ctx, "infrastructure", { version: 1, status: "blocked" }, ENGINEER, T0);
    const changed = withPhase(seedIncident(), "infrastructure", (p) => ({ ...p, status: "held" }));
    const v = await view(context(store, changed));
    expect(v.conflicts.map((c) => [c.field, c.storeValue, c.configValue])).toEqual([["status", "blocked", "held"]]);
    await resolveConflict(context(store, changed), v.conflicts[0]?.id ?? "", "store", ENGINEER, T0 + 1);
    // A later re-read of the same config (a new object, as after a reload) finds nothing to report.
    const again = await view(
      context(
        store,
        withPhase(seedIncident(), "infrastructure", (p) => ({ ...p, status: "held" })),
      ),
    );
    expect(again.conflicts).toEqual([]);
    expect(again.phases[0]?.status).toBe("blocked");
  });

  it("pages the history newest first without skipping entries of the same millisecond", async () => {
    const ctx = context(store);
    let version = 1;
    for (const status of ["blocked", "active", "held", "active", "blocked"] as const) {
      version = (await updatePhase(ctx, "infrastructure", { version, status }, ENGINEER, T0)).version;
    }
    const first = await listHistory(ctx, { limit: 2 });
    expect(first.entries).toHaveLength(2);
    const second = await listHistory(ctx, { limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await listHistory(ctx, { limit: 2, cursor: second.nextCursor ?? undefined });
    expect(third.nextCursor).toBeNull();
    const ids = [...first.entries, ...second.entries, ...third.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(5);
  });

  it("links an action to a change once under concurrent links, across a restart, and unlinks it (audited)", async () => {
    const ctx = context(store);
    const change = {
      id: "operations/resize-1",
      kind: "connector" as const,
      resource: { type: "connector" as const, name: "staging-connector" },
      method: "google.cloud.vpcaccess.v1.VpcAccessService.PatchConnector",
      startedAt: new Date(T0 - 600_000).toISOString(),
      endedAt: new Date(T0 - 505_000).toISOString(),
      durationMs: 95_000,
      outcome: "succeeded" as const,
      error: null,
      actor: null,
      summary: "Connector staging-connector updated to e2-standard-4",
      details: { machineType: "e2-standard-4" },
      explorerUrl: "https://console.cloud.google.com/logs/query;query=x",
    };
    const links = await Promise.all(
      [ENGINEER, ADMIN, ENGINEER].map((who, i) =>
        linkChange(ctx, "infrastructure", "scale-connector", change, who, T0 + i),
      ),
    );
    expect(new Set(links.map((l) => l.linkedAt)).size).toBe(1);
    await store.close();
    store = await openStore(target);
    const ctx2 = context(store, seedIncident());
    const v = await view(ctx2);
    expect(v.changeLinks).toEqual([
      expect.objectContaining({
        phaseId: "infrastructure",
        actionId: "scale-connector",
        changeId: "operations/resize-1",
        summary: change.summary,
        startedAt: change.startedAt,
      }),
    ]);
    const history = await listHistory(ctx2, { limit: 50 });
    expect(history.entries.filter((e) => e.change === "link-change")).toHaveLength(1);
    await unlinkChange(ctx2, "infrastructure", "scale-connector", change.id, ENGINEER, T0 + 10);
    expect((await view(ctx2)).changeLinks).toEqual([]);
    const err = await rejection(unlinkChange(ctx2, "infrastructure", "scale-connector", change.id, ENGINEER, T0 + 11));
    expect(err.reason).toBe("not_found");
    expect((await rejection(linkChange(ctx2, "infrastructure", "no-such-action", change, ENGINEER, T0))).reason).toBe(
      "not_found",
    );
  });
});
