/**
 * Scenario 0 — data: a year of demo data at the given scale (api/dist/seed.js, bulk COPY) into its own
 * database on the PostgreSQL server, timed. `--reuse` keeps a database that is already loaded (a marker
 * table bench.loaded records the scale and the load time of the run that filled it).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { apiDist, dbUrl, loadAvg, psql, root, round } from "../lib.mjs";

const COUNTS = {
  "construction.manifests": "construction.manifests",
  "construction.permits": "construction.permits",
  "hazardous.manifests": "hazardous.manifests",
  "hazardous.units": "hazardous.units",
  "recycling.weighings": "recycling.weighings",
  "recycling.ledger": "recycling.ledger",
  "core.positions": "core.positions",
  "core.alerts": "core.alerts",
};

export function counts(db) {
  const q = Object.entries(COUNTS)
    .map(([k, t]) => `select '${k}', (select count(*) from ${t})`)
    .join(" union all ");
  return Object.fromEntries(
    psql(q, db)
      .split("\n")
      .map((l) => l.split("|"))
      .map(([k, v]) => [k, Number(v)]),
  );
}

export async function loadData({ db, scale, reuse, log, modules }) {
  const exists = psql(`select count(*) from pg_database where datname = '${db}'`) === "1";
  if (reuse && exists) {
    const marker = psql(`select coalesce((select scale || '|' || seconds || '|' || load from bench.loaded limit 1), '') from (select 1) x where to_regclass('bench.loaded') is not null`, db);
    if (marker) {
      const [s, seconds, load] = marker.split("|");
      if (s !== scale) throw new Error(`${db} holds ${s} data, not ${scale}`);
      log(`reusing ${db} (${scale}, loaded in ${seconds} s)`);
      const c = counts(db);
      return summaryOf({ db, scale, seconds: Number(seconds), load: Number(load), counts: c, reused: true });
    }
    log(`${db} exists but was not loaded completely: reloading`);
  }
  psql(`drop database if exists ${db} with (force)`);
  psql(`create database ${db}`);
  const extra = modules ? ["--modules", modules] : [];
  log(`loading a ${scale}-year into ${db} (node api/dist/seed.js --scale ${scale}${modules ? ` --modules ${modules}` : ""}) …`);
  const loadBefore = loadAvg();
  const t = Date.now();
  const lines = [];
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(apiDist, "seed.js"), "--scale", scale, ...extra], { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl(db) }, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.on("data", (d) => {
      for (const l of String(d).split("\n").filter(Boolean)) {
        lines.push(l);
        log(`  seed: ${l}`);
      }
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seed exited ${code}`))));
  });
  const seconds = (Date.now() - t) / 1000;
  const load = round((loadBefore + loadAvg()) / 2, 1);
  psql("vacuum analyze", db);
  psql(`create schema if not exists bench; create table bench.loaded (scale text, seconds numeric, load numeric, at timestamptz default now(), modules text); insert into bench.loaded values ('${scale}', ${round(seconds, 1)}, ${load}, default, ${modules ? `'${modules}'` : "null"})`, db);
  const c = counts(db);
  return summaryOf({ db, scale, seconds, load, counts: c, reused: false, seedLog: lines });
}

function summaryOf({ db, scale, seconds, load, counts, reused, seedLog }) {
  const events = counts["construction.manifests"] + counts["hazardous.manifests"] + counts["recycling.weighings"] + counts["recycling.ledger"];
  return {
    db,
    scale,
    loadSeconds: round(seconds, 1),
    reused,
    counts,
    seedLog,
    summary: [
      {
        scenario: "0 data",
        measure: `${scale}-year load (seed.js, COPY)${reused ? ", earlier run" : ""}`,
        value: `${Math.round(seconds)} s; ${counts["construction.manifests"].toLocaleString("en")} trips, ${counts["hazardous.manifests"].toLocaleString("en")} transfer manifests, ${counts["recycling.weighings"].toLocaleString("en")} weighings, ${counts["recycling.ledger"].toLocaleString("en")} ledger rows`,
        ratio: null,
        target: "fast (bulk)",
        ok: null,
        load,
        rowsPerSecond: Math.round(events / seconds),
      },
    ],
  };
}
