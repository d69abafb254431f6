/**
 * Scenario 6 — the embedded default: scenarios 1 and 2 on PGlite with the demo data (scale
 * --pglite-scale, default demo) as a ratio to the PostgreSQL server holding the same scale of data
 * (database zw_bench_<scale>), same run, same load generator. The PGlite directory is kept in
 * bench/.data/pglite-<scale> (loaded once by api/dist/seed.js; --reload-pglite loads it again).
 */
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { apiDist, dbUrl, median, root, round, startApi } from "../lib.mjs";
import { measureGraphql } from "./graphql-overhead.mjs";
import { measureOverview } from "./overview.mjs";
import { loadData } from "./data.mjs";

async function ensurePglite(dir, scale, log) {
  const marker = path.join(dir, "bench-loaded.json");
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, "utf8"));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  log(`loading a ${scale}-year into PGlite at ${path.relative(root, dir)} …`);
  const t = Date.now();
  await new Promise((resolve, reject) => {
    const env = { ...process.env, DATA_DIR: dir };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [path.join(apiDist, "seed.js"), "--scale", scale], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("exit", (c) => (c === 0 ? resolve() : reject(new Error(`PGlite seed exited ${c}`))));
  });
  const m = { scale, seconds: (Date.now() - t) / 1000 };
  fs.writeFileSync(marker, JSON.stringify(m));
  return m;
}

export async function run({ opts, log, dbName }) {
  const scale = opts.pgliteScale;
  const dir = path.join(root, "bench", ".data", `pglite-${scale}`);
  const pgl = await ensurePglite(dir, scale, log);
  const server = await loadData({ db: dbName(scale), scale, reuse: true, log });
  const measure = async (label, start) => {
    const api = await start();
    try {
      const g = await measureGraphql({ apiUrl: api.url, baselineUrl: null, connections: opts.connections, duration: opts.duration, runs: opts.runs, log: (m) => log(`${label}: ${m}`) });
      const o = await measureOverview({ apiUrl: api.url, connections: opts.overviewConnections, duration: Math.max(2, Math.round(opts.duration / 2)), runs: 1, log: (m) => log(`${label}: ${m}`), label });
      return { g, o };
    } finally {
      await api.stop();
    }
  };
  const srv = await measure("server", () => startApi({ databaseUrl: dbUrl(dbName(scale)) }));
  const lite = await measure("pglite", () => startApi({ dataDir: dir }));
  const summary = [];
  const rows = [];
  for (let i = 0; i < srv.g.length; i++) {
    const ratio = lite.g[i].graphql.rps / srv.g[i].graphql.rps;
    rows.push({ what: srv.g[i].query, server: srv.g[i].graphql, pglite: lite.g[i].graphql, ratio });
    summary.push({ scenario: "6 PGlite", measure: `${srv.g[i].query} (scenario 1): throughput PGlite / server`, value: `${Math.round(lite.g[i].graphql.rps)} vs ${Math.round(srv.g[i].graphql.rps)} req/s; p99 ${round(lite.g[i].graphql.p99, 1)} vs ${round(srv.g[i].graphql.p99, 1)} ms`, ratio: round(ratio), target: "(reported)", ok: null, load: round(lite.g[i].load, 1) });
  }
  const oRatios = [];
  for (let i = 1; i < srv.o.length; i++) {
    const r = lite.o[i].p95 / srv.o[i].p95;
    oRatios.push(r);
    rows.push({ what: srv.o[i].query, server: srv.o[i], pglite: lite.o[i], p95Ratio: r });
  }
  const worst = lite.o.slice(1).reduce((a, b) => (b.p95 > a.p95 ? b : a));
  summary.push({ scenario: "6 PGlite", measure: `overview queries (scenario 2): p95 PGlite / server, median of ${oRatios.length} queries`, value: `worst PGlite p95 ${round(worst.p95, 1)} ms (${worst.query})`, ratio: round(median(oRatios)), target: "(reported)", ok: null, load: round(lite.o[1].load, 1) });
  return { scale, pgliteLoadSeconds: round(pgl.seconds, 1), serverLoadSeconds: server.loadSeconds, rows, summary };
}
