import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { migrationsRoot } from "../../paths.js";

/** A drizzle database or an open transaction on it; services take either. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = Db | PgTransaction<PgQueryResultHKT, any, any>;

export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  /** The postgres-js client (server mode) for COPY and LISTEN; undefined on PGlite. */
  pg?: postgres.Sql;
  /** The PGlite instance (embedded mode). */
  pglite?: PGlite;
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory, or "memory://". */
  dataDir?: string;
  /** Pool size for the server driver. */
  max?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.max ?? 10);
  return openPglite(opts.dataDir ?? "memory://");
}

function openPostgres(url: string, max: number): Database {
  const pg = postgres(url, {
    max,
    onnotice: () => {},
    idle_timeout: 30,
    connect_timeout: 5,
    // Numeric and bigint stay strings: exact money, points and tonnage.
  });
  const db = drizzlePostgres(pg, { casing: "snake_case" }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    pg,
    async listen(channel, onMessage) {
      const sub = await pg.listen(channel, (p) => onMessage(p));
      return async () => sub.unlisten();
    },
    async notify(channel, payload) {
      await pg.notify(channel, payload);
    },
    async ping() {
      try {
        await pg`select 1`;
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await pg.end({ timeout: 5 });
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = drizzlePglite(pglite, { casing: "snake_case" }) as unknown as Db;
  let closed = false;
  return {
    kind: "pglite",
    db,
    pglite,
    async listen(channel, onMessage) {
      return pglite.listen(channel, onMessage);
    },
    async notify(channel, payload) {
      await pglite.query("select pg_notify($1, $2)", [channel, payload]);
    },
    async ping() {
      if (closed) return false;
      try {
        await pglite.query("select 1");
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pglite.close();
    },
  };
}

/** Runs a raw SQL statement and returns its rows, whichever driver is underneath. */
export async function rows<T = Record<string, unknown>>(db: Tx, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown;
  if (Array.isArray(r)) return r as T[];
  return ((r as { rows: T[] }).rows ?? []) as T[];
}

/** First row or undefined. */
export async function row<T = Record<string, unknown>>(db: Tx, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

/**
 * Applies every module's generated migrations, in module order.
 * Each module keeps its own folder (api/drizzle/<module>) and its own migrations table, so
 * streams can evolve their tables independently. On a server, an advisory lock makes
 * concurrent start-ups of several API processes safe.
 */
export async function migrateAll(database: Database, modules: readonly string[], databaseUrl?: string): Promise<void> {
  const folders = modules
    .map((m) => ({ m, dir: path.join(migrationsRoot, m) }))
    .filter(({ dir }) => fs.existsSync(path.join(dir, "meta", "_journal.json")));
  if (database.kind === "pglite") {
    await database.db.execute(sql`create extension if not exists pg_trgm`);
    for (const { m, dir } of folders) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await migratePglite(database.db as any, { migrationsFolder: dir, migrationsTable: `migrations_${m}`, migrationsSchema: "drizzle" });
    }
    return;
  }
  if (!databaseUrl) throw new Error("migrateAll on a server needs its URL");
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(727001)`;
    await client`create extension if not exists pg_trgm`;
    const mdb = drizzlePostgres(client, { casing: "snake_case" });
    for (const { m, dir } of folders) {
      await migratePostgres(mdb, { migrationsFolder: dir, migrationsTable: `migrations_${m}`, migrationsSchema: "drizzle" });
    }
    await client`select pg_advisory_unlock(727001)`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
