/**
 * Scenario 3 — GPS ingestion: positions per second sustained through POST /ingest/positions (API key with
 * construction:ingest and hazardous:ingest; every stream's real-time rules on — they run in the ingesting
 * transaction) vs a raw COPY of the same number of rows (same terminals, same kind of points) into the
 * same table through the `postgres` driver, in the same run. HTTP load: several workers in the bench
 * process, each posting batches for its own terminals (10 s apart per terminal, within the last hours).
 * Target: ≥ 20,000 positions/s and ≥ 0.3× raw COPY.
 *
 * Two kinds of traffic (`--gps-mode realistic|offroute|both`, default realistic):
 * - realistic: each construction truck drives its permitted route (准运路线, the active permit's route),
 *   back and forth at 20–50 km/h with ±15 m of GPS noise; a small share of the points (a detour now and
 *   then: ~2 %) is 700 m off the route, so OFF_ROUTE alerts are raised and closed again as in real
 *   traffic. A truck with no permit in force stays parked inside a registered site. A hazardous vehicle
 *   with a manifest in transit drives the manifest's planned route the same way (below every segment's
 *   speed limit); the others drive slowly (15–28 km/h) at random.
 * - offroute (the pessimistic load measured first): every vehicle random-walks at 20–60 km/h, off its
 *   route, so nearly every batch raises or bumps alerts.
 * The construction rules keep a state per truck and skip points older than it (late points are stored,
 * not evaluated); the seed leaves trucks that reported minutes ago, and the bench's points lie in the past,
 * so before each run the saved state of every truck is moved to just before the run's window — otherwise
 * the construction rules would evaluate nothing, and later runs less than earlier ones.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { gql, login, median, postgres, psql, round, startApi, loadAvg } from "../lib.mjs";

const M_LAT = 111_320; // metres per degree of latitude
const M_LON = 111_320 * Math.cos((30 * Math.PI) / 180); // … of longitude at Shaoxing

/** Deterministic random numbers (each fleet the same from run to run). */
function rng(seed) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

/** The pessimistic walkers: deterministic start points around Shaoxing, a random walk at 20–60 km/h. */
export function walkers(terminals) {
  const rnd = rng(42);
  return terminals.map((t) => {
    const w = { t, lon: 120.35 + rnd() * 0.5, lat: 29.75 + rnd() * 0.4, h: rnd() * 360, rnd };
    w.next = () => randomStep(w, 20, 40);
    return w;
  });
}

function randomStep(w, minKmh, spanKmh) {
  const speed = minKmh + w.rnd() * spanKmh;
  w.h = (w.h + (w.rnd() - 0.5) * 30 + 360) % 360;
  const d = (speed / 3600) * 10; // km in 10 s
  w.lon += (d / 96) * Math.sin((w.h * Math.PI) / 180);
  w.lat += (d / 111) * Math.cos((w.h * Math.PI) / 180);
  return { lon: w.lon, lat: w.lat, speed, heading: w.h, off: true };
}

/** Share of points at which a routed vehicle starts a detour, its length in points, its distance. */
const DETOUR = { start: 0.002, minPoints: 8, spanPoints: 8, metres: 700 };

/** A vehicle driving a polyline back and forth, with GPS noise and an occasional detour off it. */
function routeWalker(t, route, rnd, minKmh, spanKmh) {
  const xy = route.map(([lon, lat]) => [lon * M_LON, lat * M_LAT]);
  const cum = [0];
  for (let i = 1; i < xy.length; i++) cum.push(cum[i - 1] + Math.hypot(xy[i][0] - xy[i - 1][0], xy[i][1] - xy[i - 1][1]));
  const total = cum[cum.length - 1];
  let s = rnd() * total;
  let dir = rnd() < 0.5 ? 1 : -1;
  let detour = 0;
  let side = 1;
  return {
    t,
    rnd,
    next() {
      const speed = minKmh + rnd() * spanKmh;
      s += dir * (speed / 3.6) * 10;
      if (s > total) (s = 2 * total - s), (dir = -1);
      if (s < 0) (s = -s), (dir = 1);
      if (detour > 0) detour--;
      else if (rnd() < DETOUR.start) (detour = DETOUR.minPoints + Math.floor(rnd() * DETOUR.spanPoints)), (side = rnd() < 0.5 ? 1 : -1);
      let i = 1;
      while (i < cum.length - 1 && cum[i] < s) i++;
      const len = cum[i] - cum[i - 1] || 1;
      const f = (s - cum[i - 1]) / len;
      const dx = (xy[i][0] - xy[i - 1][0]) / len;
      const dy = (xy[i][1] - xy[i - 1][1]) / len;
      const off = detour > 0 ? side * DETOUR.metres : (rnd() - 0.5) * 30;
      const x = xy[i - 1][0] + f * (xy[i][0] - xy[i - 1][0]) - dy * off;
      const y = xy[i - 1][1] + f * (xy[i][1] - xy[i - 1][1]) + dx * off;
      const heading = ((Math.atan2(dx * dir, dy * dir) * 180) / Math.PI + 360) % 360;
      return { lon: x / M_LON, lat: y / M_LAT, speed, heading, off: detour > 0 };
    },
  };
}

