/**
 * Process faults (issue 11, point 2): the built API runs as a child process (on its own PostgreSQL
 * database, and again on a PGlite data directory) while clients send GPS batches of 2,000 points and
 * open cases (each with an Idempotency-Key; `case.opened` goes to a webhook receiver). The process is
 * killed with SIGKILL at a random moment KILLS times and restarted. Then:
 *  - every batch is either wholly stored or not at all (no partial batch), and every acknowledged batch
 *    is wholly stored;
 *  - every acknowledged case exists once, in-flight ones retried with the same key exist at most once;
 *  - every case's `case.opened` webhook is delivered (once per event id) by the restarted process.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../config.js";
import { migrateAll, openDatabase, rows } from "../../modules/core/db.js";
import { createSeedContext, DEMO_PASSWORD, seedCore } from "../../modules/core/seed.js";
import { buildWorld } from "../../modules/construction/testing.js";
import { moduleNames } from "../../modules/index.js";
import { createPlatform } from "../../server.js";
import { createTestDatabase } from "../../test/harness.js";
import { built, exited, post, startApi, type ChildApi } from "./child.js";
import { recordFigures } from "./figures.js";

const KILLS = Number(process.env.KILLS ?? 3);
const BATCH = 2000;
const received: { id: string; entityId: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const e = JSON.parse(body) as { id: string; entityId: string };
    received.push({ id: String(e.id), entityId: String(e.entityId) });
    res.writeHead(204).end();
  });
});
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  await new Promise<void>((r) => receiver.close(() => r()));
});

async function scenario(kind: "postgres" | "pglite") {
  received.length = 0;
  if (!receiver.listening) await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  let databaseUrl: string | undefined;
  let dataDir = "memory://";
  if (kind === "postgres") {
    const t = await createTestDatabase();
    databaseUrl = t.url;
    cleanups.push(t.drop);
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zw-sigkill-"));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  }
  // Set-up in-process (accounts, a world with terminals, keys, a webhook subscription), then hand over.
  const config: Config = { ...loadConfig({}), databaseUrl, dataDir, port: 0, host: "127.0.0.1", workers: false, webRoot: "/nonexistent", throttleScale: 1000 };
  const database = await openDatabase({ databaseUrl, dataDir, max: 5 });
  await migrateAll(database, moduleNames, databaseUrl);
  const platform = await createPlatform(config, { database, skipMigrations: true });
  await seedCore(await createSeedContext(platform.app, "small"));
  const world = await buildWorld(platform.app, { vehicles: 4 });
  const base = await platform.listen();
  const gql = async (u: string, query: string, variables: unknown, headers: Record<string, string> = {}) => JSON.parse((await post(`${u}/graphql`, { query, variables }, headers)).body);
  const admin = (await gql(base, `mutation($p: String!) { login(username: "admin", password: $p) { token } }`, { p: DEMO_PASSWORD })).data.login.token as string;
  const ingestKey = (await gql(base, `mutation { createApiKey(input: { name: "gps", scopes: ["construction:ingest"] }) { secret } }`, {}, { authorization: `Bearer ${admin}` })).data.createApiKey.secret as string;
  const writeKey = (await gql(base, `mutation { createApiKey(input: { name: "cases", scopes: ["construction:write"] }) { secret } }`, {}, { authorization: `Bearer ${admin}` })).data.createApiKey.secret as string;
  const sub = await gql(base, `mutation($u: String!) { createWebhookSubscription(input: { url: $u, eventTypes: ["case.opened"] }) { userErrors { code } } }`, { u: hook }, { "x-api-key": writeKey });
  expect(sub.data.createWebhookSubscription.userErrors).toEqual([]);
  await platform.stop();
  await database.close();

  const env = { ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }), WORKERS: "1" };
  let api: ChildApi = await startApi(env);
  const children: ChildApi[] = [api];
  cleanups.push(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
  });

  const acknowledgedBatches = new Set<number>();
  const sentBatches = new Set<number>();
  const acknowledgedCases = new Set<string>();
  const caseKeys = new Set<string>();
  const t0 = Date.now() - 25 * 86_400_000; // batches fill the following days, never the future
  let firstFailure = "";
  let nextBatch = 0;
  let nextCase = 0;
  let stop = false;
  let restarts = 0;
  const restartMs: number[] = [];
  const district = Buffer.from("District:330602").toString("base64url");

  const gpsSender = async () => {
    while (!stop) {
      const b = nextBatch++;
      const terminal = world.terminals[b % world.terminals.length]!;
      // Batch b owns the seconds [b*BATCH, (b+1)*BATCH) of its terminal's track.
      const positions = Array.from({ length: BATCH }, (_, i) => ({ terminalId: terminal, time: new Date(t0 + (b * BATCH + i) * 1000).toISOString(), lon: 120.58 + i * 0.00005, lat: 30.0, speed: 30, heading: 90 }));
      sentBatches.add(b);
      const r = await post(`${api.url}/ingest/positions`, { positions }, { "x-api-key": ingestKey }).catch(() => null);
      if (r?.status === 200 && JSON.parse(r.body).rejected.length === 0) acknowledgedBatches.add(b);
      else {
        if (r && !firstFailure) firstFailure = `${r.status} ${r.body.slice(0, 300)}`;
        await new Promise((res) => setTimeout(res, 200)); // the process is gone: wait for the next one
      }
    }
  };
  const caseOpener = async () => {
    while (!stop) {
      const k = `kill-${kind}-${nextCase++}`;
      caseKeys.add(k);
      // Retried with the same key until acknowledged, across kills and restarts.
      for (let attempt = 0; !stop || attempt === 0; attempt++) {
        const r = await post(
          `${api.url}/graphql`,
          { query: `mutation($d: ID!, $l: String!) { openCase(input: { stream: construction, source: PATROL, subjectType: "Vehicle", subjectLabel: $l, districtId: $d, violationType: "未密闭运输" }) { case { id } userErrors { code } } }`, variables: { d: district, l: k } },
          { "x-api-key": writeKey, "idempotency-key": k },
        ).catch(() => null);
        if (r?.status === 200 && JSON.parse(r.body).data?.openCase?.case?.id) {
          acknowledgedCases.add(k);
          break;
        }
        await new Promise((res) => setTimeout(res, 200));
        if (stop && attempt > 50) break;
      }
    }
  };

  const load = Promise.all([gpsSender(), gpsSender(), caseOpener()]);
  for (let k = 0; k < KILLS; k++) {
    // Kill while batches flow: once this process has acknowledged a batch, 0.3–1.5 s later.
    const seen = acknowledgedBatches.size;
    const until = Date.now() + 120_000;
    while (acknowledgedBatches.size === seen && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 1200));
    api.child.kill("SIGKILL");
    await exited(api.child);
    const t = Date.now();
    api = await startApi(env);
    children.push(api);
    restartMs.push(Date.now() - t);
    restarts++;
  }
  await new Promise((r) => setTimeout(r, 3000));
  stop = true;
  await load;
  // Let the last process deliver the outbox: at least every acknowledged case, then a little longer.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && new Set(received.map((r) => r.entityId)).size < acknowledgedCases.size) await new Promise((r) => setTimeout(r, 500));
  await new Promise((r) => setTimeout(r, 3000));
  api.child.kill("SIGTERM");
  await exited(api.child);

  // Verify directly in the database.
  const db = await openDatabase({ databaseUrl, dataDir, max: 2 });
  const perBatch = await rows<{ b: number; n: number }>(
    db.db,
    sql`select floor((extract(epoch from at) * 1000 - ${t0}) / 1000 / ${BATCH})::int as b, count(*)::int as n from core.positions where terminal_id in ${sql.raw(`(${world.terminals.map((t) => `'${t}'`).join(",")})`)} group by 1 order by 1`,
  );
  const cases = await rows<{ label: string; n: number }>(db.db, sql`select subject_label as label, count(*)::int as n from core.cases where subject_label like ${`kill-${kind}-%`} group by 1`);
  await db.close();
  const stored = new Map(perBatch.map((r) => [r.b, r.n]));
  const partial = [...stored].filter(([, n]) => n !== BATCH).map(([b, n]) => `batch ${b}: ${n} of ${BATCH}`);
  const lost = [...acknowledgedBatches].filter((b) => stored.get(b) !== BATCH).map((b) => `batch ${b}`);
  const caseCount = new Map(cases.map((c) => [c.label, c.n]));
  const dupCases = cases.filter((c) => c.n > 1).map((c) => c.label);
  const lostCases = [...acknowledgedCases].filter((k) => caseCount.get(k) !== 1);
  const deliveredEntities = new Set(received.map((r) => r.entityId));
  const undelivered = cases.length - deliveredEntities.size;
  const deliveredIds = received.map((r) => r.id);
  const dupDeliveries = deliveredIds.length - new Set(deliveredIds).size;
  return {
    kind,
    firstFailure,
    restarts,
    restartMs,
    batchesSent: sentBatches.size,
    batchesAcknowledged: acknowledgedBatches.size,
    batchesStored: stored.size,
    /** Sent but not acknowledged (cut by a kill, or refused while no process listened) and not stored. */
    unacknowledgedNotStored: sentBatches.size - acknowledgedBatches.size - [...stored.keys()].filter((b) => !acknowledgedBatches.has(b)).length,
    partial,
    lost,
    casesAcknowledged: acknowledgedCases.size,
    casesStored: cases.length,
    dupCases,
    lostCases,
    webhooksDelivered: deliveredEntities.size,
    undelivered,
    dupDeliveries,
  };
}

