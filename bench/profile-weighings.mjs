#!/usr/bin/env node
/**
 * Scenario 4's cost per batch, statement by statement: ingests batches like the bench's (a vendor key
 * naming devices, 70 % of records with a resident card of the device's own residents) serially through
 * ingestWeighings in a Writer, times every statement, and rolls each batch back (nothing stays; the
 * commit itself is not timed). `--explain` prints EXPLAIN ANALYZE of the insert, earning and rollup
 * statements of the last batch.
 *
 *   node bench/profile-weighings.mjs [--db zw_bench_small] [--dist api/dist] [--batch 500] [--batches 15] [--explain]
 *
 * Run `vacuum` on the recycling tables first when comparing builds: the server may run without
 * autovacuum, and the card and lot rows that every batch updates bloat quickly.
 */
import path from "node:path";
import { createRequire } from "node:module";
import { dbUrl, root } from "./lib.mjs";

const args = process.argv.slice(2);
const opt = (name, d) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith("--") ? args[i + 1] : d;
};
const dist = path.resolve(root, opt("dist", "api/dist"));
const batchSize = Number(opt("batch", "500"));
const batches = Number(opt("batches", "15"));
const explain = args.includes("--explain");
const imp = (p) => import(path.join(dist, p));
const req = createRequire(path.join(root, "api", "package.json"));
req("reflect-metadata");
const { sql } = await import(req.resolve("drizzle-orm"));
const { openDatabase, rows } = await imp("modules/core/db.js");
const { withWriter } = await imp("graphql/mutation.js");
const { ingestWeighings } = await imp("modules/recycling/ingest.js");
const { systemPrincipal } = await imp("modules/core/auth.js");

const database = await openDatabase({ databaseUrl: dbUrl(opt("db", "zw_bench_small")), max: 2 });
const app = { config: {}, database, db: database.db, pubsub: null };
const devices = await rows(app.db, sql`select code from recycling.devices where status = 'ACTIVE' and kind = 'SMART_SCALE' order by id`);
const materials = (await rows(app.db, sql`select code from recycling.materials where active and unit = 'KG' order by id`)).map((m) => m.code);
const cards = (await rows(app.db, sql`select card_no from recycling.cards where status = 'ACTIVE' order by id`)).map((c) => c.card_no);
devices.forEach((d, i) => ((d.cards = []), (d.seq = 9_000_000_000 + i * 100_000_000)));
cards.forEach((c, i) => devices[i % devices.length].cards.push(c));
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const principal = { ...systemPrincipal("profile"), scopes: ["recycling:ingest"] };
class Rollback extends Error {}

const totals = [];
const byStatement = new Map();
for (let b = 0; b < batches; b++) {
  const now = Date.now();
  const records = Array.from({ length: batchSize }, () => {
    const d = devices[Math.floor(rnd() * devices.length)];
    return { device: d.code, seq: d.seq++, at: new Date(now - Math.floor(rnd() * 6 * 3600_000)).toISOString(), material: materials[Math.floor(rnd() * materials.length)], weightGrams: 200 + Math.floor(rnd() * 8000), ...(rnd() < 0.7 ? { card: d.cards[Math.floor(rnd() * d.cards.length)] } : {}) };
  });
  const t = performance.now();
  try {
    await withWriter(app, principal, { operation: "ingestWeighings" }, async (w) => {
      const execute = w.tx.execute.bind(w.tx);
      w.tx.execute = async (q) => {
        const text = w.tx.dialect?.sqlToQuery?.(q)?.sql ?? "?";
        if (explain && b === batches - 1 && /^\s*with (e|i|sd) as/.test(text)) {
          await execute(sql`savepoint p`);
          const plan = await execute(sql`explain (analyze, buffers, costs off) ${q}`);
          console.log((plan.rows ?? plan).map((r) => r["QUERY PLAN"]).join("\n"));
          await execute(sql`rollback to savepoint p`);
        }
        const t0 = performance.now();
        try {
          return await execute(q);
        } finally {
          const key = text.replace(/\s+/g, " ").trim().slice(0, 70);
          if (!byStatement.has(key)) byStatement.set(key, []);
          byStatement.get(key).push(performance.now() - t0);
        }
      };
      const r = await ingestWeighings(w, records);
      if (b === 0) console.log(`batch of ${batchSize}: ${r.accepted} accepted, ${r.pointsEarned} points`);
      const done = async () => {
        totals.push(performance.now() - t);
        throw new Rollback();
      };
      if (w.beforeCommit) w.beforeCommit(done); // after the rollup statement (registered first)
      else await done();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${path.relative(root, dist)}: ${batches} batches of ${batchSize}, median ${med(totals).toFixed(1)} ms (min ${Math.min(...totals).toFixed(1)}) → ${Math.round((batchSize / med(totals)) * 1000)} records/s for one client, commit not included`);
for (const [k, v] of byStatement) console.log(`${med(v).toFixed(1).padStart(7)} ms median ×${String(v.length).padEnd(3)} ${k}`);
await database.close();