/** A vehicle parked at one spot (GPS noise of a few metres, speed 0). */
function parked(t, lon, lat, rnd) {
  return { t, rnd, next: () => ({ lon: lon + ((rnd() - 0.5) * 8) / M_LON, lat: lat + ((rnd() - 0.5) * 8) / M_LAT, speed: 0, heading: 0, off: false }) };
}

/**
 * The realistic fleet (see the head comment): each terminal's route or parking place, from the database —
 * the active permit valid over the whole window for a construction truck, the planned route of the
 * manifest in transit for a hazardous vehicle.
 */
export function realisticFleet(db, terminals, fromMs) {
  const rows = JSON.parse(
    psql(
      `with sites as (select row_number() over (order by id) - 1 as i, lon, lat from construction.sites where status in ('REGISTERED', 'ACTIVE'))
       select coalesce(json_agg(x), '[]') from (
         select v.terminal_id t, 'construction' s,
           (select p.route from construction.permits p where p.vehicle_id = v.id and p.status = 'ACTIVE' and p.valid_from <= '${new Date(fromMs).toISOString()}' and p.valid_to > now() order by p.valid_to desc limit 1) r,
           (select json_build_array(lon, lat) from sites where i = v.id % greatest(1, (select count(*) from sites))) park
         from construction.vehicles v where v.terminal_id is not null
         union all
         select v.terminal_id, 'hazardous', (select m.planned_route from hazardous.manifests m where m.vehicle_id = v.id and m.state = 'PICKED_UP' order by m.id desc limit 1), null
         from hazardous.vehicles v where v.terminal_id is not null) x`,
      db,
    ),
  );
  const byT = new Map(rows.map((r) => [r.t, r]));
  const rnd = rng(7);
  return (subset) =>
    subset.map((t) => {
      const r = byT.get(t);
      const start = { lon: 120.35 + rnd() * 0.5, lat: 29.75 + rnd() * 0.4 };
      if (r?.r && r.r.length >= 2) return r.s === "construction" ? routeWalker(t, r.r, rnd, 20, 30) : routeWalker(t, r.r, rnd, 15, 13);
      if (r?.s === "construction") return r.park ? parked(t, Number(r.park[0]), Number(r.park[1]), rnd) : parked(t, start.lon, start.lat, rnd);
      const w = { t, lon: start.lon, lat: start.lat, h: rnd() * 360, rnd };
      w.next = () => ({ ...randomStep(w, 15, 13), off: false });
      return w;
    });
}

/** Points for one batch: `perTerminal` points for each walker, 10 s apart, from `fromMs`. */
export function makeBatch(ws, fromMs, perTerminal, stats) {
  const out = [];
  for (const w of ws) {
    for (let i = 0; i < perTerminal; i++) {
      const p = w.next();
      if (stats) (stats.points++, p.off && stats.off++);
      out.push({ terminalId: w.t, time: new Date(fromMs + i * 10_000).toISOString(), lon: round(p.lon, 6), lat: round(p.lat, 6), speed: round(p.speed, 1), heading: Math.round(p.heading) });
    }
  }
  return out;
}

async function httpRun({ url, key, terminals, workers, batchSize, seconds, startMs, fleet }) {
  const groups = Array.from({ length: workers }, (_, i) => fleet(terminals.filter((_, j) => j % workers === i)));
  const stats = { points: 0, off: 0 };
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
        const body = JSON.stringify({ positions: makeBatch(ws, from, perTerminal, stats) });
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
  return { accepted, rejected, requests, errors, seconds: elapsed, perSecond: accepted / elapsed, batchP50: lat[Math.floor(lat.length / 2)], batchMax: lat[lat.length - 1], offShare: stats.points ? stats.off / stats.points : 0 };
}

