#!/usr/bin/env node
/**
 * Profiles a restart (scenario 8's named cause): node api/dist/main.js under --cpu-prof on existing data
 * (PGlite directory, or --db <name> on the server) until /readyz answers; self time by package.
 *   node bench/profile-startup.mjs [--data-dir bench/.data/pglite-small | --db zw_bench]
 */
import fs from "node:fs";
import path from "node:path";
import { dbUrl, root, startApi } from "./lib.mjs";

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const dir = fs.mkdtempSync("/tmp/zw-prof-");
const db = opt("db", null);
const api = await startApi({ ...(db ? { databaseUrl: dbUrl(db) } : { dataDir: path.resolve(root, opt("data-dir", "bench/.data/pglite-small")) }), nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
console.log(`ready after ${Math.round(api.readyMs)} ms`);
await api.stop();
const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
const prof = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const pkg = new Map();
const fn = new Map();
for (const s of prof.samples) {
  const n = byId.get(s);
  const url = n.callFrame.url;
  const p = url.includes("node_modules/") ? url.replace(/^.*node_modules\/(@[^/]+\/[^/]+|[^/]+)\/.*$/, "$1") : url.includes("/api/dist/") ? "api (platform code)" : url.startsWith("node:") ? "node core" : n.callFrame.functionName.startsWith("(") ? n.callFrame.functionName : "native/other";
  pkg.set(p, (pkg.get(p) ?? 0) + 1);
  const k = `${n.callFrame.functionName || "(anon)"} ${url.replace(/^.*\/(api\/dist|node_modules)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;
  fn.set(k, (fn.get(k) ?? 0) + 1);
}
const total = prof.samples.length;
const ms = (c) => Math.round(((prof.endTime - prof.startTime) / 1000) * (c / total));
console.log(`\nwall ${Math.round((prof.endTime - prof.startTime) / 1000)} ms; by package:`);
for (const [k, c] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`${String(ms(c)).padStart(7)} ms ${((100 * c) / total).toFixed(1).padStart(5)} %  ${k}`);
console.log(`\nheaviest functions:`);
for (const [k, c] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`${String(ms(c)).padStart(7)} ms ${((100 * c) / total).toFixed(1).padStart(5)} %  ${k}`);
