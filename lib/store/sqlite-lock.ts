import SQLite from "better-sqlite3";

export class StoreInUseError extends Error {
  constructor(file: string) {
    super(
      `The SQLite store ${file} is already open in another Stagewatch process. SQLite is the store for one process; ` +
        "stop the other one, give this one its own STAGEWATCH_DATA_DIR, or set STAGEWATCH_DATABASE_URL to a PostgreSQL " +
        "database to run several replicas (see docs/deploy.md).",
    );
    this.name = "StoreInUseError";
  }
}

/**
 * Claims a SQLite store for this process: an exclusive lock on a side file (`<store>.owner`),
 * held by an open connection for as long as the store is open. The operating system drops the
 * lock when the process dies, even by SIGKILL, so a crash never leaves a stale claim behind
 * (a PID file would, and a container's PIDs repeat). Returns the release function.
 */
export function claimSqliteStore(file: string): () => void {
  const lockFile = `${file}.owner`;
  const conn = new SQLite(lockFile, { timeout: 0 });
  try {
    // EXCLUSIVE locking mode keeps the write lock after the transaction, until the connection closes.
    conn.pragma("locking_mode = EXCLUSIVE");
    conn.exec("create table if not exists owner (pid integer)");
    conn.exec("begin exclusive; delete from owner; commit");
    conn.prepare("insert into owner (pid) values (?)").run(process.pid);
  } catch (err) {
    conn.close();
    if (err instanceof SQLite.SqliteError && (err.code === "SQLITE_BUSY" || err.code === "SQLITE_LOCKED"))
      throw new StoreInUseError(file);
    throw err;
  }
  return () => conn.close();
}
