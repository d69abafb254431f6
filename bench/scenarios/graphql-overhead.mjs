/**
 * Scenario 1 — GraphQL overhead: two list pages through /graphql (leadership session: every check,
 * cost limit, DataLoaders) against the hand-written baseline (bench/baseline-server.mjs: the same SQL
 * through the same driver in a bare node:http handler, the same JSON). Each server in its own process,
 * autocannon in the bench process, same connections and duration, runs interleaved (A B, B A, …).
 * Target: throughput ≥ 0.6× the baseline; p99 ≤ 3× the baseline's.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { cannon, freePort, gql, login, median, root, round, startApi, waitReady, loadAvg } from "../lib.mjs";

export const QUERIES = [
  {
    name: "100 transfer manifests",
    path: "/manifests",
    query: `{ transferManifests(first: 100) { edges { node { id number state declaredKg createdAt producer { id name creditCode } carrier { id name } receiver { id name } lines { lineNo wasteCode wasteName packageCount quantityKg } } } } }`,
  },
  {
    name: "100 transport permits",
    path: "/permits",
    query: `{ transportPermits(first: 100) { edges { node { id number status validFrom validTo vehicle { id plate } company { id name } site { id name } } } } }`,
  },
];

export async function startBaseline(databaseUrl) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "bench", "baseline-server.mjs")], { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  await waitReady(`http://127.0.0.1:${port}/readyz`, child, () => out, 30_000);
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
    },
  };
}

/** Measures both servers for each query; `api` is a started API (server or PGlite) — used by scenario 6 too. */
export async function measureGraphql({ apiUrl, baselineUrl, connections, duration, runs, log }) {
  const token = await login(apiUrl);
  const out = [];
  for (const q of QUERIES) {
    const gqlReq = { url: `${apiUrl}/graphql`, method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q.query }) };
    const data = await gql(apiUrl, token, q.query);
    let same = null;
    if (baselineUrl) {
      const b = await (await fetch(`${baselineUrl}${q.path}`, { method: "POST" })).json();
      same = JSON.stringify(b.data) === JSON.stringify(data);
      if (!same) {
        const a = JSON.stringify(data);
        const bb = JSON.stringify(b.data);
        let i = 0;
        while (i < a.length && a[i] === bb[i]) i++;
        throw new Error(`baseline JSON differs from /graphql for ${q.name} at ${i}: graphql …${a.slice(Math.max(0, i - 80), i + 80)}… baseline …${bb.slice(Math.max(0, i - 80), i + 80)}…`);
      }
    }
    // warm-up
    await cannon({ ...gqlReq, connections, amount: connections * 5 });
    if (baselineUrl) await cannon({ url: `${baselineUrl}${q.path}`, method: "POST", connections, amount: connections * 5 });
    const per = [];
    for (let r = 0; r < runs; r++) {
      const order = r % 2 === 0 ? ["graphql", "baseline"] : ["baseline", "graphql"];
      const res = {};
      for (const which of order) {
        if (which === "baseline" && !baselineUrl) continue;
        res[which] = which === "graphql" ? await cannon({ ...gqlReq, connections, duration }) : await cannon({ url: `${baselineUrl}${q.path}`, method: "POST", connections, duration });
      }
      res.load = loadAvg();
      per.push(res);
      log(
        `  ${q.name} run ${r + 1}: graphql ${Math.round(res.graphql.rps)} req/s p99 ${res.graphql.p99} ms` +
          (res.baseline ? ` | baseline ${Math.round(res.baseline.rps)} req/s p99 ${res.baseline.p99} ms | ratio ${round(res.graphql.rps / res.baseline.rps)}` : "") +
          ` (load ${res.load.toFixed(1)})`,
      );
    }
    out.push({
      query: q.name,
      sameJson: same,
      runs: per,
      graphql: { rps: median(per.map((p) => p.graphql.rps)), p50: median(per.map((p) => p.graphql.p50)), p99: median(per.map((p) => p.graphql.p99)), errors: per.reduce((s, p) => s + p.graphql.errors, 0) },
      baseline: baselineUrl ? { rps: median(per.map((p) => p.baseline.rps)), p50: median(per.map((p) => p.baseline.p50)), p99: median(per.map((p) => p.baseline.p99)), errors: per.reduce((s, p) => s + p.baseline.errors, 0) } : null,
      rpsRatio: baselineUrl ? median(per.map((p) => p.graphql.rps / p.baseline.rps)) : null,
      p99Ratio: baselineUrl ? median(per.map((p) => p.graphql.p99 / p.baseline.p99)) : null,
      load: median(per.map((p) => p.load)),
    });
  }
  return out;
}

export async function run(ctx) {
  const { databaseUrl, opts, log } = ctx;
  const api = await startApi({ databaseUrl });
  const base = await startBaseline(databaseUrl);
  try {
    const rows = await measureGraphql({ apiUrl: api.url, baselineUrl: base.url, connections: opts.connections, duration: opts.duration, runs: opts.runs, log });
    const summary = rows.flatMap((r) => [
      { scenario: "1 GraphQL overhead", measure: `${r.query}: throughput vs baseline`, value: `${Math.round(r.graphql.rps)} vs ${Math.round(r.baseline.rps)} req/s`, ratio: round(r.rpsRatio), target: "≥ 0.6×", ok: r.rpsRatio >= 0.6, load: round(r.load, 1) },
      { scenario: "1 GraphQL overhead", measure: `${r.query}: p99 vs baseline`, value: `${round(r.graphql.p99, 1)} vs ${round(r.baseline.p99, 1)} ms`, ratio: round(r.p99Ratio), target: "≤ 3×", ok: r.p99Ratio <= 3, load: round(r.load, 1) },
    ]);
    return { connections: opts.connections, durationSeconds: opts.duration, runs: opts.runs, rows, summary };
  } finally {
    await base.stop();
    await api.stop();
  }
}
