#!/usr/bin/env node
/**
 * Export memory check (导出内存测试): runs the real export job (core/exports.ts) over a generated list of
 * N rows read from the database in keyset batches, and samples this process's RSS while it runs.
 * Prints one JSON line: rows written, file size, time, RSS before, peak RSS, growth.
 *
 *   cd api && npx tsc -p tsconfig.json
 *   node --expose-gc scripts/export-memory.mjs --rows 1000000 --format CSV     # embedded PGlite in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --expose-gc scripts/export-memory.mjs --rows 1000000 --format XLSX
 *
 * The CI test (src/modules/core/export-memory.test.ts) runs it with fewer rows.
 */
import "reflect-metadata";
import fs from "node:fs";
import { sql } from "drizzle-orm";

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const ROWS = Number(arg("rows", "1000000"));
const FORMAT = arg("format", "CSV");
const BATCH = 5000;
/** [rows written so far, RSS] after each batch. */
const trace = [];

const { loadConfig } = await import("../dist/config.js");
const { openDatabase, migrateAll } = await import("../dist/modules/core/db.js");
const { moduleNames } = await import("../dist/modules/index.js");
const { registerExport, startExport, runQueuedExports } = await import("../dist/modules/core/exports.js");
const { withWriter } = await import("../dist/graphql/mutation.js");
const { systemPrincipal } = await import("../dist/modules/core/auth.js");
const { exportJobs } = await import("../dist/modules/core/tables.js");

const databaseUrl = process.env.DATABASE_URL || undefined;
const config = { ...loadConfig({}), databaseUrl, dataDir: "memory://", workers: false };
const database = await openDatabase({ databaseUrl, dataDir: config.dataDir, max: 4 });
await migrateAll(database, moduleNames, databaseUrl);
const app = { config, database, db: database.db, pubsub: { publish() {}, subscribe() {} } };

// A list of ROWS rows, produced by the database and read in keyset batches like a real list.
registerExport({
  name: "bench.rows",
  titleZh: "导出内存测试",
  titleEn: "Export memory check",
  rule: "audit:read",
  parseFilter: () => ({}),
  columns: [
    { key: "id", headerZh: "编号", headerEn: "No.", value: (r) => Number(r.id) },
    { key: "number", headerZh: "联单编号", headerEn: "Manifest number", value: (r) => r.number },
    { key: "name", headerZh: "单位名称", headerEn: "Unit", value: (r) => r.name },
    { key: "district", headerZh: "区县", headerEn: "District", value: (r) => r.district },
    { key: "weight", headerZh: "重量（吨）", headerEn: "Weight (t)", value: (r) => r.weight },
    { key: "at", headerZh: "时间", headerEn: "At", value: (r) => new Date(r.at) },
    { key: "status", headerZh: "状态", headerEn: "Status", value: (r) => r.status },
    { key: "note", headerZh: "备注", headerEn: "Note", value: (r) => r.note },
  ],
  async *batches(tx) {
    for (let after = 0; after < ROWS; after += BATCH) {
      const upto = Math.min(ROWS, after + BATCH);
      const res = await tx.execute(sql`
        select g as id, 'HW' || lpad(g::text, 10, '0') as number,
               '绍兴市第' || g || '号危险废物产生单位有限公司' as name,
               (array['越城区','柯桥区','上虞区','诸暨市','嵊州市','新昌县'])[1 + g % 6] as district,
               ((g % 100000)::numeric / 1000)::text as weight,
               (timestamp '2026-01-01' + make_interval(secs => g))::text as at,
               (array['DRAFT','SIGNED','IN_TRANSIT','RECEIVED'])[1 + g % 4] as status,
               md5(g::text) as note
        from generate_series(${after + 1}::int, ${upto}::int) g order by g`);
      yield res.rows ?? res;
      // RSS as the export progresses: flat when streamed, rising with the rows when buffered.
      // With --expose-gc, also what is really retained (heap + buffers) after a collection.
      globalThis.gc?.();
      const m = process.memoryUsage();
      trace.push([upto, m.rss, m.heapUsed + m.arrayBuffers]);
    }
  },
});

let peak = 0;
const sample = () => {
  const rss = process.memoryUsage().rss;
  if (rss > peak) peak = rss;
};
globalThis.gc?.();
await new Promise((r) => setTimeout(r, 200));
const before = process.memoryUsage().rss;
peak = before;
const timer = setInterval(sample, 50);
const t0 = Date.now();
const job = await withWriter(app, systemPrincipal("bench"), { operation: "startExport", audit: false }, (w) => startExport(w, "bench.rows", FORMAT, {}, "zh-CN"));
await runQueuedExports(app);
await runQueuedExports(app);
clearInterval(timer);
sample();
const seconds = (Date.now() - t0) / 1000;
const [done] = await database.db.select().from(exportJobs).where(sql`id = ${job.id}`);
const mb = (b) => Math.round((b / 1024 / 1024) * 10) / 10;
function late(k) {
  const q = trace.find(([n]) => n >= ROWS / 4);
  if (!q) return 0;
  return mb(Math.max(...trace.filter(([n]) => n >= q[0]).map((t) => t[k])) - q[k]);
}
const result = {
  format: FORMAT,
  database: databaseUrl ? "postgres" : "pglite",
  rows: done.rowCount,
  status: done.status,
  error: done.error,
  fileMb: done.fileBytes ? mb(done.fileBytes) : 0,
  seconds,
  rowsPerSecond: Math.round(done.rowCount / seconds),
  rssBeforeMb: mb(before),
  rssPeakMb: mb(peak),
  rssGrowthMb: mb(peak - before),
  // Growth over the last three quarters of the rows (after buffers and caches have warmed up).
  lateGrowthMb: late(1),
  // The same for retained memory (heap + array buffers after gc; run with --expose-gc).
  lateRetainedGrowthMb: late(2),
  file: done.filePath,
};
if (process.argv.includes("--keep") === false && done.filePath) {
  if (FORMAT === "CSV") {
    // Count lines to prove every row was written (streamed, not read whole).
    let lines = 0;
    for await (const chunk of fs.createReadStream(done.filePath)) for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    result.fileLines = lines;
  }
  fs.rmSync(done.filePath, { force: true });
}
console.log(JSON.stringify(result));
await database.close();
process.exit(0);
