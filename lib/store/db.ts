import "server-only";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { getEnv } from "@/lib/config/env";
import { migrations } from "./migrations";
import { claimSqliteStore } from "./sqlite-lock";
import { tuneSqlite } from "./sqlite-pragmas";
import type { StoreSchema } from "./schema";
import { processSingleton } from "@/lib/base/singleton";

export type Dialect = "sqlite" | "postgres";
export type StoreDb = Kysely<StoreSchema>;
/**
 * `native` is the connection under Kysely, for libraries that need the driver itself (the
 * rate limiters): sharing it means no second SQLite connection waiting on the first one's lock.
 */
export type Store = {
  db: StoreDb;
  dialect: Dialect;
  close(): Promise<void>;
  native?: { sqlite: SQLite.Database } | { postgres: pg.Pool };
};
export type StoreTarget = { sqlitePath: string } | { postgresUrl: string };

// int8 (COUNT(*), BIGINT timestamps in ms) arrives as a string from pg; every such value we
// store is far below 2^53, so numbers are safe and keep both dialects returning the same type.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens the store and brings its schema up to date; SQLite by default, PostgreSQL by URL. */
export async function openStore(target: StoreTarget): Promise<Store> {
  let store: Store;
  if ("postgresUrl" in target) {
    // A bounded connect, so an unreachable database fails a request (and the leader's renewal) instead of hanging it.
    const pool = new pg.Pool({ connectionString: target.postgresUrl, max: 10, connectionTimeoutMillis: 10_000 });
    const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
    store = { db, dialect: "postgres", close: () => db.destroy(), native: { postgres: pool } };
  } else {
    const file = target.sqlitePath;
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    // One process per SQLite store: a second one fails here, saying so (StoreInUseError).
    const release = file === ":memory:" ? () => undefined : claimSqliteStore(file);
    let database: SQLite.Database;
    try {
      database = new SQLite(file);
      tuneSqlite(database);
    } catch (err) {
      release();
      throw err;
    }
    const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database }) });
    store = { db, dialect: "sqlite", close: () => db.destroy().finally(release), native: { sqlite: database } };
  }
  try {
    await migrateToLatest(store.db);
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

export class MigrationError extends Error {}

async function migrateToLatest(db: StoreDb): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new MigrationError(
      `Store migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function storeTargetFromEnv(): StoreTarget {
  const env = getEnv();
  if (env.STAGEWATCH_DATABASE_URL) return { postgresUrl: env.STAGEWATCH_DATABASE_URL };
  return { sqlitePath: path.resolve(env.STAGEWATCH_DATA_DIR, "stagewatch.sqlite") };
}

/**
 * Shares one open across callers, but forgets a failed one: a store that could not be opened
 * (PostgreSQL not up yet, a locked file) is tried again by the next caller, not failed forever.
 */
export function sharedOpen(slot: { current?: Promise<Store> }, open: () => Promise<Store>): Promise<Store> {
  if (!slot.current) {
    const opening = open();
    slot.current = opening;
    opening.catch(() => {
      if (slot.current === opening) slot.current = undefined;
    });
  }
  return slot.current;
}

// One store per process, shared across route bundles (Next may load this module twice).
export function getStore(): Promise<Store> {
  const slot = processSingleton<{ current?: Promise<Store> }>("store", () => ({}));
  return sharedOpen(slot, () => openStore(storeTargetFromEnv()));
}
