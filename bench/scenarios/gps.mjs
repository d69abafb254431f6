/**
 * Scenario 3 — GPS ingestion: positions per second sustained through POST /ingest/positions (API key with
 * construction:ingest and hazardous:ingest; every stream's real-time rules on — they run in the ingesting
 * transaction) vs a raw COPY of the same number of rows (same terminals, same kind of points) into the
 * same table through the `postgres` driver, in the same run. HTTP load: several workers in the bench
 * process, each posting batches for its own terminals (10 s apart per terminal, within the last hours).
 * Target: ≥ 20,000 positions/s and ≥ 0.3× raw COPY.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { gql, login, median, postgres, psql, round, startApi, loadAvg } from "../lib.mjs";

function walkers(terminals) {
  // deterministic start points around Shaoxing, a random walk at 20–60 km/h
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  return terminals.map((t) => ({ t, lon: 120.35 + rnd() * 0.5, lat: 29.75 + rnd() * 0.4, h: rnd() * 360, rnd }));
}

/** Points for one batch: `perTerminal` points for each walker, 10 s apart, from `fromMs`. */
function makeBatch(ws, fromMs, perTerminal) {
  const out = [];
  for (const w of ws) {
    for (let i = 0; i < perTerminal; i++) {
      const speed = 20 + w.rnd() * 40;
      w.h = (w.h + (w.rnd() - 0.5) * 30 + 360) % 360;
      const d = (speed / 3600) * 10; // km in 10 s
      w.lon += (d / 96) * Math.sin((w.h * Math.PI) / 180);
      w.lat += (d / 111) * Math.cos((w.h * Math.PI) / 180);
      out.push({ terminalId: w.t, time: new Date(fromMs + i * 10_000).toISOString(), lon: round(w.lon, 6), lat: round(w.lat, 6), speed: round(speed, 1), heading: Math.round(w.h) });
    }
  }
  return out;
}

async function httpRun({ url, key, terminals, workers, batchSize, seconds, startMs }) {
  const groups = Array.from({ length: workers }, (_, i) => walkers(terminals.filter((_, j) => j % workers === i)));
  const deadline = performance.now() + seconds * 1000;
  let accepted = 0;
  let rejected = 0;
  let requests = 0;
  let errors = 0;
  const lat = [];
  const t0 = performance.now();
  await Promise.all(
    groups.map(async (ws) => {
      const perTerminal = Math.max(1, Math.floor(batchSize / ws.length));
      let from = startMs;
      while (performance.now() < deadline) {
        const body = JSON.stringify({ positions: makeBatch(ws, from, perTerminal) });
        from += perTerminal * 10_000;
        const t = performance.now();
        const r = await fetch(`${url}/ingest/positions`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key }, body });
        const j = await r.json();
        lat.push(performance.now() - t);
        requests++;
        if (!r.ok) {
          errors++;
          if (errors < 3) console.log(`[bench]   ingest ${r.status}: ${JSON.stringify(j).slice(0, 300)}`);
          continue;
        }
        accepted += j.accepted;
        rejected += j.rejected.length;
        if (j.rejected.length && rejected < 5) console.log(`[bench]   rejected: ${JSON.stringify(j.rejected.slice(0, 2))}`);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { accepted, rejected, requests, errors, seconds: elapsed, perSecond: accepted / elapsed, batchP50: lat[Math.floor(lat.length / 2)], batchMax: lat[lat.length - 1] };
}

/** COPY of `count` rows (same terminals and kind of points, 1 ms after the HTTP ones so the keys differ). */
async function copyRun({ databaseUrl, terminals, count, startMs }) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ ids }] = await sql`select json_object_agg(t, s || '|' || v) ids from (
      select terminal_id t, 'construction' s, id v from construction.vehicles where terminal_id is not null
      union all select terminal_id, 'hazardous', id from hazardous.vehicles where terminal_id is not null) x`;
    const ws = walkers(terminals);
    const perTerminal = Math.max(1, Math.floor(1000 / ws.length));
    let made = 0;
    let from = startMs + 1;
    async function* lines() {
      while (made < count) {
        const batch = makeBatch(ws, from, perTerminal);
        from += perTerminal * 10_000;
        let chunk = "";
        for (const p of batch) {
          if (made >= count) break;
          const [s, v] = ids[p.terminalId].split("|");
          chunk += `${p.terminalId}\t${p.time}\t${s}\t${v}\t${p.lon}\t${p.lat}\t${p.speed}\t${p.heading}\n`;
          made++;
        }
        yield chunk;
      }
    }
    const t0 = performance.now();
    const w = await sql`copy core.positions (terminal_id, at, stream, vehicle_id, lon, lat, speed_kmh, heading) from stdin`.writable();
    await pipeline(Readable.from(lines()), w);
    const seconds = (performance.now() - t0) / 1000;
    return { rows: made, seconds, perSecond: made / seconds };
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function ensurePartitions(db, fromMs, toMs) {
  const stmts = [];
  for (let d = Math.floor(fromMs / 86_400_000); d <= Math.floor(toMs / 86_400_000); d++) {
    const day = new Date(d * 86_400_000).toISOString().slice(0, 10);
    stmts.push(`create table if not exists core.positions_${day.replaceAll("-", "")} partition of core.positions for values from ('${day}T00:00:00Z') to ('${new Date((d + 1) * 86_400_000).toISOString()}')`);
  }
  psql(stmts.join("; "), db);
}

