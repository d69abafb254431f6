/**
 * Soak (issue 11, point 8): the built API as a child process on its own PostgreSQL database. First the
 * maximum throughput of a mixed workload is measured (closed loop, 8 clients, 30 s); then the workload
 * runs open-loop at half that rate for SOAK_MINUTES (default 10). Per minute: requests, errors, p50/p99
 * latency and the process's resident memory. Bounded means: no errors, the last minute's p99 within
 * 3× the second minute's (or under 500 ms), and resident memory growing less than 25 % from minute 2 to
 * the end. Figures go to docs/reliability.md.
 *
 * Workload (in rotation): a small read (`me`, `districts`), a list with relations (spoil vehicles with
 * their companies), a GPS batch of 50 points, a case opened with an Idempotency-Key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../config.js";
import { migrateAll, openDatabase } from "../../modules/core/db.js";
import { createSeedContext, DEMO_PASSWORD, seedCore } from "../../modules/core/seed.js";
import { buildWorld } from "../../modules/construction/testing.js";
import { moduleNames } from "../../modules/index.js";
import { createPlatform } from "../../server.js";
import { createTestDatabase } from "../../test/harness.js";
import { built, exited, post, startApi, type ChildApi } from "./child.js";
import { percentile, recordFigures, rssMb } from "./figures.js";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
let api: ChildApi;
let drop: () => Promise<void>;
let staff = "";
let ingestKey = "";
let writeKey = "";
let terminals: string[] = [];

beforeAll(async () => {
  if (!built()) return;
  const t = await createTestDatabase();
  drop = t.drop;
  const config: Config = { ...loadConfig({}), databaseUrl: t.url, dataDir: "memory://", port: 0, host: "127.0.0.1", workers: false, webRoot: "/nonexistent", throttleScale: 1000 };
  const database = await openDatabase({ databaseUrl: t.url, max: 5 });
  await migrateAll(database, moduleNames, t.url);
  const platform = await createPlatform(config, { database, skipMigrations: true });
  await seedCore(await createSeedContext(platform.app, "small"));
  terminals = (await buildWorld(platform.app, { vehicles: 8 })).terminals;
  const base = await platform.listen();
  const gql = async (query: string, variables: unknown, headers: Record<string, string> = {}) => JSON.parse((await post(`${base}/graphql`, { query, variables }, headers)).body);
  const admin = (await gql(`mutation($p: String!) { login(username: "admin", password: $p) { token } }`, { p: DEMO_PASSWORD })).data.login.token;
  ingestKey = (await gql(`mutation { createApiKey(input: { name: "gps", scopes: ["construction:ingest"], rateLimitBurst: 10000000, rateLimitPerSecond: 100000 }) { secret } }`, {}, { authorization: `Bearer ${admin}` })).data.createApiKey.secret;
  writeKey = (await gql(`mutation { createApiKey(input: { name: "cases", scopes: ["construction:write"], rateLimitBurst: 10000000, rateLimitPerSecond: 100000 }) { secret } }`, {}, { authorization: `Bearer ${admin}` })).data.createApiKey.secret;
  staff = (await gql(`mutation($p: String!) { login(username: "housing", password: $p) { token } }`, { p: DEMO_PASSWORD })).data.login.token;
  await platform.stop();
  await database.close();
  api = await startApi({ DATABASE_URL: t.url, WORKERS: "1", SESSION_HOURS: "24" });
}, 1_200_000);
afterAll(async () => {
  if (api && api.child.exitCode === null) {
    api.child.kill("SIGTERM");
    await exited(api.child);
  }
  await drop?.();
});

let seq = 0;
const t0 = Date.now() - 20 * 86_400_000;
const district = Buffer.from("District:330602").toString("base64url");
/** One request of the mix; resolves with its latency, or throws on an error answer. */
async function one(): Promise<number> {
  const n = seq++;
  const started = performance.now();
  let r: { status: number; body: string };
  switch (n % 4) {
    case 0:
      r = await post(`${api.url}/graphql`, { query: `{ me { role user { username } } districts { code nameZh } }` }, { authorization: `Bearer ${staff}` });
      break;
    case 1:
      r = await post(`${api.url}/graphql`, { query: `{ spoilVehicles(first: 20) { totalCount edges { node { plate company { name } } } } }` }, { authorization: `Bearer ${staff}` });
      break;
    case 2: {
      const terminal = terminals[n % terminals.length]!;
      const positions = Array.from({ length: 50 }, (_, i) => ({ terminalId: terminal, time: new Date(t0 + (n * 50 + i) * 1000).toISOString(), lon: 120.58 + i * 0.0001, lat: 30.0, speed: 30, heading: 90 }));
      r = await post(`${api.url}/ingest/positions`, { positions }, { "x-api-key": ingestKey });
      break;
    }
    default:
      r = await post(
        `${api.url}/graphql`,
        { query: `mutation($d: ID!, $l: String!) { openCase(input: { stream: construction, source: PATROL, subjectType: "Vehicle", subjectLabel: $l, districtId: $d, violationType: "未密闭运输" }) { case { id } userErrors { code } } }`, variables: { d: district, l: `soak-${n}` } },
        { "x-api-key": writeKey, "idempotency-key": `soak-${n}` },
      );
  }
  const ms = performance.now() - started;
  if (r.status !== 200 || r.body.includes('"errors"')) throw new Error(`${r.status} ${r.body.slice(0, 200)}`);
  return ms;
}

