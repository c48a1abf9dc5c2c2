import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { StoreDb } from "@/lib/store/db";
import type { StoreSchema } from "@/lib/store/schema";
import type { RehearsalOutcome, RehearsalRun, StepOutcome } from "@/lib/rehearsal/core/types";

/**
 * Rehearsal evidence: a row per run (step timings, error, which screenshots exist) and the
 * PNGs on disk under <data dir>/rehearsals/<run id>/. Files are written and synced before the
 * row, so a stored run never points at a screenshot that a crash lost.
 */

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KIND = /^[a-z][a-z0-9-]{0,40}$/;

export const isRunId = (id: string): boolean => RUN_ID.test(id);
export const isScreenshotKind = (kind: string): boolean => KIND.test(kind);

/** Where a screenshot lives; only ids and kinds of our own shape, so no path can leave the folder. */
export function screenshotFile(dir: string, id: string, kind: string): string {
  if (!isRunId(id) || !isScreenshotKind(kind)) throw new Error("not a rehearsal screenshot");
  return path.join(dir, id, `${kind}.png`);
}

async function writeDurably(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, "w");
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}

export async function saveRun(db: StoreDb, dir: string, outcome: RehearsalOutcome): Promise<RehearsalRun> {
  const id = randomUUID();
  // A later shot of the same kind (two screenshot steps with one label) replaces the earlier.
  const shots = new Map(outcome.screenshots.filter((s) => isScreenshotKind(s.kind)).map((s) => [s.kind, s.png]));
  if (shots.size) {
    await mkdir(path.join(dir, id), { recursive: true });
    for (const [kind, png] of shots) await writeDurably(screenshotFile(dir, id, kind), png);
  }
  const run: RehearsalRun = {
    id,
    probe: outcome.probe,
    status: outcome.status,
    startedAt: outcome.startedAt,
    durationMs: outcome.durationMs,
    steps: outcome.steps,
    failedStep: outcome.failedStep,
    error: outcome.error,
    screenshots: [...shots.keys()],
  };
  await db
    .insertInto("rehearsal_run")
    .values({
      id,
      probe: run.probe,
      started_at: Date.parse(run.startedAt),
      status: run.status,
      duration_ms: run.durationMs,
      failed_step: run.failedStep,
      error: run.error,
      steps: JSON.stringify(run.steps),
      screenshots: JSON.stringify(run.screenshots),
    })
    .execute();
  return run;
}

/** A stored run as the store declares it (migration 0008). */
type Row = StoreSchema["rehearsal_run"];

function parseList<T>(text: string): T[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

function toRun(row: Row): RehearsalRun {
  return {
    id: row.id,
    probe: row.probe,
    status: row.status as RehearsalRun["status"],
    startedAt: new Date(Number(row.started_at)).toISOString(),
    durationMs: Number(row.duration_ms),
    steps: parseList<StepOutcome>(row.steps),
    failedStep: row.failed_step === null ? null : Number(row.failed_step),
    error: row.error,
    screenshots: parseList<string>(row.screenshots),
  };
}

/** The latest runs of a probe, newest first (the journey page's duration history). */
export async function recentRuns(db: StoreDb, probe: string, limit = 50): Promise<RehearsalRun[]> {
  const rows = await db
    .selectFrom("rehearsal_run")
    .selectAll()
    .where("probe", "=", probe)
    .orderBy("started_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toRun);
}

export async function getRun(db: StoreDb, id: string): Promise<RehearsalRun | null> {
  if (!isRunId(id)) return null;
  const row = await db.selectFrom("rehearsal_run").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toRun(row) : null;
}

/** The PNG of a stored run, or null when the run or that screenshot does not exist. */
export async function readScreenshot(db: StoreDb, dir: string, id: string, kind: string): Promise<Buffer | null> {
  const run = await getRun(db, id);
  if (!run || !run.screenshots.includes(kind)) return null;
  return readFile(screenshotFile(dir, id, kind)).catch(() => null);
}

/** Drops runs (rows, then their files) that started before `before`, with the probes' raw retention. */
export async function pruneRuns(db: StoreDb, dir: string, before: number): Promise<number> {
  const old = await db.selectFrom("rehearsal_run").select("id").where("started_at", "<", before).execute();
  if (!old.length) return 0;
  await db.deleteFrom("rehearsal_run").where("started_at", "<", before).execute();
  for (const { id } of old) if (isRunId(id)) await rm(path.join(dir, id), { recursive: true, force: true });
  return old.length;
}
