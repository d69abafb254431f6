#!/usr/bin/env node
/**
 * Profiles GPS ingestion (scenario 3's named cause): the API under --cpu-prof, N sequential batches
 * through POST /ingest/positions, per-batch time, then the heaviest functions by self time, and the
 * database's share (time in the driver vs in JS).
 *   node bench/profile-gps.mjs [--db zw_bench] [--batches 10] [--size 1000]
 */
import fs from "node:fs";
import path from "node:path";
import { dbUrl, gql, login, psql, startApi } from "./lib.mjs";

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const db = opt("db", "zw_bench");
const batches = Number(opt("batches", "10"));
const size = Number(opt("size", "1000"));
const dir = fs.mkdtempSync("/tmp/zw-prof-");
const api = await startApi({ databaseUrl: dbUrl(db), nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
const admin = await login(api.url, "admin");
const key = (await gql(api.url, admin, `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`, { i: { name: `bench gps profile ${Date.now()}`, scopes: ["construction:ingest", "hazardous:ingest"] } })).createApiKey.secret;
psql(`update core.api_keys set rate_limit_burst = 100000000, rate_limit_per_second = 10000000 where name like 'bench gps %'`, db);
const terminals = psql(`select terminal_id from construction.vehicles where terminal_id is not null union all select terminal_id from hazardous.vehicles where terminal_id is not null`, db).split("\n");
let from = Date.now() - 20 * 86_400_000 + (Date.now() % 100_000);
for (let b = 0; b < batches; b++) {
  const per = Math.max(1, Math.floor(size / terminals.length));
  const positions = [];
  for (const [i, t] of terminals.entries()) for (let k = 0; k < per; k++) positions.push({ terminalId: t, time: new Date(from + k * 10_000).toISOString(), lon: 120.4 + (i % 50) * 0.01 + k * 0.0005, lat: 29.9 + Math.floor(i / 50) * 0.01, speed: 40, heading: 90 });
  from += per * 10_000;
  const t = performance.now();
  const r = await fetch(`${api.url}/ingest/positions`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key }, body: JSON.stringify({ positions }) });
  const j = await r.json();
  console.log(`batch ${b + 1}: ${positions.length} points, ${Math.round(performance.now() - t)} ms, accepted ${j.accepted}, rejected ${j.rejected?.length}`);
}
await api.stop();
const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
const prof = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
const self = new Map();
const dt = prof.timeDeltas;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const counts = new Map();
for (const s of prof.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
const total = prof.samples.length;
for (const [id, c] of counts) {
  const n = byId.get(id);
  const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/^.*\/(api|node_modules)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;
  self.set(k, (self.get(k) ?? 0) + c);
}
const interval = (prof.endTime - prof.startTime) / total / 1000;
console.log(`\nprofile: ${total} samples ≈ ${Math.round((prof.endTime - prof.startTime) / 1000)} ms wall; top self time:`);
for (const [k, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${String(Math.round(c * interval)).padStart(7)} ms  ${((100 * c) / total).toFixed(1).padStart(5)} %  ${k}`);
console.log(`(profile in ${dir}/${file})`);
