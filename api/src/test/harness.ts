/**
 * Test harness: a real platform (Fastify + Apollo + database) per test file, on PGlite or on the
 * PostgreSQL server (TEST_DB=postgres: a fresh database created for the file and dropped after).
 * Requests go through the real HTTP stack with fastify.inject.
 */
import "reflect-metadata";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { loadConfig, type Config } from "../config.js";
import { migrateAll, openDatabase, type Database } from "../modules/core/db.js";
import { createSeedContext, DEMO_PASSWORD, seedCore, type Scale, type SeedContext } from "../modules/core/seed.js";
import { moduleNames } from "../modules/index.js";
import { runSeed } from "../seed.js";
import { createPlatform, type Platform } from "../server.js";

export const TEST_DB = (process.env.TEST_DB ?? "pglite") as "pglite" | "postgres";
export const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: string[] }[];
  extensions?: Record<string, any>;
  headers: Record<string, unknown>;
}

export interface Harness {
  platform: Platform;
  database: Database;
  config: Config;
  /** Runs a GraphQL operation over HTTP. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, auth?: { token?: string; apiKey?: string; headers?: Record<string, string> }): Promise<GqlResult<T>>;
  /** Signs in (demo password by default) and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** A seed context for building fixtures with the stream seeders' helpers. */
  seedContext(scale?: Scale): Promise<SeedContext>;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `zw_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const a = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface HarnessOptions {
  /** "accounts": core demo accounts only (default); a scale: the full demo seed; false: nothing. */
  seed?: "accounts" | Scale | false;
  config?: Partial<Config>;
  /** PGlite data directory (default in-memory). */
  dataDir?: string;
}

export async function createHarness(opts: HarnessOptions = {}): Promise<Harness> {
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (TEST_DB === "postgres") {
    const t = await createTestDatabase();
    databaseUrl = t.url;
    drop = t.drop;
  }
  const config: Config = { ...loadConfig({}), databaseUrl, dataDir: opts.dataDir ?? "memory://", port: 0, host: "127.0.0.1", workers: false, webRoot: "/nonexistent", throttleScale: 1000, ...opts.config };
  const database = await openDatabase({ databaseUrl, dataDir: config.dataDir, max: 20 });
  await migrateAll(database, moduleNames, databaseUrl);
  const platform = await createPlatform(config, { database, skipMigrations: true });
  await platform.server.ready();
  const seed = opts.seed ?? "accounts";
  if (seed === "accounts") await seedCore(await createSeedContext(platform.app, "small"));
  else if (seed) await runSeed(platform.app, seed);

  const h: Harness = {
    platform,
    database,
    config,
    async gql(query, variables, auth) {
      const headers: Record<string, string> = { "content-type": "application/json", ...(auth?.headers ?? {}) };
      if (auth?.token) headers.authorization = `Bearer ${auth.token}`;
      if (auth?.apiKey) headers["x-api-key"] = auth.apiKey;
      const res = await platform.server.inject({ method: "POST", url: "/graphql", headers, payload: JSON.stringify({ query, variables }) });
      let body: any = {};
      try {
        body = res.json();
      } catch {
        body = { errors: [{ message: res.body }] };
      }
      return { status: res.statusCode, data: body.data, errors: body.errors, extensions: body.extensions, headers: res.headers };
    },
    async login(username, password = DEMO_PASSWORD) {
      const r = await h.gql<{ login: { token: string | null; userErrors: { code: string }[] } }>(
        `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token userErrors { code message } } }`,
        { u: username, p: password },
      );
      const token = r.data?.login?.token;
      if (!token) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors ?? r.data)}`);
      return token;
    },
    seedContext: (scale = "small") => createSeedContext(platform.app, scale),
    async close() {
      await platform.stop();
      await database.close();
      await drop?.();
    },
  };
  return h;
}

/** Asserts a GraphQL result has no errors and returns its data. */
export function ok<T>(r: GqlResult<T>): T {
  if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data;
}
