#!/usr/bin/env node
/**
 * Overview benchmark (issue 8 / issue 10 scenario 2): a city-year of demo data in its own database on the
 * local PostgreSQL server, the built API against it, and each overview query driven by 20 concurrent
 * clients (autocannon, in this separate process) — p50/p95/p99 and throughput per query, first with the
 * overview cache (the normal setting), then with it off (OVERVIEW_CACHE=0: every request computes from
 * the read models). Writes bench/results/overview-<stamp>.{json,md}.
 *
 *   node bench/overview.mjs                 load a city-year into zw_bench_overview (drops it first), measure
 *   node bench/overview.mjs --reuse         measure an already loaded database
 *   options: --db <name> --scale city|demo|small --connections 20 --duration 10 --port 8171 --no-uncached
 *
 * Needs: the API built (npm run build), PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres).
 */
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, d) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith("--") ? args[i + 1] : d;
};
const flag = (name) => args.includes(`--${name}`);
const DB = opt("db", "zw_bench_overview");
const SCALE = opt("scale", "city");
const CONNECTIONS = Number(opt("connections", "20"));
const DURATION = Number(opt("duration", "10"));
const PORT = Number(opt("port", "8171"));
const PG = process.env.PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DATABASE_URL = PG.replace(/\/[^/]*$/, `/${DB}`);
const main = path.join(root, "api", "dist", "main.js");
if (!fs.existsSync(main)) throw new Error("Build the platform first: npm run build");

const psql = (sql, db = "postgres") => execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atqc", sql], { encoding: "utf8" }).trim();

// ——— 1. data ———
let loadSeconds = null;
if (!flag("reuse")) {
  psql(`drop database if exists ${DB} with (force)`);
  psql(`create database ${DB}`);
  console.log(`[bench] loading a ${SCALE} year into ${DB} (node api/dist/seed.js --scale ${SCALE}) …`);
  const t = Date.now();
  execFileSync(process.execPath, [path.join(root, "api", "dist", "seed.js"), "--scale", SCALE], { cwd: root, env: { ...process.env, DATABASE_URL }, stdio: "inherit" });
  loadSeconds = (Date.now() - t) / 1000;
  psql("vacuum analyze", DB);
}
const counts = Object.fromEntries(
  psql(
    `select 'construction.manifests', count(*) from construction.manifests union all select 'hazardous.manifests', count(*) from hazardous.manifests
     union all select 'recycling.weighings', count(*) from recycling.weighings union all select 'recycling.ledger', count(*) from recycling.ledger
     union all select 'hazardous.units', count(*) from hazardous.units union all select 'core.alerts', count(*) from core.alerts`,
    DB,
  )
    .split("\n")
    .map((l) => l.split("|"))
    .map(([k, v]) => [k, Number(v)]),
);
console.log("[bench] data:", counts);

// ——— 2. the server ———
async function startServer(extraEnv) {
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { ...process.env, DATABASE_URL, PORT: String(PORT), HOST: "127.0.0.1", DEMO: "0", WORKERS: "0", LOG_LEVEL: "silent", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/readyz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

async function gql(token, query, variables = {}) {
  const r = await fetch(`http://127.0.0.1:${PORT}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const j = await r.json();
  if (j.errors) throw new Error(JSON.stringify(j.errors));
  return j.data;
}

const lastMonth = (() => {
  const d = new Date(Date.now() + 8 * 3600_000);
  const m = d.getUTCMonth() === 0 ? `${d.getUTCFullYear() - 1}-12` : `${d.getUTCFullYear()}-${String(d.getUTCMonth()).padStart(2, "0")}`;
  return m;
})();

function queries(keqiao) {
  return [
    { name: "overviewFigures (month, city)", query: `{ overviewFigures { period { startDay } streams { stream figures { key value previous changePct } } } }` },
    { name: "overviewFigures (year, district)", query: `query($d: ID) { overviewFigures(period: YEAR, districtId: $d) { streams { stream figures { key value previous changePct } } } }`, variables: { d: keqiao } },
    { name: "overviewDistricts (figure)", query: `{ overviewDistricts(figureKey: "construction.spoilMovedM3") { values { district { adcode } value rank } } }` },
    { name: "overviewDistricts (index)", query: `{ overviewDistricts(index: true) { values { district { adcode } value rank } } }` },
    { name: "indexRanking", query: `{ indexRanking { year quarter districts { district { adcode } value rank change trend { value } } } }` },
    { name: "capacityBalance", query: `{ capacityBalance { rows { district { adcode } category generatedAnnual capacity shortfall projectedShortfall } } }` },
    { name: "monthlyBriefing", query: `query($m: String!) { monthlyBriefing(month: $m) { sections { key textZh } lines { key month { value changePct } } districts { values } } }`, variables: { m: lastMonth } },
  ];
}

/** Runs autocannon for one query; latencies of every response are kept to compute exact percentiles. */
function run(token, q) {
  return new Promise((resolve, reject) => {
    const times = [];
    const inst = autocannon(
      {
        url: `http://127.0.0.1:${PORT}/graphql`,
        method: "POST",
        connections: CONNECTIONS,
        duration: DURATION,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: q.query, variables: q.variables ?? {} }),
      },
      (err, r) => (err ? reject(err) : resolve({ r, times })),
    );
    inst.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