describe.skipIf(!built())("soak", () => {
  it(`runs ${MINUTES} minutes at half the measured maximum throughput with bounded latency and memory`, async () => {
    // 1. Maximum throughput: 8 clients in a closed loop for 30 s (after 5 s of warm-up).
    const closedLoop = async (ms: number) => {
      let done = 0;
      const until = Date.now() + ms;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (Date.now() < until) {
            await one();
            done++;
          }
        }),
      );
      return done / (ms / 1000);
    };
    await closedLoop(5000);
    const max = await closedLoop(30_000);
    const rate = max / 2;
    console.log(`[soak] maximum ${max.toFixed(1)} req/s; soaking at ${rate.toFixed(1)} req/s for ${MINUTES} min`);

    // 2. Open loop at half of it.
    interface Minute {
      requests: number;
      errors: number;
      lat: number[];
      rss: number[];
    }
    const minutes: Minute[] = Array.from({ length: MINUTES }, () => ({ requests: 0, errors: 0, lat: [], rss: [] }));
    const errors: string[] = [];
    const start = Date.now();
    const end = start + MINUTES * 60_000;
    const inflight = new Set<Promise<void>>();
    let skipped = 0;
    const sampler = setInterval(() => {
      const m = minutes[Math.min(MINUTES - 1, Math.floor((Date.now() - start) / 60_000))]!;
      m.rss.push(rssMb(api.pid));
    }, 5000);
    for (let i = 0; Date.now() < end; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inflight.size >= 200) {
        skipped++; // the server fell far behind: count it, do not pile on
        continue;
      }
      const m = minutes[Math.min(MINUTES - 1, Math.floor((Date.now() - start) / 60_000))]!;
      const p: Promise<void> = one()
        .then((ms) => {
          m.requests++;
          m.lat.push(ms);
        })
        .catch((e: Error) => {
          m.requests++;
          m.errors++;
          if (errors.length < 10) errors.push(e.message);
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
    clearInterval(sampler);

    const rows = minutes.map((m, i) => ({
      minute: i + 1,
      requests: m.requests,
      errors: m.errors,
      p50: percentile(m.lat, 50),
      p99: percentile(m.lat, 99),
      rss: m.rss.length ? m.rss.reduce((a, b) => a + b, 0) / m.rss.length : NaN,
    }));
    const second = rows[Math.min(1, rows.length - 1)]!;
    const last = rows[rows.length - 1]!;
    const growth = (last.rss - second.rss) / second.rss;
    recordFigures(
      "soak",
      `Maximum throughput of the mix (8 clients, closed loop, 30 s): **${max.toFixed(1)} req/s**. Soak: **${rate.toFixed(1)} req/s** for ${MINUTES} min (open loop; ${skipped} requests not sent because 200 were already in flight).

| minute | requests | errors | p50 (ms) | p99 (ms) | RSS (MB, mean) |
|---|---|---|---|---|---|
${rows.map((r) => `| ${r.minute} | ${r.requests} | ${r.errors} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.rss.toFixed(0)} |`).join("\n")}

RSS growth from minute 2 to minute ${MINUTES}: ${(growth * 100).toFixed(1)} %. p99 minute 2 → ${MINUTES}: ${second.p99.toFixed(0)} → ${last.p99.toFixed(0)} ms.${errors.length ? `\n\nFirst errors: ${errors.map((e) => `\`${e.replace(/`/g, "'")}\``).join("; ")}` : ""}`,
    );
    const total = rows.reduce((s, r) => s + r.requests, 0);
    const failed = rows.reduce((s, r) => s + r.errors, 0);
    expect(errors).toEqual([]);
    expect(failed / total).toBe(0);
    expect(last.p99).toBeLessThan(Math.max(500, 3 * second.p99));
    expect(growth).toBeLessThan(0.25);
  });
});
