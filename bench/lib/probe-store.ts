import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { migrations } from "@/lib/store/migrations";
import type { Store } from "@/lib/store/db";
import type { StoreSchema } from "@/lib/store/schema";
import { tuneSqlite } from "@/lib/store/sqlite-pragmas";

/**
 * The same SQLite store openStore() opens (its pragmas, every migration), built here
 * because lib/store/db.ts is server-only and the bench runs in plain Node.
 */
export async function benchSqliteStore(): Promise<Store & { file: string; raw: SQLite.Database; remove: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sw-probes-bench-"));
  const file = path.join(dir, "bench.sqlite");
  const raw = new SQLite(file);
  tuneSqlite(raw);
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: raw }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return {
    db,
    dialect: "sqlite",
    close: () => db.destroy(),
    file,
    raw,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
