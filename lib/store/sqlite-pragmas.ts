import type SQLite from "better-sqlite3";

/**
 * How Stagewatch opens SQLite (shared with the bench, which cannot import the server-only store).
 * WAL lets the dashboard read while the probe scheduler writes. The page cache is 64 MB instead
 * of SQLite's 2 MB: uptime for every probe seeks thousands of rows scattered over a table of
 * millions, and with 2 MB nearly every seek went back to the operating system. synchronous stays
 * FULL (SQLite's default): under WAL, NORMAL would spare the recorder one fsync a second, but a
 * power loss could then take back tracker edits the API had already acknowledged.
 */
export function tuneSqlite(database: SQLite.Database): void {
  database.pragma("journal_mode = WAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("cache_size = -65536");
}
