/**
 * Database faults, the fast version (issue 11, point 1): the platform reaches its own fresh database on
 * the PostgreSQL server through a TCP proxy, and the proxy drops every connection and refuses new ones
 * three times for ~2.5 s while clients keep writing (GraphQL mutations with Idempotency-Keys, GPS
 * batches). Nobody else using the server notices. The long suite (`pnpm --filter @zw/api run
 * reliability`) does the same with real restarts of the server.
 *  - while the database is away: /readyz answers 503, writes answer 503 SERVICE_UNAVAILABLE (never 500,
 *    never INTERNAL_SERVER_ERROR, nothing internal in the body);
 *  - the API answers again within seconds of the database's return;
 *  - every acknowledged write is there exactly once (retries with the same key created no duplicates).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../config.js";
import { migrateAll, openDatabase, type Database } from "../modules/core/db.js";
import { createSeedContext, DEMO_PASSWORD, seedCore } from "../modules/core/seed.js";
import { buildWorld } from "../modules/construction/testing.js";
import { moduleNames } from "../modules/index.js";
import { createPlatform, type Platform } from "../server.js";
import { createTestDatabase, TEST_DB } from "../test/harness.js";
import { runOutageScenario, verifyAcknowledged } from "./db-outage.js";
import { startProxy, type TcpProxy } from "./tcp-proxy.js";

let proxy: TcpProxy;
let platform: Platform;
let database: Database;
let drop: () => Promise<void>;
let directUrl = "";

beforeAll(async () => {
  if (TEST_DB !== "postgres") return;
  const t = await createTestDatabase();
  drop = t.drop;
  directUrl = t.url;
  const u = new URL(t.url);
  proxy = await startProxy({ host: u.hostname, port: Number(u.port || 5432) });
  const viaProxy = t.url.replace(/:\d+\//, `:${proxy.port}/`);
  const config: Config = { ...loadConfig({}), databaseUrl: viaProxy, dataDir: "memory://", port: 0, host: "127.0.0.1", workers: false, webRoot: "/nonexistent", throttleScale: 1000 };
  database = await openDatabase({ databaseUrl: viaProxy, max: 10 });
  await migrateAll(database, moduleNames, directUrl);
  platform = await createPlatform(config, { database, skipMigrations: true });
  await platform.server.ready();
  await seedCore(await createSeedContext(platform.app, "small"));
}, 600_000);

afterAll(async () => {
  if (TEST_DB !== "postgres") return;
  proxy?.restore();
  await platform?.stop();
  await database?.close().catch(() => {});
  await proxy?.close();
  await drop?.();
});

describe.runIf(TEST_DB === "postgres")("database outages (connections cut by a proxy)", () => {
  it("reports not-ready and 503 while the database is away, recovers within seconds, loses and duplicates nothing", async () => {
    const inject = async (method: "GET" | "POST", url: string, body?: unknown, headers: Record<string, string> = {}) => {
      const r = await platform.server.inject({ method, url, headers: { "content-type": "application/json", ...headers }, payload: body === undefined ? undefined : JSON.stringify(body) });
      return { status: r.statusCode, body: r.body };
    };
    const gql = async (query: string, variables: unknown, headers: Record<string, string>) => JSON.parse((await inject("POST", "/graphql", { query, variables }, headers)).body);
    const admin = (await gql(`mutation($p: String!) { login(username: "admin", password: $p) { token } }`, { p: DEMO_PASSWORD }, {})).data.login.token as string;
    const writeKey = (await gql(`mutation { createApiKey(input: { name: "cases", scopes: ["construction:write"] }) { secret } }`, {}, { authorization: `Bearer ${admin}` })).data.createApiKey.secret as string;
    const key = (await gql(`mutation { createApiKey(input: { name: "gps", scopes: ["construction:ingest"] }) { secret } }`, {}, { authorization: `Bearer ${admin}` })).data.createApiKey.secret as string;
    const world = await buildWorld(platform.app, { vehicles: 3 });

    const report = await runOutageScenario({
      client: { post: (url, body, headers) => inject("POST", url, body, headers), get: (url) => inject("GET", url) },
      writeKey,
      ingestKey: key,
      terminals: world.terminals,
      outages: 3,
      steadyMs: 5000,
      tag: "cut",
      async outage() {
        proxy.cut();
        await new Promise((r) => setTimeout(r, 2500));
        proxy.restore();
      },
    });
    console.log(`[db-outage proxy] ${JSON.stringify({ ...report, acknowledgedUsers: report.acknowledgedUsers.length, acknowledgedPoints: [...report.acknowledgedPoints.values()].reduce((a, b) => a + b, 0) })}`);
    expect(report.bad).toEqual([]);
    // Writes went on before, between and after the outages.
    expect(report.writes).toBeGreaterThanOrEqual(4);
    expect(report.batches).toBeGreaterThanOrEqual(4);
    expect(report.readyzDown, "/readyz said not-ready while the database was away").toBeGreaterThan(0);
    expect(Object.keys(report.failures).some((k) => k.startsWith("503"))).toBe(true);
    expect(report.recoveryMs.length).toBeGreaterThan(0);
    expect(Math.max(...report.recoveryMs), "answers again within seconds of the database's return").toBeLessThan(15_000);
    expect((await inject("GET", "/readyz")).status).toBe(200);
    // Checked through a direct connection, not the proxy.
    const direct = await openDatabase({ databaseUrl: directUrl, max: 2 });
    try {
      expect(await verifyAcknowledged(direct.db, "cut", report.acknowledgedUsers, report.acknowledgedPoints)).toEqual([]);
    } finally {
      await direct.close();
    }
  }, 600_000);
});