export async function measureGps({ databaseUrl, opts, log, label = "" }) {
  const db = new URL(databaseUrl).pathname.slice(1);
  const api = await startApi({ databaseUrl });
  try {
    const admin = await login(api.url, "admin");
    const r = await gql(api.url, admin, `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } userErrors { message } } }`, { i: { name: `bench gps ${Date.now()}`, scopes: ["construction:ingest", "hazardous:ingest"] } });
    const key = r.createApiKey.secret;
    // The key's cost budget (1 unit per 100 positions, 200/s by default) would cap a device at 20,000/s — the
    // target itself; the bench measures the pipeline, so its key gets a budget far above.
    psql(`update core.api_keys set rate_limit_burst = 100000000, rate_limit_per_second = 10000000 where name like 'bench gps %'`, db);
    const terminals = psql(`select terminal_id from construction.vehicles where terminal_id is not null union all select terminal_id from hazardous.vehicles where terminal_id is not null order by 1`, db).split("\n").filter(Boolean);
    const rules = psql(`select (select count(*) from construction.alert_rules) || ' construction rule rows, hazardous rule settings ' || (select count(*) from hazardous.rule_settings)`, db);
    const workers = opts.gpsWorkers ?? 4;
    const batchSize = opts.gpsBatch ?? 2000;
    const runs = [];
    // Each run uses its own 4-hour window inside the last 30 days (keys never collide across runs or with the seed).
    const base = Date.now() - 29 * 86_400_000;
    ensurePartitions(db, base, Date.now());
    for (let i = 0; i < opts.runs; i++) {
      const startMs = base + (i * 2 + (label === "province" ? 40 : 0)) * 6 * 3600_000 + (Date.now() % 1000);
      const http = await httpRun({ url: api.url, key, terminals, workers, batchSize, seconds: opts.gpsSeconds, startMs });
      const copy = await copyRun({ databaseUrl, terminals, count: Math.max(http.accepted, 10_000), startMs: startMs + 6 * 3600_000 });
      const run = { http, copy, ratio: http.perSecond / copy.perSecond, load: loadAvg() };
      runs.push(run);
      log(`  GPS${label ? ` (${label})` : ""} run ${i + 1}: HTTP ${Math.round(http.perSecond)}/s (${http.accepted} accepted, ${http.rejected} rejected, ${http.errors} failed requests, batch p50 ${Math.round(http.batchP50)} ms) | COPY ${Math.round(copy.perSecond)}/s | ratio ${round(run.ratio)} (load ${run.load.toFixed(1)})`);
    }
    return { terminals: terminals.length, workers, batchSize, rules, runs, httpPerSecond: median(runs.map((r) => r.http.perSecond)), copyPerSecond: median(runs.map((r) => r.copy.perSecond)), ratio: median(runs.map((r) => r.ratio)), load: median(runs.map((r) => r.load)) };
  } finally {
    await api.stop();
  }
}

export async function run({ databaseUrl, opts, log }) {
  const m = await measureGps({ databaseUrl, opts, log });
  return {
    ...m,
    summary: [
      { scenario: "3 GPS ingestion", measure: `POST /ingest/positions, ${m.workers} clients × ${m.batchSize}-point batches, rules on`, value: `${Math.round(m.httpPerSecond).toLocaleString("en")} positions/s`, ratio: null, target: "≥ 20,000/s", ok: m.httpPerSecond >= 20_000, load: round(m.load, 1) },
      { scenario: "3 GPS ingestion", measure: "vs raw COPY of as many rows into core.positions", value: `${Math.round(m.httpPerSecond).toLocaleString("en")} vs ${Math.round(m.copyPerSecond).toLocaleString("en")} rows/s`, ratio: round(m.ratio), target: "≥ 0.3×", ok: m.ratio >= 0.3, load: round(m.load, 1) },
    ],
  };
}
