/**
 * Scenario 4 — weighing ingestion with the points ledger: records per second through POST /ingest/weighings
 * (a vendor key with recycling:ingest; each batch one transaction: weighings, prices, ledger entries, lots,
 * card totals, rollups; Idempotency-Key per batch), several clients each with its own devices, residents'
 * cards on 70 % of the records (each device has its own residents: the city's active cards dealt out
 * over the devices, so concurrent batches of different devices do not share cards). Exactly once is then checked: stored rows and ledger points grew by
 * exactly what the answers said; resending already stored batches (new idempotency keys, so they go through
 * the (device, seq) de-duplication) stores nothing and earns nothing. Baseline in the same run: raw COPY of
 * as many rows into a copy of recycling.weighings (same columns and indexes, no ledger).
 * Target: ≥ 5,000 records/s, exactly-once kept.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { gql, login, median, postgres, psql, round, startApi, loadAvg } from "../lib.mjs";

function rng(seed) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

function totals(db) {
  const [w, l, p] = psql(`select (select count(*) from recycling.weighings), (select count(*) from recycling.ledger), (select coalesce(sum(points), 0) from recycling.ledger where points > 0)`, db).split("|");
  return { weighings: Number(w), ledger: Number(l), earned: Number(p) };
}

export async function measureWeighings({ databaseUrl, opts, log }) {
  const db = new URL(databaseUrl).pathname.slice(1);
  const api = await startApi({ databaseUrl });
  try {
    const admin = await login(api.url, "admin");
    const r = await gql(api.url, admin, `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret userErrors { message } } }`, { i: { name: `bench weighings ${Date.now()}`, scopes: ["recycling:ingest"] } });
    const key = r.createApiKey.secret;
    psql(`update core.api_keys set rate_limit_burst = 100000000, rate_limit_per_second = 10000000 where name like 'bench weighings %'`, db);
    const devices = psql(`select d.code || '|' || coalesce((select max(device_seq) from recycling.weighings w where w.device_id = d.id), 0) from recycling.devices d where d.status = 'ACTIVE' and d.kind = 'SMART_SCALE' order by d.id`, db)
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        const [code, seq] = l.split("|");
        return { code, seq: Number(seq) + 1_000_000 + (Date.now() % 1_000_000) * 10 };
      });
    const materials = psql(`select code from recycling.materials where active and unit = 'KG' order by id`, db).split("\n");
    const cards = psql(`select card_no from recycling.cards where status = 'ACTIVE' order by id`, db).split("\n");
    devices.forEach((d) => (d.cards = []));
    cards.forEach((c, i) => devices[i % devices.length].cards.push(c));
    const workers = opts.weighingWorkers ?? 4;
    const batchSize = opts.weighingBatch ?? 500;
    log(`  ${devices.length} devices, ${materials.length} materials, ${cards.length} cards`);
    const before = totals(db);
    const sent = [];
    let accepted = 0;
    let duplicates = 0;
    let rejected = 0;
    let points = 0;
    let errors = 0;
    const lat = [];
    const t0 = performance.now();
    const deadline = t0 + opts.weighingSeconds * 1000;
    // What the server's backends of this database are doing, sampled every 250 ms: the share waiting
    // for a row lock held by another transaction (Lock/transactionid, Lock/tuple) names serialisation.
    const waits = { samples: 0, lock: 0, byEvent: {} };
    const sampler = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const sampling = (async () => {
      while (performance.now() < deadline) {
        const rs = await sampler`select coalesce(wait_event_type || '/' || wait_event, 'CPU') as w from pg_stat_activity
                                 where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`;
        for (const r of rs) {
          waits.samples++;
          if (r.w.startsWith("Lock/")) waits.lock++;
          waits.byEvent[r.w] = (waits.byEvent[r.w] ?? 0) + 1;
        }
        await new Promise((res) => setTimeout(res, 250));
      }
    })();
    await Promise.all(
      Array.from({ length: workers }, async (_, wi) => {
        const mine = devices.filter((_, j) => j % workers === wi);
        const rnd = rng(1000 + wi);
        while (performance.now() < deadline && mine.length) {
          const now = Date.now();
          const records = Array.from({ length: batchSize }, () => {
            const d = mine[Math.floor(rnd() * mine.length)];
            return { device: d.code, seq: d.seq++, at: new Date(now - Math.floor(rnd() * 6 * 3600_000)).toISOString(), material: materials[Math.floor(rnd() * materials.length)], weightGrams: 200 + Math.floor(rnd() * 8000), ...(rnd() < 0.7 && d.cards.length ? { card: d.cards[Math.floor(rnd() * d.cards.length)] } : {}) };
          });
          const body = JSON.stringify({ records });
          const t = performance.now();
          const res = await fetch(`${api.url}/ingest/weighings`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key, "idempotency-key": randomUUID() }, body });
          const j = await res.json();
          lat.push(performance.now() - t);
          if (opts.verbose) log(`  batch ${res.status} ${Math.round(performance.now() - t)} ms`);
          if (!res.ok) {
            errors++;
            if (errors < 3) log(`  weighings ${res.status}: ${JSON.stringify(j).slice(0, 300)}`);
            continue;
          }
          accepted += j.accepted;
          duplicates += j.duplicates;
          rejected += j.rejected.length;
          points += j.pointsEarned;
          if (j.rejected.length && rejected < 5) log(`  rejected: ${JSON.stringify(j.rejected.slice(0, 2))}`);
          if (sent.length < 5) sent.push(body);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    await sampling;
    await sampler.end({ timeout: 1 });
    waits.lockShare = waits.samples ? waits.lock / waits.samples : null;
    const after = totals(db);
    // resend stored batches with new idempotency keys: must store and earn nothing
    let resendAccepted = 0;
    let resendPoints = 0;
    let resendDuplicates = 0;
    for (const body of sent) {
      const j = await (await fetch(`${api.url}/ingest/weighings`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key, "idempotency-key": randomUUID() }, body })).json();
      resendAccepted += j.accepted;
      resendPoints += j.pointsEarned;
      resendDuplicates += j.duplicates;
    }
    const afterResend = totals(db);
    const exactlyOnce = {
      storedRowsMatch: after.weighings - before.weighings === accepted,
      ledgerPointsMatch: after.earned - before.earned === points,
      resendStoredNothing: resendAccepted === 0 && resendPoints === 0 && resendDuplicates === sent.length * batchSize && afterResend.weighings === after.weighings && afterResend.earned === after.earned,
    };
    exactlyOnce.ok = Object.values(exactlyOnce).every(Boolean);
    lat.sort((a, b) => a - b);
    const copy = await copyRun({ databaseUrl, count: Math.max(accepted, 10_000) });
    return { workers, batchSize, devices: devices.length, accepted, duplicates, rejected, errors, points, seconds, perSecond: accepted / seconds, batchP50: lat[Math.floor(lat.length / 2)], exactlyOnce, resend: { batches: sent.length, resendAccepted, resendPoints, resendDuplicates }, waits, copy, ratio: accepted / seconds / copy.perSecond, load: loadAvg() };
  } finally {
    await api.stop();
  }
}

/** Raw COPY of `count` weighing rows into bench.weighings_copy (like recycling.weighings, its indexes included). */
async function copyRun({ databaseUrl, count }) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`create schema if not exists bench; drop table if exists bench.weighings_copy; create table bench.weighings_copy (like recycling.weighings including all)`);
    const [ref] = await sql`select device_id, station_id, district_id, enterprise_id, material_id from recycling.weighings where device_id is not null limit 1`;
    const rnd = rng(7);
    let made = 0;
    async function* lines() {
      while (made < count) {
        let chunk = "";
        for (let i = 0; i < 1000 && made < count; i++, made++) {
          const at = new Date(Date.now() - Math.floor(rnd() * 6 * 3600_000));
          chunk += `DEVICE\t${ref.device_id}\t${10_000_000 + made}\t${at.toISOString()}\t${at.toISOString().slice(0, 10)}\t${ref.material_id}\t${200 + Math.floor(rnd() * 8000)}\t${ref.station_id}\t${ref.district_id}\t${ref.enterprise_id}\t1.20\t3.00\t${Math.floor(rnd() * 20)}\n`;
        }
        yield chunk;
      }
    }
    const t0 = performance.now();
    const w = await sql`copy bench.weighings_copy (source, device_id, device_seq, at, day, material_id, weight_grams, station_id, district_id, enterprise_id, unit_price_yuan, amount_yuan, points) from stdin`.writable();
    await pipeline(Readable.from(lines()), w);
    const seconds = (performance.now() - t0) / 1000;
    await sql`drop table bench.weighings_copy`;
    return { rows: made, seconds, perSecond: made / seconds };
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** The rows each run rewrites (cards, lots, rollups): vacuumed first, as autovacuum would (it is off on this server). */
async function vacuumHotTables(databaseUrl) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe("vacuum analyze recycling.cards, recycling.lots, recycling.card_days, recycling.devices, recycling.roll_points_day, recycling.roll_active_cards");
  } finally {
    await sql.end();
  }
}

