#!/usr/bin/env node
/**
 * The benchmark suite — one command, on demand, never part of `npm test`:
 *
 *   node bench/run.mjs [--quick] [--scale city|province|demo|small] [--reuse] [--only 1,2,3,…] [--skip 7,8]
 *   (or: pnpm --filter @zw/bench run bench -- --quick)
 *
 * Scenarios (issue 10): 0 data load, 1 GraphQL overhead vs a hand-written baseline, 2 overview p95 with
 * 20 clients, 3 GPS ingestion vs raw COPY, 4 weighing ingestion with the points ledger (exactly once),
 * 5 scaling (1–3 at a second scale: --scales city,province), 6 PGlite vs server, 7 front end (gzip sizes,
 * time to first figure/list in headless Chromium), 8 start-up and restart.
 *
 * Needs: the API built (cd api && npx tsc -p tsconfig.json), PostgreSQL on 127.0.0.1:5432 (trust auth);
 * scenario 7 the front end built (shell/dist, mfe-*\/dist, packages/shared/dist) and /usr/bin/chromium.
 * Data: a <scale>-year of demo data in database zw_bench (zw_bench_<scale> for other scales), loaded by
 * api/dist/seed.js unless --reuse finds it loaded. Results: bench/results/bench-<stamp>.{json,md} and
 * bench-latest.{json,md}; every figure that matters is a ratio against a baseline measured in the same run,
 * the median of --runs runs, with the 1-minute load average next to it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiDist, dbUrl, loadAvg, machine, psql, round, table, writeResults } from "./lib.mjs";

const args = process.argv.slice(2);
const opt = (name, d) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith("--") ? args[i + 1] : d;
};
const flag = (name) => args.includes(`--${name}`);
const quick = flag("quick");
const opts = {
  quick,
  scale: opt("scale", "city"),
  scales: opt("scales", null),
  reuse: flag("reuse"),
  runs: Number(opt("runs", quick ? 2 : 3)),
  duration: Number(opt("duration", quick ? 3 : 6)),
  connections: Number(opt("connections", "10")),
  overviewConnections: Number(opt("overview-connections", "20")),
  gpsSeconds: Number(opt("gps-seconds", quick ? 4 : 10)),
  gpsMode: opt("gps-mode", "realistic"),
  weighingSeconds: Number(opt("weighing-seconds", quick ? 4 : 10)),
  weighingBatch: Number(opt("weighing-batch", "500")),
  weighingWorkers: Number(opt("weighing-clients", "4")),
  pgliteScale: opt("pglite-scale", "demo"),
  overviewUncached: flag("overview-uncached"),
  startupScale: opt("startup-scale", "small"),
  provinceModules: opt("province-modules", "construction,hazardous,cells"),
  freshClone: flag("fresh-clone"),
};
const only = opt("only", null)?.split(",").map(Number) ?? null;
const skip = opt("skip", "").split(",").filter(Boolean).map(Number);
const want = (n) => (!only || only.includes(n)) && !skip.includes(n);
const log = (m) => console.log(`[bench] ${m}`);

if (!fs.existsSync(path.join(apiDist, "main.js"))) throw new Error("Build the API first: cd api && npx tsc -p tsconfig.json");

const dbName = (scale) => (scale === "city" ? "zw_bench" : `zw_bench_${scale}`);

/** Scenario 0: a <scale>-year into its own database, timed (skipped with --reuse when it is loaded). */
async function ensureData(scale) {
  const { loadData } = await import("./scenarios/data.mjs");
  // The province (10× the city) feeds scenario 5, which re-runs scenarios 1–3: only the streams they read are
  // generated at that scale (recycling's 35 M weighings and ledger rows would add ~1 h and serve no row).
  return loadData({ db: dbName(scale), scale, reuse: opts.reuse, log, modules: scale === "province" ? opts.provinceModules : undefined });
}

const started = new Date();
const result = { suite: "zw-bench", at: started.toISOString(), options: opts, apiDist: path.relative(path.join(path.dirname(new URL(import.meta.url).pathname), ".."), apiDist), machine: machine(), loadAtStart: round(loadAvg(), 1), scenarios: {} };
const summary = [];
const failures = [];

