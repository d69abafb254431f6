/**
 * What a start on existing data needs to know about the demo data, without loading the generator
 * (seed.ts and faker, loaded only when a fresh database is filled).
 */
import { sql } from "drizzle-orm";
import { row, type Db } from "./db.js";

/** The password of every demo account. */
export const DEMO_PASSWORD = "Zerowaste2026";

/** No accounts yet: the database has never been seeded. */
export async function isFresh(db: Db): Promise<boolean> {
  const r = await row<{ n: number }>(db, sql`select count(*)::int as n from core.users`);
  return (r?.n ?? 0) === 0;
}