export async function run({ databaseUrl, opts, log }) {
  const runs = [];
  for (let i = 0; i < Math.max(1, Math.min(opts.runs, 2)); i++) {
    await vacuumHotTables(databaseUrl);
    const m = await measureWeighings({ databaseUrl, opts, log });
    runs.push(m);
    log(`  weighings run ${i + 1}: ${Math.round(m.perSecond)} records/s (${m.accepted} accepted, ${m.rejected} rejected, ${m.errors} failed batches, batch p50 ${Math.round(m.batchP50)} ms, ${m.points} points, row-lock waits ${Math.round((m.waits.lockShare ?? 0) * 100)} % of ${m.waits.samples} active-backend samples) | COPY ${Math.round(m.copy.perSecond)}/s | exactly once ${JSON.stringify(m.exactlyOnce)} (load ${m.load.toFixed(1)})`);
  }
  const perSecond = median(runs.map((r) => r.perSecond));
  const ratio = median(runs.map((r) => r.ratio));
  const once = runs.every((r) => r.exactlyOnce.ok);
  const load = median(runs.map((r) => r.load));
  return {
    runs,
    perSecond,
    ratio,
    summary: [
      { scenario: "4 weighing ingestion", measure: `POST /ingest/weighings with points ledger, ${runs[0].workers} clients × ${runs[0].batchSize}`, value: `${Math.round(perSecond).toLocaleString("en")} records/s (COPY ${Math.round(median(runs.map((r) => r.copy.perSecond))).toLocaleString("en")}/s)`, ratio: round(ratio), target: "≥ 5,000/s", ok: perSecond >= 5000, load: round(load, 1) },
      { scenario: "4 weighing ingestion", measure: "exactly once (rows and ledger points = answers; resends store and earn nothing)", value: once ? "kept" : `BROKEN ${JSON.stringify(runs.map((r) => r.exactlyOnce))}`, ratio: null, target: "kept", ok: once, load: round(load, 1) },
    ],
  };
}
