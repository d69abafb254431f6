#!/usr/bin/env node
/**
 * Profiles one GraphQL list page of scenario 1 (the named cause when the overhead target is missed):
 * the API under --cpu-prof, autocannon for --seconds, then self time by package and the heaviest functions.
 *   node bench/profile-graphql.mjs [--db zw_bench] [--query manifests|permits] [--seconds 10] [--connections 10]
 */
import fs from "node:fs";
import path from "node:path";
import { cannon, dbUrl, login, startApi } from "./lib.mjs";
import { QUERIES } from "./scenarios/graphql-overhead.mjs";

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const db = opt("db", "zw_bench");
const q = QUERIES[opt("query", "manifests") === "permits" ? 1 : 0];
const dir = fs.mkdtempSync("/tmp/zw-prof-");
const api = await startApi({ databaseUrl: dbUrl(db), nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
const token = await login(api.url);
const r = await cannon({ url: `${api.url}/graphql`, method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q.query }), connections: Number(opt("connections", "10")), duration: Number(opt("seconds", "10")) });
console.log(`${q.name}: ${Math.round(r.rps)} req/s, p99 ${Math.round(r.p99)} ms, errors ${r.errors}`);
await api.stop();
const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
const prof = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const counts = new Map();
// only samples after start-up: skip the first part of the profile (module loading) by time
const startAt = prof.endTime - Number(opt("seconds", "10")) * 1e6;
let t = prof.startTime;
prof.samples.forEach((s, i) => {
  t += prof.timeDeltas[i];
  if (t >= startAt) counts.set(s, (counts.get(s) ?? 0) + 1);
});
const total = [...counts.values()].reduce((a, b) => a + b, 0);
const fn = new Map();
const pkg = new Map();
for (const [id, c] of counts) {
  const n = byId.get(id);
  const url = n.callFrame.url;
  const p = url.includes("node_modules/") ? url.replace(/^.*node_modules\/(@[^/]+\/[^/]+|[^/]+)\/.*$/, "$1") : url.includes("/api/dist/") ? "api (platform code)" : url.startsWith("node:") ? "node core" : n.callFrame.functionName.startsWith("(") ? n.callFrame.functionName : "native/other";
  pkg.set(p, (pkg.get(p) ?? 0) + c);
  const k = `${n.callFrame.functionName || "(anon)"} ${url.replace(/^.*\/(api\/dist|node_modules)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;
  fn.set(k, (fn.get(k) ?? 0) + c);
}
console.log(`\nself time by package (${total} samples in the load window):`);
for (const [k, c] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${((100 * c) / total).toFixed(1).padStart(5)} %  ${k}`);
console.log(`\nheaviest functions:`);
for (const [k, c] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${((100 * c) / total).toFixed(1).padStart(5)} %  ${k}`);
console.log(`(profile in ${dir}/${file})`);
