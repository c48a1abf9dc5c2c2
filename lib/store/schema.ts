/**
 * The store's tables, as Kysely sees them. Each domain declares its tables in its own
 * interface here and its DDL in `migrations/`; timestamps are epoch milliseconds (numbers).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StoreSchema {}
