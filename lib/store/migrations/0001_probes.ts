import type { Kysely, Migration } from "kysely";

/**
 * Endpoint probes: raw attempts (kept days), roll-ups per minute, hour and UTC day (kept
 * months to years) from which uptime and percentiles are read, the flap-controlled state per
 * probe and its changes. No auto-increment columns, so the DDL is the same for SQLite and
 * PostgreSQL; timestamps are epoch milliseconds (bigint).
 */
export const probesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("probe_result")
      .addColumn("probe", "text", (c) => c.notNull())
      .addColumn("checked_at", "bigint", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("duration_ms", "double precision", (c) => c.notNull())
      .addColumn("failed_phase", "text")
      .addColumn("error_class", "text")
      .addColumn("error_message", "text")
      .addColumn("phases", "text", (c) => c.notNull())
      .addColumn("conditions", "text", (c) => c.notNull())
      .addColumn("details", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("probe_result_probe_at").on("probe_result").columns(["probe", "checked_at"]).execute();
    // Retention deletes by age across all probes.
    await db.schema.createIndex("probe_result_at").on("probe_result").column("checked_at").execute();

    await db.schema
      .createTable("probe_rollup")
      .addColumn("probe", "text", (c) => c.notNull())
      .addColumn("phase", "text", (c) => c.notNull())
      .addColumn("grain", "text", (c) => c.notNull())
      .addColumn("bucket", "bigint", (c) => c.notNull())
      .addColumn("checks", "integer", (c) => c.notNull())
      .addColumn("up", "integer", (c) => c.notNull())
      .addColumn("degraded", "integer", (c) => c.notNull())
      .addColumn("down", "integer", (c) => c.notNull())
      .addColumn("missing", "integer", (c) => c.notNull())
      .addColumn("n", "integer", (c) => c.notNull())
      .addColumn("sum_ms", "double precision", (c) => c.notNull())
      .addColumn("max_ms", "double precision", (c) => c.notNull())
      .addColumn("hist", "text", (c) => c.notNull())
      // Running totals through this minute (phase "total", grain "m"): a window's counts are
      // the difference of two rows, so uptime of any window costs two index seeks per probe.
      .addColumn("cum_checks", "bigint", (c) => c.notNull())
      .addColumn("cum_up", "bigint", (c) => c.notNull())
      .addColumn("cum_degraded", "bigint", (c) => c.notNull())
      .addColumn("cum_down", "bigint", (c) => c.notNull())
      .addColumn("cum_missing", "bigint", (c) => c.notNull())
      // Running latency histogram, so percentiles of any window are a difference of two rows too.
      .addColumn("cum_hist", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("probe_rollup_pk", ["probe", "phase", "grain", "bucket"])
      .execute();
    // Uptime of every probe at once (the summaries) reads one grain and time range across probes.
    await db.schema
      .createIndex("probe_rollup_range")
      .on("probe_rollup")
      .columns(["phase", "grain", "bucket", "probe"])
      .execute();

    await db.schema
      .createTable("probe_state")
      .addColumn("probe", "text", (c) => c.primaryKey())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("flapping", "integer", (c) => c.notNull())
      .addColumn("since", "bigint")
      .addColumn("recent", "text", (c) => c.notNull())
      .addColumn("last_checked_at", "bigint")
      .addColumn("last_status", "text")
      .addColumn("last_duration_ms", "double precision")
      .addColumn("last_error", "text")
      // Running totals through the last result (as on its newest minute roll-up): the end of
      // every window that ends now, without a seek per probe.
      .addColumn("cum_checks", "bigint", (c) => c.notNull())
      .addColumn("cum_up", "bigint", (c) => c.notNull())
      .addColumn("cum_degraded", "bigint", (c) => c.notNull())
      .addColumn("cum_down", "bigint", (c) => c.notNull())
      .addColumn("cum_missing", "bigint", (c) => c.notNull())
      .addColumn("cum_hist", "text", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("probe_state_change")
      .addColumn("probe", "text", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("from_status", "text", (c) => c.notNull())
      .addColumn("to_status", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("probe_state_change_probe_at")
      .on("probe_state_change")
      .columns(["probe", "at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["probe_state_change", "probe_state", "probe_rollup", "probe_result"])
      await db.schema.dropTable(table).ifExists().execute();
  },
};