describe.skipIf(!built())("SIGKILL of the API mid-batch", () => {
  const results: Awaited<ReturnType<typeof scenario>>[] = [];
  for (const kind of ["postgres", "pglite"] as const) {
    it(`${kind}: no partial batch, nothing acknowledged lost, no duplicate, every webhook delivered`, async () => {
      const r = await scenario(kind);
      results.push(r);
      console.log(`[sigkill ${kind}] ${JSON.stringify(r)}`);
      recordFigures(
        "sigkill",
        `| database | kills | restart to ready (ms) | GPS batches of ${BATCH}: sent / acknowledged / stored | partial batches | acknowledged but missing | cases acknowledged / stored | duplicate cases | webhooks delivered (cases) | repeated deliveries (same event id) |
|---|---|---|---|---|---|---|---|---|---|
${results.map((x) => `| ${x.kind} | ${x.restarts} | ${x.restartMs.join(", ")} | ${x.batchesSent} / ${x.batchesAcknowledged} / ${x.batchesStored} | ${x.partial.length} | ${x.lost.length + x.lostCases.length} | ${x.casesAcknowledged} / ${x.casesStored} | ${x.dupCases.length} | ${x.webhooksDelivered} of ${x.casesStored} | ${x.dupDeliveries} |`).join("\n")}`,
      );
      expect(r.batchesAcknowledged, `batches must get through between kills (first failure: ${r.firstFailure})`).toBeGreaterThanOrEqual(KILLS);
      expect(r.partial).toEqual([]);
      expect(r.lost).toEqual([]);
      expect(r.lostCases).toEqual([]);
      expect(r.dupCases).toEqual([]);
      expect(r.undelivered).toBe(0);
      // A delivery cut by the kill may be repeated (at-least-once, same event id: receivers de-duplicate); recorded above.
      expect(r.restarts).toBe(KILLS);
    });
  }
});
