/**
 * Shared helpers of the benchmark suite: options, psql, starting the built API, autocannon runs with exact
 * percentiles, medians, machine description. Nothing here is part of `npm test`.
 */
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The built API (BENCH_API_DIST: another build, e.g. a copy of the code before a change, for before/after runs in one session). */
export const apiDist = process.env.BENCH_API_DIST ? path.resolve(process.env.BENCH_API_DIST) : path.join(root, "api", "dist");
/** The API's own `postgres` driver (same version as the platform), without a second copy in bench/. */
export const postgres = createRequire(path.join(root, "api", "package.json"))("postgres");

export const PG_ADMIN = process.env.PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const dbUrl = (db) => PG_ADMIN.replace(/\/[^/]*$/, `/${db}`);

export function psql(sql, db = "postgres") {
  const u = new URL(PG_ADMIN);
  return execFileSync("psql", ["-h", u.hostname, "-p", u.port || "5432", "-U", u.username || "postgres", "-d", db, "-Atqc", sql], { encoding: "utf8", maxBuffer: 64 << 20 }).trim();
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const median = (xs) => {
  const s = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const round = (x, d = 2) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
export function pct(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
export const loadAvg = () => os.loadavg()[0];

export function machine() {
  let pgVersion = null;
  try {
    pgVersion = psql("show server_version");
  } catch {
    /* no server */
  }
  return { host: os.hostname(), cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: pgVersion, platform: `${os.type()} ${os.release()}` };
}

/** A port the OS says is free right now (other benches and test servers share this machine). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Waits until GET url answers 2xx, or the child exits, or the deadline passes. Returns ms waited. */
export async function waitReady(url, child, out, timeoutMs = 300_000) {
  const t = performance.now();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`process exited (${child.exitCode}): ${out()}`);
    try {
      if ((await fetch(url)).ok) return performance.now() - t;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms: ${out().slice(-2000)}`);
    await sleep(50);
  }
}

/** Starts the built API (api/dist/main.js) in its own process; resolves when /readyz answers. */
export async function startApi({ databaseUrl, dataDir, env = {}, port, timeoutMs, nodeArgs = [] } = {}) {
  port ??= await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, path.join(apiDist, "main.js")], {
    cwd: root,
    env: {
      ...process.env,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: "" }),
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
      PORT: String(port),
      HOST: "127.0.0.1",
      DEMO: "0",
      WORKERS: "0",
      LOG_LEVEL: "silent",
      NODE_ENV: "production",
      // no start-up composition of the overview: the scenarios measure the first (cold) request themselves
      OVERVIEW_PREWARM: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out = (out + d).slice(-20000)));
  child.stderr.on("data", (d) => (out = (out + d).slice(-20000)));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/readyz`, child, () => out, timeoutMs);
  const readyMs = performance.now() - t0;
  await sleep(100);
  if (child.exitCode !== null) throw new Error(`API exited after /readyz answered (port ${port} taken by another process?): ${out}`);
  return {
    url,
    port,
    child,
    readyMs,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await Promise.race([new Promise((r) => child.once("exit", r)), sleep(15_000).then(() => child.kill("SIGKILL"))]);
    },
  };
}

export async function gql(url, token, query, variables = {}) {
  const r = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const j = await r.json();
  if (j.errors) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(j.errors).slice(0, 1000)}`);
  return j.data;
}

export async function login(url, username = "leader") {
  return (await gql(url, null, `mutation($u: String!) { login(username: $u, password: "Zerowaste2026") { token } }`, { u: username })).login.token;
}

/**
 * One autocannon run (in this process — a separate process from the server under test); keeps every
 * response time for exact percentiles. Non-2xx answers and socket errors are counted as errors.
 */
export function cannon({ url, method = "GET", headers = {}, body, connections, duration, amount }) {
  return new Promise((resolve, reject) => {
    const times = [];
    const o = { url, method, headers, body, connections, timeout: 30, ...(amount ? { amount } : { duration }) };
    const inst = autocannon(o, (err, r) => {
      if (err) return reject(err);
      const s = times.sort((a, b) => a - b);
      resolve({ requests: r.requests.total, rps: r.requests.total / ((r.duration ?? duration) || 1), errors: r.errors + r.non2xx + r.timeouts, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: pct(s, 100), bytes: r.throughput.total });
    });
    inst.on("response", (_c, status, _b, rt) => {
      if (status >= 200 && status < 300) times.push(rt);
    });
  });
}

export function writeResults(name, result, md) {
  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  fs.writeFileSync(path.join(dir, `${name}-${stamp}.json`), JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(dir, `${name}-${stamp}.md`), md);
  fs.writeFileSync(path.join(dir, `${name}-latest.json`), JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(dir, `${name}-latest.md`), md);
  return path.join("bench", "results", `${name}-${stamp}`);
}

/** A plain-text table for the terminal. */
export function table(rows, cols) {
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length)));
  const line = (vals) => vals.map((v, i) => String(v ?? "").padEnd(w[i])).join("  ");
  return [line(cols), line(w.map((n) => "-".repeat(n))), ...rows.map((r) => line(cols.map((c) => r[c])))].join("\n");
}
