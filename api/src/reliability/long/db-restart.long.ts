/**
 * Database faults with real restarts of the local PostgreSQL server (issue 11, point 1). The platform
 * runs on its own fresh database; clients write GraphQL mutations with Idempotency-Keys and GPS batches
 * through real HTTP, retrying until acknowledged, while the server is restarted RESTARTS times
 * (`pg_ctlcluster <version> main restart`, a few seconds each). Other users of the server see the same
 * short restarts: run this on demand only.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../config.js";
import { migrateAll, openDatabase, type Database } from "../../modules/core/db.js";
import { createSeedContext, DEMO_PASSWORD, seedCore } from "../../modules/core/seed.js";
import { buildWorld } from "../../modules/construction/testing.js";
import { moduleNames } from "../../modules/index.js";
import { createPlatform, type Platform } from "../../server.js";
import { createTestDatabase } from "../../test/harness.js";
import { runOutageScenario, verifyAcknowledged } from "../db-outage.js";
import { post, } from "./child.js";
import { recordFigures } from "./figures.js";

const RESTARTS = Number(process.env.RESTARTS ?? 3);
const version = fs.readdirSync("/etc/postgresql").sort().at(-1)!;
let platform: Platform;
let database: Database;
let url = "";
let drop: () => Promise<void>;
let dbUrl = "";

// Asynchronous on purpose: the platform and its clients share this process and must keep running
// (and /readyz answering) while the server restarts.
const run = promisify(execFile);
async function pgReady(): Promise<boolean> {
  try {
    await run("pg_isready", ["-h", "127.0.0.1", "-p", "5432", "-q"]);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  dbUrl = t.url;
  const config: Config = { ...loadConfig({}), databaseUrl: t.url, dataDir: "memory://", port: 0, host: "127.0.0.1", workers: true, webRoot: "/nonexistent", throttleScale: 1000 };
  database = await openDatabase({ databaseUrl: t.url, max: 10 });
  await migrateAll(database, moduleNames, t.url);
  platform = await createPlatform(config, { database, skipMigrations: true });
  await seedCore(await createSeedContext(platform.app, "small"));
  url = await platform.listen();
});
afterAll(async () => {
  await platform?.stop();
  await database?.close().catch(() => {});
  for (let i = 0; i < 60 && !(await pgReady()); i++) await new Promise((r) => setTimeout(r, 1000));
  await drop?.();
});

describe("PostgreSQL server restarts under load", () => {
  it(`survives ${RESTARTS} restarts: not-ready while down, back within seconds, every acknowledged write once`, async () => {
    const gql = async (query: string, variables: unknown, headers: Record<string, string> = {}) => JSON.parse((await post(`${url}/graphql`, { query, variables }, headers)).body);
    const admin = (await gql(`mutation($p: String!) { login(username: "admin", password: $p) { token } }`, { p: DEMO_PASSWORD })).data.login.token as string;
    const writeKey = (await gql(`mutation { createApiKey(input: { name: "cases", scopes: ["construction:write"], rateLimitBurst: 10000000, rateLimitPerSecond: 100000 }) { secret } }`, {}, { authorization: `Bearer ${admin}` })).data.createApiKey.secret as string;
    const key = (await gql(`mutation { createApiKey(input: { name: "gps", scopes: ["construction:ingest"], rateLimitBurst: 10000000, rateLimitPerSecond: 100000 }) { secret } }`, {}, { authorization: `Bearer ${admin}` })).data.createApiKey.secret as string;
    const world = await buildWorld(platform.app, { vehicles: 3 });
    const downtimes: number[] = [];
    const report = await runOutageScenario({
      client: { post: (u, body, headers) => post(`${url}${u}`, body, headers), get: async (u) => ({ status: (await fetch(`${url}${u}`)).status }) },
      writeKey,
      ingestKey: key,
      terminals: world.terminals,
      outages: RESTARTS,
      steadyMs: 8000,
      tag: "restart",
      async outage() {
        const t0 = Date.now();
        await run("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "restart", "--", "-m", "fast"]);
        while (!(await pgReady())) await new Promise((r) => setTimeout(r, 100));
        downtimes.push(Date.now() - t0);
      },
    });
    const direct = await openDatabase({ databaseUrl: dbUrl, max: 2 });
    const problems = await verifyAcknowledged(direct.db, "restart", report.acknowledgedUsers, report.acknowledgedPoints);
    await direct.close();
    const points = [...report.acknowledgedPoints.values()].reduce((a, b) => a + b, 0);
    recordFigures(
      "db-restart",
      `| restarts | server down (ms, each) | acknowledged cases / GPS points | attempts | answers while down | /readyz not-ready answers | first acknowledged write after return (ms, each) | slowest acknowledgement incl. retries (ms) | lost or duplicated |
|---|---|---|---|---|---|---|---|---|
| ${RESTARTS} | ${downtimes.join(", ")} | ${report.acknowledgedUsers.length} / ${points} | ${report.attempts} | ${Object.entries(report.failures).map(([k, v]) => `${k}: ${v}`).join("; ")} | ${report.readyzDown} | ${report.recoveryMs.join(", ")} | ${report.ackLatencyMaxMs} | ${problems.length ? problems.join("; ") : "none"} |`,
    );
    expect(report.bad).toEqual([]);
    expect(problems).toEqual([]);
    expect(report.readyzDown).toBeGreaterThan(0);
    expect(Math.max(...report.recoveryMs)).toBeLessThan(15_000);
  });
});
