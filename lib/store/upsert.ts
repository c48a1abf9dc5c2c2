// The `do update set` half of an upsert, typed against the store's schema.
import type { ExpressionBuilder, OnConflictTables, OnConflictUpdateDatabase, UpdateObject } from "kysely";
import type { StoreSchema } from "./schema";

type UpsertDb<T extends keyof StoreSchema> = OnConflictUpdateDatabase<StoreSchema, T>;

/**
 * On conflict, take each named column from the row being written (`excluded.<column>`) and keep
 * the stored row's other columns: one list per table instead of one `eb.ref` line per column.
 */
export function takeExcluded<T extends keyof StoreSchema & string>(
  columns: readonly (keyof StoreSchema[T] & string)[],
): (
  eb: ExpressionBuilder<UpsertDb<T>, OnConflictTables<T>>,
) => UpdateObject<UpsertDb<T>, OnConflictTables<T>, OnConflictTables<T>> {
  return (eb) =>
    Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}` as never)])) as UpdateObject<
      UpsertDb<T>,
      OnConflictTables<T>,
      OnConflictTables<T>
    >;
}
