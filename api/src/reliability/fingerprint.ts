/**
 * A fingerprint of everything the platform stores: for every table of the application's schemas (and
 * the migrations bookkeeping), its row count and the sum of a 64-bit hash of every row's text. Two databases
 * with the same fingerprint hold the same records, value for value.
 */
import { sql } from "drizzle-orm";
import { rows, type Db } from "../modules/core/db.js";

export interface TableFingerprint {
  table: string;
  rows: number;
  md5: string;
}

/** Schemas that hold the platform's data (every module's schema plus drizzle's migrations tables). */
export async function dataTables(db: Db, exclude: string[] = []): Promise<string[]> {
  const list = await rows<{ t: string }>(
    db,
    sql`select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as t
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and not c.relispartition
          and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'public')
          and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'
        order by 1`,
  );
  return list.map((r) => r.t).filter((t) => !exclude.includes(t));
}

export async function fingerprint(db: Db, opts: { exclude?: string[] } = {}): Promise<TableFingerprint[]> {
  const tables = await dataTables(db, opts.exclude);
  const out: TableFingerprint[] = [];
  // One statement per table: row text in a stable order (partitioned tables include their partitions).
  for (const t of tables) {
    const [r] = await rows<{ n: number; h: string }>(
      db,
      // Order-independent: the sum of a 64-bit hash of each row's text (no sort of the whole table).
      sql.raw(`select count(*)::int as n, coalesce(sum(hashtextextended(t::text, 7)), 0)::text as h from ${t} t`),
    );
    out.push({ table: t, rows: r!.n, md5: r!.h });
  }
  return out;
}

/** Total rows over a fingerprint. */
export const totalRows = (f: TableFingerprint[]) => f.reduce((s, t) => s + t.rows, 0);