/** COPY of `count` rows (same terminals and kind of points, 1 ms after the HTTP ones so the keys differ). */
async function copyRun({ databaseUrl, terminals, count, startMs, fleet }) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ ids }] = await sql`select json_object_agg(t, s || '|' || v) ids from (
      select terminal_id t, 'construction' s, id v from construction.vehicles where terminal_id is not null
      union all select terminal_id, 'hazardous', id from hazardous.vehicles where terminal_id is not null) x`;
    const ws = fleet(terminals);
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
    const modes = opts.gpsMode === "both" ? ["realistic", "offroute"] : [opts.gpsMode ?? "realistic"];
    if (modes.some((m) => m !== "realistic" && m !== "offroute")) throw new Error(`--gps-mode realistic|offroute|both, not ${opts.gpsMode}`);
    // Each run uses its own 4-hour window inside the last 30 days (keys never collide across runs or with the seed).
    const base = Date.now() - 29 * 86_400_000;
    ensurePartitions(db, base, Date.now());
    const byMode = {};
    for (const [mi, mode] of modes.entries()) {
      const runs = [];
      for (let i = 0; i < opts.runs; i++) {
        const slot = mi * opts.runs + i;
        const startMs = base + (slot * 2 + (label === "province" ? 40 : 0)) * 6 * 3600_000 + (Date.now() % 1000);
        // Every point of the run is evaluated by the construction rules (see the head comment).
        psql(`update construction.track_state set last_at = '${new Date(startMs - 1000).toISOString()}', off_route_count = 0, stopped_since = null, stop_lon = null, stop_lat = null, inside_site_id = null, overspeed_count = 0, no_permit_count = 0`, db);
        const fleet = mode === "offroute" ? walkers : realisticFleet(db, terminals, startMs);
        const since = psql(`select now()`, db);
        const http = await httpRun({ url: api.url, key, terminals, workers, batchSize, seconds: opts.gpsSeconds, startMs, fleet });
        const [raised, closed] = psql(`select count(*) filter (where type = 'alert.raised') || ' ' || count(*) filter (where type = 'alert.closed') from core.events where created_at >= '${since}' and type in ('alert.raised', 'alert.closed')`, db).split(" ").map(Number);
        const copy = await copyRun({ databaseUrl, terminals, count: Math.max(http.accepted, 10_000), startMs: startMs + 6 * 3600_000, fleet });
        const run = { mode, http, copy, alertsRaised: raised, alertsClosed: closed, ratio: http.perSecond / copy.perSecond, load: loadAvg() };
        runs.push(run);
        log(
          `  GPS${label ? ` (${label})` : ""} ${mode} run ${i + 1}: HTTP ${Math.round(http.perSecond)}/s (${http.accepted} accepted, ${http.rejected} rejected, ${http.errors} failed requests, batch p50 ${Math.round(http.batchP50)} ms; ${round(100 * http.offShare, 1)} % of points off route, ${raised} alerts raised, ${closed} closed) | COPY ${Math.round(copy.perSecond)}/s | ratio ${round(run.ratio)} (load ${run.load.toFixed(1)})`,
        );
      }
      byMode[mode] = { runs, httpPerSecond: median(runs.map((r) => r.http.perSecond)), copyPerSecond: median(runs.map((r) => r.copy.perSecond)), ratio: median(runs.map((r) => r.ratio)), load: median(runs.map((r) => r.load)) };
    }
    // The figures of the first mode (the default: realistic) are the scenario's; every mode is in `modes`.
    return { terminals: terminals.length, workers, batchSize, rules, mode: modes[0], ...byMode[modes[0]], modes: byMode };
  } finally {
    await api.stop();
  }
}

export async function run({ databaseUrl, opts, log }) {
  const m = await measureGps({ databaseUrl, opts, log });
  return {
    ...m,
    summary: Object.entries(m.modes).flatMap(([mode, x]) => [
      { scenario: "3 GPS ingestion", measure: `POST /ingest/positions, ${m.workers} clients × ${m.batchSize}-point batches, rules on, ${mode} traffic`, value: `${Math.round(x.httpPerSecond).toLocaleString("en")} positions/s`, ratio: null, target: "≥ 20,000/s", ok: x.httpPerSecond >= 20_000, load: round(x.load, 1) },
      { scenario: "3 GPS ingestion", measure: `vs raw COPY of as many rows into core.positions (${mode})`, value: `${Math.round(x.httpPerSecond).toLocaleString("en")} vs ${Math.round(x.copyPerSecond).toLocaleString("en")} rows/s`, ratio: round(x.ratio), target: "≥ 0.3×", ok: x.ratio >= 0.3, load: round(x.load, 1) },
    ]),
  };
}
