/**
 * Scenario 8 — start-up: the README's platform process (node api/dist/main.js, what `npm start` runs after
 * install and build) from an empty embedded data directory to /readyz (migrations + demo seed at
 * --startup-scale, default small; the README's default is demo), a restart on that existing data, and a
 * restart on the server's city-year database. Baseline in the same run: a bare Node HTTP server's start
 * to first answer (the process floor on this machine). Install and build of a fresh clone are measured by
 * --fresh-clone (slow: a full workspace build), otherwise the figures of docs/performance.md apply.
 * Target: restart on existing data ≤ 10 s.
 */
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, median, root, round, startApi, waitReady, loadAvg } from "../lib.mjs";

async function nodeFloor() {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ["-e", `require("node:http").createServer((q, s) => s.end("ok")).listen(${port}, "127.0.0.1")`], { stdio: "ignore" });
  await waitReady(`http://127.0.0.1:${port}/`, child, () => "", 30_000);
  const ms = performance.now() - t0;
  child.kill();
  return ms;
}

export async function run({ opts, log, databaseUrl }) {
  const scale = opts.startupScale ?? "small";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zw-bench-start-"));
  const rows = {};
  try {
    const floor = [];
    for (let i = 0; i < 3; i++) floor.push(await nodeFloor());
    rows.nodeFloorMs = median(floor);
    log(`  bare node http server: ${Math.round(rows.nodeFloorMs)} ms`);
    const fresh = await startApi({ dataDir: dir, env: { DEMO: "1", DEMO_SCALE: scale }, timeoutMs: 1800_000 });
    rows.freshMs = fresh.readyMs;
    await fresh.stop();
    log(`  fresh embedded start with ${scale} demo data: ${Math.round(rows.freshMs)} ms`);
    const restarts = [];
    for (let i = 0; i < opts.runs; i++) {
      const a = await startApi({ dataDir: dir, env: { DEMO: "1", DEMO_SCALE: scale } });
      restarts.push(a.readyMs);
      await a.stop();
    }
    rows.restartEmbeddedMs = median(restarts);
    log(`  restart on existing embedded data: ${Math.round(rows.restartEmbeddedMs)} ms (runs ${restarts.map(Math.round).join(", ")})`);
    const srv = [];
    for (let i = 0; i < opts.runs; i++) {
      const a = await startApi({ databaseUrl });
      srv.push(a.readyMs);
      await a.stop();
    }
    rows.restartServerMs = median(srv);
    log(`  restart on the server's city-year database: ${Math.round(rows.restartServerMs)} ms`);
    if (opts.freshClone) {
      const clone = fs.mkdtempSync(path.join(os.tmpdir(), "zw-bench-clone-"));
      const t = performance.now();
      execSync(`git clone -q ${root} ${clone} && cd ${clone} && npx -y pnpm@12.4.2 install --frozen-lockfile && npx -y pnpm@12.4.2 run build`, { stdio: "inherit" });
      rows.cloneInstallBuildMs = performance.now() - t;
      fs.rmSync(clone, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const load = round(loadAvg(), 1);
  const summary = [
    { scenario: "8 start-up", measure: `fresh embedded start (migrations + ${scale} demo seed) to ready`, value: `${round(rows.freshMs / 1000, 1)} s`, ratio: round(rows.freshMs / rows.nodeFloorMs, 1), target: "(reported)", ok: null, load },
    { scenario: "8 start-up", measure: "restart on existing embedded data (PGlite) to ready", value: `${round(rows.restartEmbeddedMs / 1000, 1)} s (bare Node ${Math.round(rows.nodeFloorMs)} ms)`, ratio: round(rows.restartEmbeddedMs / rows.nodeFloorMs, 1), target: "≤ 10 s", ok: rows.restartEmbeddedMs <= 10_000, load },
    { scenario: "8 start-up", measure: "restart on the server (city-year database) to ready", value: `${round(rows.restartServerMs / 1000, 1)} s`, ratio: round(rows.restartServerMs / rows.nodeFloorMs, 1), target: "≤ 10 s", ok: rows.restartServerMs <= 10_000, load },
  ];
  if (rows.cloneInstallBuildMs) summary.unshift({ scenario: "8 start-up", measure: "fresh clone: install + build", value: `${round(rows.cloneInstallBuildMs / 1000)} s`, ratio: null, target: "(reported)", ok: null, load });
  return { ...rows, scale, summary };
}