function pct(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i] * 10) / 10;
}

async function measure(label, extraEnv) {
  const server = await startServer(extraEnv);
  try {
    const token = (await gql(null, `mutation { login(username: "leader", password: "Zerowaste2026") { token } }`)).login.token;
    const { districts } = await gql(token, `{ districts { id adcode } }`);
    const keqiao = districts.find((d) => d.adcode === "330603").id;
    const out = [];
    for (const q of queries(keqiao)) {
      // one cold request (first computation), then warm-up, then the measured run
      const t = Date.now();
      await gql(token, q.query, q.variables);
      const cold = Date.now() - t;
      for (let i = 0; i < 5; i++) await gql(token, q.query, q.variables);
      const { r, times } = await run(token, q);
      const sorted = times.sort((a, b) => a - b);
      // errors: connection errors and timeouts (autocannon's 10 s) plus non-2xx answers; a row with errors fails the target.
      const row = { mode: label, query: q.name, coldMs: cold, p50: pct(sorted, 50), p95: pct(sorted, 95), p99: pct(sorted, 99), max: pct(sorted, 100), rps: Math.round(r.requests.average), errors: r.errors + r.non2xx, timeouts: r.timeouts, requests: r.requests.total };
      row.ok = row.errors === 0 && row.p95 !== null && row.p95 < 50;
      out.push(row);
      console.log(`[bench] ${label.padEnd(9)} ${q.name.padEnd(34)} cold ${String(cold).padStart(5)} ms  p50 ${String(row.p50).padStart(4)} ms  p95 ${String(row.p95).padStart(4)} ms  p99 ${String(row.p99).padStart(4)} ms  ${String(row.rps).padStart(5)} req/s  errors ${row.errors} (timeouts ${row.timeouts})`);
    }
    return out;
  } finally {
    await server.stop();
  }
}

const rows = [...(await measure("cached", {})), ...(flag("no-uncached") ? [] : await measure("uncached", { OVERVIEW_CACHE: "0" }))];

// ——— 3. results ———
const machine = { host: os.hostname(), cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), load: os.loadavg().map((x) => x.toFixed(1)).join(" "), node: process.version, postgres: psql("show server_version") };
const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
const dir = path.join(root, "bench", "results");
fs.mkdirSync(dir, { recursive: true });
const result = { scenario: "overview", at: new Date().toISOString(), database: DB, scale: SCALE, loadSeconds, counts, connections: CONNECTIONS, durationSeconds: DURATION, machine, target: "p95 < 50 ms with 20 concurrent clients", rows };
fs.writeFileSync(path.join(dir, `overview-${stamp}.json`), JSON.stringify(result, null, 2));
const md = [
  `Overview queries, ${SCALE} scale (${Object.entries(counts).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ")}), ${CONNECTIONS} connections × ${DURATION} s each, autocannon; ${machine.cpus} × ${machine.cpu}, load ${machine.load}, Node ${machine.node}, PostgreSQL ${machine.postgres}.${loadSeconds ? ` Loading the data took ${Math.round(loadSeconds)} s.` : ""}`,
  "",
  "| cache | query | first request (ms) | p50 (ms) | p95 (ms) | p99 (ms) | req/s | errors | p95 < 50 ms |",
  "|---|---|---:|---:|---:|---:|---:|---:|:---:|",
  ...rows.map((r) => `| ${r.mode} | ${r.query} | ${r.coldMs} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.rps} | ${r.errors} | ${r.ok ? "yes" : "**no**"} |`),
  "",
].join("\n");
fs.writeFileSync(path.join(dir, `overview-${stamp}.md`), md);
console.log(`\n${md}\n[bench] wrote bench/results/overview-${stamp}.{json,md}`);