async function scenario(n, name, fn) {
  if (!want(n)) return;
  log(`— scenario ${n}: ${name} —`);
  const t = Date.now();
  try {
    const r = await fn();
    result.scenarios[`${n}`] = { name, seconds: round((Date.now() - t) / 1000, 1), ...r };
    summary.push(...(r.summary ?? []));
  } catch (e) {
    log(`scenario ${n} failed: ${e.stack ?? e}`);
    failures.push({ scenario: n, name, error: String(e.message ?? e) });
    result.scenarios[`${n}`] = { name, error: String(e.message ?? e) };
    summary.push({ scenario: `${n} ${name}`, measure: "failed", value: String(e.message ?? e).slice(0, 120), ratio: null, target: "", ok: false, load: round(loadAvg(), 1) });
  }
}

const scales = opts.scales ? opts.scales.split(",") : [opts.scale];
const data = {};
for (const scale of scales) {
  if (want(0) || want(1) || want(2) || want(3) || want(4) || want(5)) {
    await scenario(0, `data (${scale})`, async () => {
      data[scale] = await ensureData(scale);
      return data[scale];
    });
  }
}
const mainDb = dbUrl(dbName(scales[0]));

await scenario(1, "GraphQL overhead", async () => (await import("./scenarios/graphql-overhead.mjs")).run({ databaseUrl: mainDb, opts, log }));
await scenario(2, "overview", async () => (await import("./scenarios/overview.mjs")).run({ databaseUrl: mainDb, opts, log }));
await scenario(3, "GPS ingestion", async () => (await import("./scenarios/gps.mjs")).run({ databaseUrl: mainDb, opts, log }));
await scenario(4, "weighing ingestion", async () => (await import("./scenarios/weighings.mjs")).run({ databaseUrl: mainDb, opts, log }));
if (scales.length > 1) {
  await scenario(5, "scaling", async () => (await import("./scenarios/scaling.mjs")).run({ scales, dbUrlOf: (s) => dbUrl(dbName(s)), data, opts, log }));
}
await scenario(6, "PGlite vs server", async () => (await import("./scenarios/pglite.mjs")).run({ opts, log, dbName }));
await scenario(7, "front end", async () => (await import("./scenarios/frontend.mjs")).run({ opts, log, databaseUrl: mainDb }));
await scenario(8, "start-up", async () => (await import("./scenarios/startup.mjs")).run({ opts, log, databaseUrl: mainDb }));

result.seconds = round((Date.now() - started.getTime()) / 1000, 1);
result.loadAtEnd = round(loadAvg(), 1);
result.summary = summary;
result.failures = failures;

const m = result.machine;
const md = [
  `# Benchmark results — ${started.toISOString().slice(0, 16).replace("T", " ")} UTC`,
  "",
  `Machine: ${m.cpus} × ${m.cpu}, ${m.memGb} GB, ${m.platform}, Node ${m.node}, PostgreSQL ${m.postgres}. Load average (1 min) at start ${result.loadAtStart}, at end ${result.loadAtEnd} (the machine is shared). Options: ${quick ? "--quick, " : ""}scale ${scales.join(", ")}, ${opts.runs} runs × ${opts.duration} s per measurement; ratios are medians of per-run ratios. Total ${Math.round(result.seconds)} s.`,
  "",
  "| scenario | measure | value | ratio | target | met | load |",
  "|---|---|---|---:|---|:---:|---:|",
  ...summary.map((s) => `| ${s.scenario} | ${s.measure} | ${s.value} | ${s.ratio ?? ""} | ${s.target} | ${s.ok == null ? "–" : s.ok ? "yes" : "**no**"} | ${s.load ?? ""} |`),
  "",
  ...Object.entries(result.scenarios).flatMap(([n, s]) => (s.details ? [`## ${n}. ${s.name}`, "", s.details, ""] : [])),
].join("\n");
const where = writeResults("bench", result, md);
console.log("\n" + table(summary.map((s) => ({ ...s, ok: s.ok == null ? "–" : s.ok ? "yes" : "NO" })), ["scenario", "measure", "value", "ratio", "target", "ok", "load"]));
console.log(`\n[bench] wrote ${where}.{json,md} (and bench-latest.*) in ${Math.round(result.seconds)} s; load ${os.loadavg()[0].toFixed(1)}`);
if (failures.length) process.exitCode = 1;
