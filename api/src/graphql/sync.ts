/**
 * Incremental sync for third parties (增量同步).
 * Lists take `updatedSince`; results are ordered by (updated_at, id) ascending and paged with a keyset
 * cursor, so rows changed while a client pages move behind its cursor and are seen on a later page or
 * run — never skipped. A row becomes visible to sync once it is SYNC.settleSeconds old: a transaction that
 * started earlier but commits later cannot then slip in behind a client's cursor.
 */
import { and, gte, lt, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

export const SYNC = { settleSeconds: 5 };

/** Conditions for `updatedSince`: changed at or after `since`, and settled. */
export function updatedSinceWhere(updatedAt: PgColumn, since: Date | null | undefined): SQL | undefined {
  if (!since) return undefined;
  return and(gte(updatedAt, since), lt(updatedAt, sql`now() - make_interval(secs => ${SYNC.settleSeconds})`));
}
