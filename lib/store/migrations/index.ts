import type { Migration } from "kysely";

/**
 * Every migration, keyed by a name that sorts in the order they must run. Migrations
 * use only DDL both SQLite and PostgreSQL accept (text, integer, bigint, real).
 */
export const migrations: Record<string, Migration> = {};
