import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { migrations } from "@/lib/store/migrations";
import type { Store, StoreDb } from "@/lib/store/db";
import type { StoreSchema } from "@/lib/store/schema";
import { tuneSqlite } from "@/lib/store/sqlite-pragmas";

/**
 * The same stores openStore() opens (its pragmas, pool and every migration), built here
 * because lib/store/db.ts is server-only and the bench runs in plain Node.
 */

async function migrate(db: StoreDb): Promise<void> {
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

export async function benchSqliteStore(): Promise<Store & { file: string; raw: SQLite.Database; remove: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-probes-bench-"));
  const file = path.join(dir, "bench.sqlite");
  const raw = new SQLite(file);
  tuneSqlite(raw);
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: raw }) });
  await migrate(db);
  return {
    db,
    dialect: "sqlite",
    close: () => db.destroy(),
    file,
    raw,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A store on a PostgreSQL database (the bench starts one as the tests do, lib/testing/postgres.ts). */
export async function benchPostgresStore(url: string): Promise<Store> {
  // As lib/store/db.ts: int8 as numbers, the same pool size.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db);
  return { db, dialect: "postgres", close: () => db.destroy(), native: { postgres: pool } };
}
