/**
 * Demo data of the recycling stream at the bulletin's scale (see seed-data.ts for the figures).
 *
 * A year (the 365 days up to the moment of seeding) is simulated per station, in time order, with
 * the real rules: device sequence numbers, prices in force on each day, points per material,
 * lots per card and day spent oldest-first by redemptions, expiry after `points.expiry_days`.
 * Raw rows go in by COPY in large chunks; the rollups are then built set-based from them, exactly
 * as ingestion would have kept them. Finally a few live calls (price publication, a device batch,
 * the scheduled checks) raise the demo's alerts through the real code paths.
 *
 * Scales: registers (stations, cards, merchants) with ctx.registers, events with ctx.count.
 */
import { sql } from "drizzle-orm";
import type { App } from "../../graphql/context.js";
import { withWriter } from "../../graphql/mutation.js";
import { createApiKey, systemPrincipal } from "../core/auth.js";
import { rows } from "../core/db.js";
import type { SeedContext } from "../core/seed.js";
import { ingestWeighings } from "./ingest.js";
import { defaultParams } from "./params.js";
import { pointsFor } from "./points.js";
import { publishPrices } from "./prices.js";
import { checkSilentDevices, checkStationVolumes } from "./rules.js";
import {
  BULK_MIX,
  BULLETIN,
  COOP_MIX,
  DISTRICTS,
  ENTERPRISES,
  GIVEN,
  GOODS_PHARMACY,
  GOODS_SUPERMARKET,
  HOUSEHOLD_MIX,
  HUGE_ENTERPRISE,
  HUGE_STATIONS,
  PHARMACIES,
  PLACES,
  PRICE_BASE,
  RECYCLERS,
  STATION_PLAN,
  SUPERMARKETS,
  SURNAMES,
  WEIGHBRIDGE_MIX,
  type MaterialMix,
} from "./seed-data.js";
import { addDays, dayOf, daysBetween, monthStart, startOfDay } from "./time.js";

const DAY_MS = 86_400_000;

// ——— COPY in chunks ———

function esc(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "boolean") return v ? "t" : "f";
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : s;
}

/** Buffers rows for one table and writes them with COPY when the buffer is full. */
class Copier {
  private lines: string[] = [];
  count = 0;
  constructor(
    private readonly app: App,
    private readonly table: string,
    private readonly columns: string[],
    private readonly chunk = 50_000,
  ) {}
  async add(values: unknown[]): Promise<void> {
    this.lines.push(values.map(esc).join("\t"));
    this.count++;
    if (this.lines.length >= this.chunk) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const text = this.lines.join("\n") + "\n";
    this.lines = [];
    const cols = this.columns.map((c) => `"${c}"`).join(", ");
    const db = this.app.database;
    if (db.kind === "pglite") {
      await db.pglite!.query(`copy ${this.table} (${cols}) from '/dev/blob'`, [], { blob: new Blob([text]) });
    } else {
      const w = await db.pg!.unsafe(`copy ${this.table} (${cols}) from stdin`).writable();
      await new Promise<void>((resolve, reject) => {
        w.on("error", reject);
        w.on("finish", () => resolve());
        w.end(text);
      });
    }
  }
}

// ——— randomness ———

function makeRand(r: () => number) {
  const normal = () => {
    let u = 0;
    while (u === 0) u = r();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  };
  return {
    r,
    int: (a: number, b: number) => a + Math.floor(r() * (b - a + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!,
    normal,
    lognormal: (median: number, sigma: number) => median * Math.exp(sigma * normal()),
    poisson: (lambda: number) => {
      if (lambda <= 0) return 0;
      if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
      const L = Math.exp(-lambda);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= r();
      } while (p > L);
      return k - 1;
    },
  };
}
type Rand = ReturnType<typeof makeRand>;

function pickMix(rnd: Rand, mix: MaterialMix[]): MaterialMix {
  let x = rnd.r() * mix.reduce((s, m) => s + m.p, 0);
  for (const m of mix) {
    x -= m.p;
    if (x <= 0) return m;
  }
  return mix[mix.length - 1]!;
}

// ——— the generator ———

interface Station {
  id: number;
  code: string;
  name: string;
  kind: "SERVICE_STATION" | "SORTING_CENTRE" | "SMART_BIN";
  enterpriseId: number;
  enterpriseCode: string;
  districtId: number;
  district: string;
  rural: boolean;
  coop: boolean;
  huge: boolean;
  households: number;
  deviceId: number;
  deviceKind: "SMART_SCALE" | "SMART_BIN" | "WEIGHBRIDGE";
  /** Day index from which the device stops reporting (planted silent devices), or null. */
  silentFrom: number | null;
  cards: number[];
}

interface CardState {
  balance: number;
  earned: number;
  redeemed: number;
  expired: number;
  /** Every lot of the card in day order; `head` is the oldest with a remainder. */
  lots: { day: number; earned: number; remaining: number }[];
  head: number;
  threshold: number;
  lastActivity: number;
}

export async function seedRecycling(ctx: SeedContext): Promise<void> {
  const app = ctx.app;
  const rnd = makeRand(ctx.random);
  const params = defaultParams();
  const expiryDays = params["points.expiry_days"];
  const perYuan = params["points.per_yuan"];
  const now = new Date();
  const today = dayOf(now);
  const D0 = addDays(today, -365);
  const nDays = 366; // D0 … today (today up to now)
  const dayStr: string[] = Array.from({ length: nDays + expiryDays + 1 }, (_, i) => addDays(D0, i));
  const dayStart: number[] = dayStr.map((d) => startOfDay(d).getTime());
  const nowMs = now.getTime();
  const f = ctx.count(1_000_000) / 1_000_000; // event scale factor
  const t0 = Date.now();
  const log = (m: string) => ctx.log(`recycling: ${m} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // ——— materials (from the migration) ———
  const mats = await rows<{ id: number; code: string; unit: "KG" | "PIECE"; points_per_unit: number }>(app.db, sql`select id, code, unit, points_per_unit from recycling.materials order by id`);
  const matByCode = new Map(mats.map((m) => [m.code, m]));

  // ——— enterprises ———
  const entRows = ENTERPRISES.map((e, i) => ({ ...e, id: i + 1, districtId: DISTRICTS.find((d) => d.code === e.district)!.id }));
  const entByCode = new Map(entRows.map((e) => [e.code, e]));
  const ent = new Copier(app, "recycling.enterprises", ["id", "code", "name", "credit_code", "district_id", "coop", "contact", "phone", "address"]);
  for (const e of entRows) {
    const credit = `91330600${String(100000000 + e.id * 7919).slice(0, 9)}${"ABCDEFGHJK"[e.id % 10]}`;
    await ent.add([e.id, e.code, e.name, credit, e.districtId, !!e.coop, e.contact, `0575-8${String(1000000 + e.id * 3571).slice(1, 8)}`, `绍兴市${DISTRICTS.find((d) => d.id === e.districtId)!.short}${rnd.pick(PLACES[e.district]!)}工业区${rnd.int(1, 99)}号`]);
  }
  await ent.flush();

  // ——— stations and devices ———
  const stationsList: Station[] = [];
  let sid = 0;
  for (const plan of STATION_PLAN) {
    const geo = DISTRICTS.find((d) => d.code === plan.district)!;
    const min = plan.kind === "SERVICE_STATION" || plan.kind === "SORTING_CENTRE" ? 1 : 0;
    const n = ctx.registers(plan.count, min);
    for (let i = 0; i < n; i++) {
      sid++;
      let entCode = plan.enterprises[i % plan.enterprises.length]!;
      if (plan.district === "xinchang" && plan.kind === "SERVICE_STATION") entCode = i < Math.max(1, ctx.registers(HUGE_STATIONS, 1)) ? HUGE_ENTERPRISE : "ZS-XC-02";
      const e = entByCode.get(entCode)!;
      const place = PLACES[plan.district]![i % PLACES[plan.district]!.length]!;
      const rural = plan.kind === "SERVICE_STATION" && rnd.r() < geo.rural;
      const suffix = plan.kind === "SORTING_CENTRE" ? `${place}分拣中心` : plan.kind === "SMART_BIN" ? `${place}智能回收箱${i + 1}号` : rural ? `${place}村回收点${i + 1}` : `${place}回收服务站${i + 1}`;
      const name = entCode === HUGE_ENTERPRISE && plan.kind === "SERVICE_STATION" ? `虎哥${place}服务站${i + 1}` : `${geo.short}${suffix}`;
      stationsList.push({
        id: sid,
        code: `${plan.kind === "SORTING_CENTRE" ? "FJ" : plan.kind === "SMART_BIN" ? "ZX" : "ZD"}-${geo.code.slice(0, 2).toUpperCase()}-${String(sid).padStart(4, "0")}`,
        name,
        kind: plan.kind,
        enterpriseId: e.id,
        enterpriseCode: e.code,
        districtId: geo.id,
        district: geo.code,
        rural,
        coop: !!e.coop,
        huge: entCode === HUGE_ENTERPRISE && plan.kind === "SERVICE_STATION",
        households: plan.kind === "SERVICE_STATION" ? rnd.int(600, 2400) : plan.kind === "SMART_BIN" ? rnd.int(150, 400) : 0,
        deviceId: sid,
        deviceKind: plan.kind === "SORTING_CENTRE" ? "WEIGHBRIDGE" : plan.kind === "SMART_BIN" ? "SMART_BIN" : "SMART_SCALE",
        silentFrom: null,
        cards: [],
      });
    }
  }
  // Three devices that went quiet four days ago (the silent-device rule).
  const service = stationsList.filter((s) => s.kind === "SERVICE_STATION");
  for (let i = 0; i < Math.min(3, service.length); i++) service[Math.floor((i * service.length) / 3)]!.silentFrom = nDays - 5;

  const st = new Copier(app, "recycling.stations", ["id", "code", "name", "kind", "enterprise_id", "district_id", "rural", "lon", "lat", "address", "households", "capacity_tpd", "opened_on"]);
  for (const s of stationsList) {
    const geo = DISTRICTS.find((d) => d.id === s.districtId)!;
    const spread = s.rural ? 0.14 : 0.06;
    const lon = (geo.lon + (rnd.r() - 0.5) * 2 * spread).toFixed(6);
    const lat = (geo.lat + (rnd.r() - 0.5) * 2 * spread * 0.8).toFixed(6);
    const cap = s.kind === "SORTING_CENTRE" ? rnd.int(350, 600) : s.kind === "SMART_BIN" ? 0.05 : s.coop ? 2.5 : rnd.int(5, 20) / 10;
    const opened = addDays(D0, -rnd.int(30, 800));
    await st.add([s.id, s.code, s.name, s.kind, s.enterpriseId, s.districtId, s.rural, lon, lat, `绍兴市${geo.short}${rnd.pick(PLACES[s.district]!)}${rnd.int(1, 300)}号`, s.households, cap.toFixed(2), opened < "2020-08-01" ? "2020-08-01" : opened]);
  }
  await st.flush();

  const dev = new Copier(app, "recycling.devices", ["id", "code", "kind", "station_id", "district_id", "enterprise_id", "vendor", "installed_at"]);
  const vendors = { SMART_SCALE: "杭州虎哥智能秤", SMART_BIN: "小黄狗智能回收箱", WEIGHBRIDGE: "耀华电子地磅" };
  for (const s of stationsList) await dev.add([s.deviceId, `SB-${s.code}`, s.deviceKind, s.id, s.districtId, s.enterpriseId, vendors[s.deviceKind], new Date(startOfDay(D0).getTime() - 60 * DAY_MS)]);
  await dev.flush();
  log(`${entRows.length} enterprises, ${stationsList.length} stations and devices`);

  // Each device its own API key (scope recycling:ingest, bound to the device), through core's service.
  const seedPrincipal = systemPrincipal("seed");
  await withWriter(app, seedPrincipal, { operation: "seed.recyclingDeviceKeys" }, async (w) => {
    for (const s of stationsList) {
      const { key } = await createApiKey(w, { name: `设备 SB-${s.code} / Device SB-${s.code}`, scopes: ["recycling:ingest"], org: { kind: "recycling.device", id: s.deviceId } });
      await w.tx.execute(sql`update recycling.devices set api_key_id = ${key.id} where id = ${s.deviceId}`);
    }
  });
  log("device keys");

  // ——— prices: the city guide price every day; 虎哥 its own daily price for two materials ———
  const priceFen = new Map<string, number[]>(); // material code → fen per day index (from -30)
  const hugePriceFen = new Map<string, number[]>();
  const pr = new Copier(app, "recycling.prices", ["material_id", "day", "enterprise_id", "price_yuan", "published_by", "published_at"]);
  const PRE = 30;
  for (const m of mats) {
    const b = PRICE_BASE[m.code] ?? { base: 1, vol: 0.01 };
    let p = b.base;
    const series: number[] = [];
    for (let i = -PRE; i < nDays; i++) {
      if (i > -PRE && rnd.r() < 0.4) p = Math.max(0.05, p * (1 + b.vol * rnd.normal()) + 0.05 * (b.base - p));
      // Today copper jumps 38 % (published live below, which raises the price-jump alert).
      const fen = Math.max(1, Math.round(p * 100 * (i === nDays - 1 && m.code === "metal_copper" ? 1.38 : 1)));
      series.push(fen);
      const d = addDays(D0, i);
      await pr.add([m.id, d, null, (fen / 100).toFixed(2), "user:commerce", new Date(startOfDay(d).getTime() + 7 * 3600_000)]);
    }
    priceFen.set(m.code, series);
  }
  const huge = entByCode.get(HUGE_ENTERPRISE)!;
  for (const code of ["paper_cardboard", "plastic_pet"]) {
    const base = priceFen.get(code)!;
    const own = base.map((fen) => Math.round(fen * 1.08));
    hugePriceFen.set(code, own);
    for (let i = -PRE; i < nDays; i++) {
      const d = addDays(D0, i);
      await pr.add([matByCode.get(code)!.id, d, huge.id, (own[i + PRE]! / 100).toFixed(2), `operator:${HUGE_ENTERPRISE}`, new Date(startOfDay(d).getTime() + 7.5 * 3600_000)]);
    }
  }
  await pr.flush();
  // Price in force on a day: that day's publication (the enterprise's own where it has one).
  const fenOn = (code: string, dayIdx: number, enterpriseCode: string) => {
    const i = Math.min(dayIdx, nDays - 1) + PRE;
    const own = enterpriseCode === HUGE_ENTERPRISE ? hugePriceFen.get(code) : undefined;
    return (own ?? priceFen.get(code)!)[i]!;
  };
  log(`prices (${pr.count})`);

  // ——— merchants ———
  interface Merchant {
    id: number;
    districtId: number;
    kind: "SUPERMARKET" | "PHARMACY";
  }
  const merchantsList: Merchant[] = [];
  const mer = new Copier(app, "recycling.merchants", ["id", "code", "name", "kind", "district_id", "address", "lon", "lat", "contact"]);
  let mid = 0;
  for (const geo of DISTRICTS) {
    const n = ctx.registers(Math.round(620 * geo.share), 2);
    for (let i = 0; i < n; i++) {
      mid++;
      const kind = i % 4 === 3 ? "PHARMACY" : "SUPERMARKET";
      const place = PLACES[geo.code]![i % PLACES[geo.code]!.length]!;
      const brand = kind === "PHARMACY" ? PHARMACIES[i % PHARMACIES.length]! : SUPERMARKETS[i % SUPERMARKETS.length]!;
      const name = `${brand}（${geo.short}${place}${Math.floor(i / PLACES[geo.code]!.length) + 1}店）`;
      merchantsList.push({ id: mid, districtId: geo.id, kind });
      await mer.add([mid, `SH-${geo.code.slice(0, 2).toUpperCase()}-${String(mid).padStart(4, "0")}`, name, kind, geo.id, `绍兴市${geo.short}${place}${rnd.int(1, 500)}号`, (geo.lon + (rnd.r() - 0.5) * 0.12).toFixed(6), (geo.lat + (rnd.r() - 0.5) * 0.1).toFixed(6), `${rnd.pick(SURNAMES)}店长`]);
    }
  }
  await mer.flush();
  const merchantsByDistrict = new Map<number, Merchant[]>();
  for (const m of merchantsList) merchantsByDistrict.set(m.districtId, [...(merchantsByDistrict.get(m.districtId) ?? []), m]);
  log(`${merchantsList.length} merchants`);

  // ——— cards ———
  const nCards = ctx.registers(BULLETIN.cards, 50);
  const cardDistrict = new Int32Array(nCards + 1);
  const cardStation = new Int32Array(nCards + 1);
  const cardIssuedDay = new Int32Array(nCards + 1); // day index (may be negative: before D0)
  const cardRate = new Float64Array(nCards + 1);
  const households = stationsList.filter((s) => s.kind !== "SORTING_CENTRE");
  const byDistrict = new Map<number, Station[]>();
  for (const s of households) byDistrict.set(s.districtId, [...(byDistrict.get(s.districtId) ?? []), s]);
  const districtWeights = DISTRICTS.map((d) => d.share);
  const platformStart = daysBetween(D0, "2020-08-01");
  let cid = 0;
  for (let di = 0; di < DISTRICTS.length; di++) {
    const geo = DISTRICTS[di]!;
    const n = di === DISTRICTS.length - 1 ? nCards - cid : Math.round(nCards * districtWeights[di]!);
    const sts = byDistrict.get(geo.id) ?? [];
    const totalHh = sts.reduce((s, x) => s + x.households, 0);
    for (let i = 0; i < n; i++) {
      cid++;
      cardDistrict[cid] = geo.id;
      // home station weighted by households served
      let x = rnd.r() * totalHh;
      let home = sts[0]!;
      for (const s of sts) {
        x -= s.households;
        if (x <= 0) {
          home = s;
          break;
        }
      }
      cardStation[cid] = home.id;
      home.cards.push(cid);
      cardIssuedDay[cid] = rnd.r() < 0.82 ? rnd.int(Math.max(platformStart, -800), -1) : rnd.int(0, nDays - 2);
      // 30 % never recycle in the year; the others at rates spread over an exponential.
      cardRate[cid] = rnd.r() < 0.3 ? 0 : -Math.log(1 - rnd.r() * 0.999);
    }
  }
  // Household events target: tuned so the points earned reach the bulletin's 1.13 billion at city scale.
  const householdTarget = ctx.count(2_450_000);
  let rateSum = 0;
  for (let c = 1; c <= nCards; c++) rateSum += cardRate[c]! * (nDays - Math.max(0, cardIssuedDay[c]!)) / nDays;
  const rateScale = rateSum > 0 ? householdTarget / rateSum : 0;

  // ——— simulation, station by station ———
  const W_COLS = ["id", "source", "device_id", "device_seq", "pickup_id", "at", "day", "received_at", "material_id", "weight_grams", "pieces", "card_id", "station_id", "district_id", "enterprise_id", "unit_price_yuan", "amount_yuan", "points"];
  const wc = new Copier(app, "recycling.weighings", W_COLS);
  const lc = new Copier(app, "recycling.ledger", ["id", "card_id", "kind", "points", "balance_after", "at", "weighing_id", "redemption_id", "lot_on", "actor", "created_at"]);
  const rc = new Copier(app, "recycling.redemptions", ["id", "card_id", "merchant_id", "district_id", "points", "yuan_value", "goods", "client_ref", "at", "actor", "created_at"]);
  const lotc = new Copier(app, "recycling.lots", ["card_id", "earned_on", "expires_on", "earned", "remaining"]);
  const cardc = new Copier(app, "recycling.cards", ["id", "card_no", "household_code", "holder_name", "address", "district_id", "station_id", "status", "balance", "earned_total", "redeemed_total", "expired_total", "issued_at", "last_activity_at"]);
  const pc = new Copier(app, "recycling.pickups", ["id", "number", "card_id", "district_id", "address", "contact_name", "phone", "status", "requested_at", "station_id", "enterprise_id", "collector", "material_id", "truck_plate", "sorting_centre_id", "recycler", "collected_grams", "current_grams", "created_at", "updated_at"]);
  const hc = new Copier(app, "recycling.handovers", ["pickup_id", "action", "from_status", "to_status", "at", "weight_grams", "loss_grams", "from_party", "to_party", "note", "actor"]);
  const devState = new Map<number, { lastSeen: number; lastRecord: number; lastSeq: number; n: number }>();
  const pointsDay = new Map<string, { e: number; r: number; y: number; n: number; x: number }>(); // `${district}|${dayIdx}`
  const merchantMonth = new Map<string, { n: number; p: number; fen: number; district: number }>();
  let wid = 0;
  let lid = 0;
  let rid = 0;
  let pid = 0;
  const totals = { earned: 0, redeemedPts: 0, redeemedFen: 0, expired: 0, grams: 0, coopGrams: 0, records: 0 };
  const sortingByDistrict = new Map<number, Station>();
  for (const s of stationsList) if (s.kind === "SORTING_CENTRE" && !sortingByDistrict.has(s.districtId)) sortingByDistrict.set(s.districtId, s);

  const bump = (district: number, day: number, k: "e" | "r" | "y" | "n" | "x", v: number) => {
    const key = `${district}|${day}`;
    const e = pointsDay.get(key) ?? { e: 0, r: 0, y: 0, n: 0, x: 0 };
    e[k] += v;
    pointsDay.set(key, e);
  };

  // Weights: service-station bulk and weighbridge loads, sized to reach the traced tonnage.
  const nService = stationsList.filter((s) => s.kind === "SERVICE_STATION" && !s.coop).length;
  const nCoop = stationsList.filter((s) => s.coop).length;
  const nCentres = stationsList.filter((s) => s.kind === "SORTING_CENTRE").length;
  const mean = (mix: MaterialMix[]) => mix.reduce((s, m) => s + m.p * m.medianKg * Math.exp((m.sigma * m.sigma) / 2), 0) / mix.reduce((s, m) => s + m.p, 0);
  const bulkTonnes = 45_000 * f;
  const coopTonnes = BULLETIN.coopTonnes * f * 0.985; // the rest comes from households at coop stations
  const householdTonnes = householdTarget * 6.3 / 1000;
  const bridgeTonnes = Math.max(0, BULLETIN.tracedTonnes * f - bulkTonnes - coopTonnes - householdTonnes);
  const bulkPerStationDay = nService ? (bulkTonnes * 1000) / mean(BULK_MIX) / nService / 365 : 0;
  const coopPerStationDay = nCoop ? (coopTonnes * 1000) / mean(COOP_MIX) / nCoop / 365 : 0;
  const bridgePerCentreDay = nCentres ? (bridgeTonnes * 1000) / mean(WEIGHBRIDGE_MIX) / nCentres / 365 : 0;

  const cardState = new Map<number, CardState>();
  const stateOf = (c: number): CardState => {
    let s = cardState.get(c);
    if (!s) {
      s = { balance: 0, earned: 0, redeemed: 0, expired: 0, lots: [], head: 0, threshold: 500 * rnd.int(1, 6), lastActivity: -1 };
      cardState.set(c, s);
    }
    return s;
  };
  const expireDue = async (c: number, s: CardState, uptoDay: number) => {
    while (s.head < s.lots.length && s.lots[s.head]!.day + expiryDays <= uptoDay) {
      const lot = s.lots[s.head++]!;
      if (lot.remaining <= 0) continue;
      s.balance -= lot.remaining;
      s.expired += lot.remaining;
      totals.expired += lot.remaining;
      const expDay = lot.day + expiryDays;
      const at = new Date(startOfDay(addDays(D0, expDay)).getTime());
      await lc.add([++lid, c, "EXPIRE", -lot.remaining, s.balance, at, null, null, addDays(D0, lot.day), "system:recycling-jobs", at]);
      bump(cardDistrict[c]!, expDay, "x", lot.remaining);
      lot.remaining = 0;
    }
  };

  const weighed = (m: MaterialMix, capKg: number) => {
    const mat = matByCode.get(m.code)!;
    if (mat.unit === "PIECE") {
      const pieces = m.code === "ewaste_phone" ? rnd.int(1, 3) : 1;
      return { mat, grams: Math.max(50, Math.round(rnd.lognormal(m.medianKg, m.sigma) * 1000 * pieces)), pieces };
    }
    const kg = Math.min(capKg, Math.max(0.1, rnd.lognormal(m.medianKg, m.sigma)));
    return { mat, grams: Math.round(kg * 1000), pieces: null as number | null };
  };
  const amountFen = (priceFenV: number, grams: number, pieces: number | null) => {
    if (pieces != null) return priceFenV * pieces;
    const x = priceFenV * grams;
    return Math.floor(x / 1000) + (x % 1000 >= 500 ? 1 : 0);
  };
  const fen2 = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

  for (const s of stationsList) {
    // Events of the year at this station: [time, kind, card]
    const evT: number[] = [];
    const evK: number[] = []; // 0 household, 1 bulk, 2 weighbridge
    const evC: number[] = [];
    const lastDay = s.silentFrom ?? nDays;
    const push = (dayIdx: number, fromH: number, toH: number, kind: number, card: number) => {
      const t = dayStart[dayIdx]! + Math.floor((fromH + rnd.r() * (toH - fromH)) * 3600_000);
      if (t >= nowMs || dayIdx >= lastDay) return;
      evT.push(t);
      evK.push(kind);
      evC.push(card);
    };
    for (const c of s.cards) {
      const start = Math.max(0, cardIssuedDay[c]!);
      const n = rnd.poisson(cardRate[c]! * rateScale * ((nDays - start) / nDays));
      for (let k = 0; k < n; k++) push(start + Math.floor(rnd.r() * (nDays - start)), 8, 20, 0, c);
    }
    if (s.kind === "SERVICE_STATION") {
      const rate = s.coop ? coopPerStationDay : bulkPerStationDay;
      for (let d = 0; d < nDays; d++) for (let k = rnd.poisson(rate * (d % 7 === 0 ? 0.7 : 1)); k > 0; k--) push(d, 7, 18, 1, 0);
    }
    if (s.kind === "SORTING_CENTRE") {
      for (let d = 0; d < nDays; d++) for (let k = rnd.poisson(bridgePerCentreDay); k > 0; k--) push(d, 6, 22, 2, 0);
    }
    const order = evT.map((_, i) => i).sort((a, b) => evT[a]! - evT[b]!);
    let seq = 0;
    const ds = { lastSeen: 0, lastRecord: 0, lastSeq: 0, n: 0 };
    const capKg = s.deviceKind === "SMART_BIN" ? 45 : 480;
    for (const i of order) {
      const t = evT[i]!;
      const kind = evK[i]!;
      const c = evC[i]!;
      const dayIdx = Math.floor((t - dayStart[0]!) / DAY_MS);
      const day = dayStr[dayIdx]!;
      const m = kind === 0 ? pickMix(rnd, HOUSEHOLD_MIX) : kind === 1 ? pickMix(rnd, s.coop ? COOP_MIX : BULK_MIX) : pickMix(rnd, WEIGHBRIDGE_MIX);
      const { mat, grams, pieces } = weighed(m, kind === 2 ? 40_000 : kind === 1 ? 480 : capKg);
      const pf = fenOn(mat.code, dayIdx, s.enterpriseCode);
      const amount = amountFen(pf, grams, pieces);
      const hasCard = kind === 0 && c > 0;
      const pts = pointsFor({ unit: mat.unit, pointsPerUnit: mat.points_per_unit }, grams, pieces, hasCard);
      const isPickup = kind === 0 && s.huge && mat.unit === "KG" && rnd.r() < 0.15;
      const at = new Date(t);
      const wId = ++wid;
      let pickupId: number | null = null;
      if (isPickup) {
        pickupId = ++pid;
        await writePickup(pickupId, c, s, at, mat.id, grams);
      } else {
        seq++;
        ds.lastSeq = seq;
        ds.n++;
        ds.lastRecord = t;
      }
      const received = isPickup ? at : new Date(t + (rnd.r() < 0.02 ? rnd.int(3600, 2 * 86_400) : rnd.int(1, 90)) * 1000);
      if (!isPickup) ds.lastSeen = Math.max(ds.lastSeen, received.getTime());
      await wc.add([wId, isPickup ? "PICKUP" : "DEVICE", isPickup ? null : s.deviceId, isPickup ? null : seq, pickupId, at, day, received, mat.id, grams, pieces, hasCard ? c : null, s.id, s.districtId, s.enterpriseId, fen2(pf), fen2(amount), pts]);
      totals.grams += grams;
      totals.records++;
      if (s.coop) totals.coopGrams += grams;
      if (hasCard) {
        const cs = stateOf(c);
        await expireDue(c, cs, dayIdx);
        if (pts > 0) {
          cs.balance += pts;
          cs.earned += pts;
          totals.earned += pts;
          const last = cs.lots[cs.lots.length - 1];
          if (last && last.day === dayIdx) {
            last.earned += pts;
            last.remaining += pts;
          } else cs.lots.push({ day: dayIdx, earned: pts, remaining: pts });
          await lc.add([++lid, c, "EARN", pts, cs.balance, at, wId, null, null, isPickup ? "operator:huge" : `key:device-${s.deviceId}`, at]);
          bump(cardDistrict[c]!, dayIdx, "e", pts);
        }
        cs.lastActivity = Math.max(cs.lastActivity, t);
        // Residents redeem once their balance is worth it.
        if (cs.balance >= cs.threshold && rnd.r() < 0.55) {
          const rt = t + rnd.int(20, 600) * 60_000;
          const rDay = Math.floor((rt - dayStart[0]!) / DAY_MS);
          const ms = merchantsByDistrict.get(cardDistrict[c]!) ?? merchantsList;
          if (rt < nowMs && ms.length) {
            const points = Math.max(500, Math.floor((cs.balance * (0.6 + 0.4 * rnd.r())) / 500) * 500);
            if (points <= cs.balance) {
              let left = points;
              for (let h = cs.head; h < cs.lots.length && left > 0; h++) {
                const lot = cs.lots[h]!;
                const take = Math.min(lot.remaining, left);
                lot.remaining -= take;
                left -= take;
              }
              while (cs.head < cs.lots.length && cs.lots[cs.head]!.remaining === 0) cs.head++;
              cs.balance -= points;
              cs.redeemed += points;
              cs.lastActivity = Math.max(cs.lastActivity, rt);
              const fen = Math.round((points * 100) / perYuan);
              totals.redeemedPts += points;
              totals.redeemedFen += fen;
              const mch = ms[Math.floor(rnd.r() * ms.length)]!;
              const rAt = new Date(rt);
              const goods = mch.kind === "PHARMACY" ? rnd.pick(GOODS_PHARMACY) : rnd.pick(GOODS_SUPERMARKET);
              const rId = ++rid;
              await rc.add([rId, c, mch.id, mch.districtId, points, fen2(fen), goods, `T${mch.id}-${rId}`, rAt, `key:terminal-${mch.id}`, rAt]);
              await lc.add([++lid, c, "REDEEM", -points, cs.balance, rAt, null, rId, null, `key:terminal-${mch.id}`, rAt]);
              bump(cardDistrict[c]!, rDay, "r", points);
              bump(cardDistrict[c]!, rDay, "y", fen);
              bump(cardDistrict[c]!, rDay, "n", 1);
              const mk = `${mch.id}|${monthStart(dayStr[rDay]!)}`;
              const mm = merchantMonth.get(mk) ?? { n: 0, p: 0, fen: 0, district: mch.districtId };
              mm.n++;
              mm.p += points;
              mm.fen += fen;
              merchantMonth.set(mk, mm);
            }
          }
        }
      }
    }
    devState.set(s.deviceId, ds);
    // Close the year for this station's cards: expire what is due today, write lots and cards.
    for (const c of s.cards) {
      const cs = cardState.get(c);
      if (cs) await expireDue(c, cs, nDays - 1);
      await writeCard(c, cs);
    }
    cardState.clear();
  }

  async function writeCard(c: number, cs: CardState | undefined): Promise<void> {
    const geo = DISTRICTS.find((d) => d.id === cardDistrict[c])!;
    const place = PLACES[geo.code]![c % PLACES[geo.code]!.length]!;
    const name = `${SURNAMES[c % SURNAMES.length]}${GIVEN[(c * 7) % GIVEN.length]}${c % 3 === 0 ? GIVEN[(c * 13) % GIVEN.length] : ""}`;
    const issued = new Date(dayStart[0]! + cardIssuedDay[c]! * DAY_MS + (9 + (c % 8)) * 3600_000);
    await cardc.add([
      c,
      `SX${String(geo.id).slice(4)}${String(c).padStart(8, "0")}`,
      `HH${geo.id}${String(c).padStart(8, "0")}`,
      name,
      `绍兴市${geo.short}${place}${(c % 40) + 1}幢${(c % 6) + 1}单元${(c % 30) + 101}室`,
      geo.id,
      cardStation[c],
      "ACTIVE",
      cs?.balance ?? 0,
      cs?.earned ?? 0,
      cs?.redeemed ?? 0,
      cs?.expired ?? 0,
      issued,
      cs && cs.lastActivity >= 0 ? new Date(cs.lastActivity) : null,
    ]);
    if (cs) for (const lot of cs.lots) await lotc.add([c, dayStr[lot.day], addDays(D0, lot.day + expiryDays), lot.earned, lot.remaining]);
  }

  async function writePickup(id: number, card: number, s: Station, at: Date, materialId: number, grams: number): Promise<void> {
    const requested = new Date(at.getTime() - rnd.int(30, 300) * 60_000);
    const collector = `${rnd.pick(SURNAMES)}师傅`;
    const sc = sortingByDistrict.get(s.districtId);
    const steps: { action: string; from: string; to: string; at: Date; grams: number | null; loss: number | null; fromP: string; toP: string }[] = [];
    steps.push({ action: "request", from: "", to: "REQUESTED", at: requested, grams: null, loss: null, fromP: "居民 / Household", toP: "" });
    steps.push({ action: "assign", from: "REQUESTED", to: "ASSIGNED", at: new Date(requested.getTime() + rnd.int(2, 20) * 60_000), grams: null, loss: null, fromP: "平台 / Platform", toP: `${s.name} · ${collector}` });
    steps.push({ action: "collect", from: "ASSIGNED", to: "COLLECTED", at, grams, loss: null, fromP: "居民 / Household", toP: collector });
    let g = grams;
    const plate = `浙D${String.fromCharCode(65 + (s.id % 20))}${String(1000 + (s.id * 37) % 9000)}`;
    const recycler = rnd.pick(RECYCLERS);
    const chain: [string, string, string, number, number, string, string][] = [
      ["toStation", "COLLECTED", "AT_STATION", rnd.int(1, 4) * 3600_000, 0.01, collector, s.name],
      ["loadTruck", "AT_STATION", "ON_TRUCK", rnd.int(12, 48) * 3600_000, 0.01, s.name, plate],
      ["toSortingCentre", "ON_TRUCK", "AT_SORTING_CENTRE", rnd.int(2, 6) * 3600_000, 0.02, plate, sc?.name ?? ""],
      ["sell", "AT_SORTING_CENTRE", "SOLD", rnd.int(24, 120) * 3600_000, 0.04, sc?.name ?? "", recycler],
    ];
    let t = at.getTime();
    let status = "COLLECTED";
    for (const [action, from, to, dt, maxLoss, fromP, toP] of chain) {
      t += dt;
      if (t >= nowMs || (to === "AT_SORTING_CENTRE" && !sc)) break;
      const ng = Math.max(1, Math.round(g * (1 - rnd.r() * maxLoss)));
      steps.push({ action, from, to, at: new Date(t), grams: ng, loss: g - ng, fromP, toP });
      g = ng;
      status = to;
    }
    const reached = (x: string) => steps.some((st2) => st2.to === x);
    const last = steps[steps.length - 1]!;
    await pc.add([
      id,
      `HS${dayOf(requested).replace(/-/g, "")}${String(id).padStart(6, "0")}`,
      card,
      s.districtId,
      `绍兴市新昌县${rnd.pick(PLACES.xinchang!)}${rnd.int(1, 60)}幢${rnd.int(101, 1802)}室`,
      `${rnd.pick(SURNAMES)}先生`,
      `13${rnd.int(100000000, 999999999)}`,
      status,
      requested,
      s.id,
      s.enterpriseId,
      collector,
      materialId,
      reached("ON_TRUCK") ? plate : null,
      reached("AT_SORTING_CENTRE") ? (sc?.id ?? null) : null,
      reached("SOLD") ? recycler : null,
      grams,
      g,
      requested,
      last.at,
    ]);
    for (const x of steps) await hc.add([id, x.action, x.from, x.to, x.at, x.grams, x.loss, x.fromP, x.toP, "", x.action === "request" ? "operator:huge" : `operator:huge:${collector}`]);
  }

  // Cards at no station (none at present) and cards never touched are written above per station.
  for (const c of [wc, lc, rc, lotc, cardc, pc, hc]) await c.flush();
  log(`${wc.count} weighings, ${lc.count} ledger entries, ${rc.count} redemptions, ${cardc.count} cards, ${pc.count} pickups`);

  // Open pickups of the last hours (requested / assigned) and a cancelled one.
  if (pid > 0) {
    const hugeStations = stationsList.filter((s) => s.huge);
    const open = new Copier(app, "recycling.pickups", ["id", "number", "card_id", "district_id", "address", "contact_name", "phone", "status", "requested_at", "station_id", "enterprise_id", "collector", "created_at", "updated_at"]);
    const openH = new Copier(app, "recycling.handovers", ["pickup_id", "action", "from_status", "to_status", "at", "from_party", "to_party", "note", "actor"]);
    for (let k = 0; k < Math.max(3, Math.round(40 * f * 20)); k++) {
      const s = rnd.pick(hugeStations);
      const id = ++pid;
      const req = new Date(nowMs - rnd.int(5, 240) * 60_000);
      const status = k % 3 === 0 ? "ASSIGNED" : k % 11 === 5 ? "CANCELLED" : "REQUESTED";
      const card = s.cards.length ? s.cards[k % s.cards.length]! : null;
      const collector = status === "ASSIGNED" ? `${rnd.pick(SURNAMES)}师傅` : null;
      await open.add([id, `HS${dayOf(req).replace(/-/g, "")}${String(id).padStart(6, "0")}`, card, s.districtId, `绍兴市新昌县${rnd.pick(PLACES.xinchang!)}${rnd.int(1, 60)}幢${rnd.int(101, 1802)}室`, `${rnd.pick(SURNAMES)}女士`, `13${rnd.int(100000000, 999999999)}`, status, req, status === "REQUESTED" ? null : s.id, s.enterpriseId, collector, req, req]);
      await openH.add([id, "request", "", "REQUESTED", req, "居民 / Household", "", "", "operator:huge"]);
      if (status === "ASSIGNED") await openH.add([id, "assign", "REQUESTED", "ASSIGNED", new Date(req.getTime() + 60_000), "平台 / Platform", `${s.name} · ${collector}`, "", "operator:huge"]);
      if (status === "CANCELLED") await openH.add([id, "cancel", "REQUESTED", "CANCELLED", new Date(req.getTime() + 60_000), "", "", "居民取消 / Cancelled by the household", "operator:huge"]);
    }
    await open.flush();
    await openH.flush();
  }

  // Device state, rollups and sequences, set-based.
  const dv = [...devState.entries()];
  if (dv.length) {
    await app.db.execute(sql`update recycling.devices d set last_seen_at = to_timestamp(u.seen / 1000.0), last_record_at = to_timestamp(u.rec / 1000.0), last_seq = u.seq, records_total = u.n
        from unnest(${sql.param(dv.map(([id]) => id))}::int[], ${sql.param(dv.map(([, s]) => s.lastSeen))}::float8[], ${sql.param(dv.map(([, s]) => s.lastRecord))}::float8[],
                    ${sql.param(dv.map(([, s]) => s.lastSeq))}::bigint[], ${sql.param(dv.map(([, s]) => s.n))}::int[]) as u(id, seen, rec, seq, n)
        where d.id = u.id and u.n > 0`);
  }
  const rp = new Copier(app, "recycling.roll_points_day", ["district_id", "day", "points_earned", "points_redeemed", "redeemed_yuan", "redemptions", "points_expired"]);
  for (const [k, v] of pointsDay) {
    const [d, i] = k.split("|");
    await rp.add([d, addDays(D0, Number(i)), v.e, v.r, fen2(v.y), v.n, v.x]);
  }
  await rp.flush();
  await app.db.execute(sql`insert into recycling.roll_points_day (district_id, day, cards_issued)
      select district_id, (issued_at at time zone 'Asia/Shanghai')::date, count(*) from recycling.cards group by 1, 2
      on conflict (district_id, day) do update set cards_issued = excluded.cards_issued`);
  const mm = new Copier(app, "recycling.roll_merchant_month", ["merchant_id", "month", "district_id", "redemptions", "points", "yuan_value"]);
  for (const [k, v] of merchantMonth) {
    const [m, month] = k.split("|");
    await mm.add([m, month, v.district, v.n, v.p, fen2(v.fen)]);
  }
  await mm.flush();
  await buildRollups(app);
  for (const [table, col] of [
    ["enterprises", "id"],
    ["stations", "id"],
    ["devices", "id"],
    ["merchants", "id"],
    ["cards", "id"],
    ["weighings", "id"],
    ["ledger", "id"],
    ["redemptions", "id"],
    ["pickups", "id"],
  ] as const) {
    await app.db.execute(sql.raw(`select setval(pg_get_serial_sequence('recycling.${table}', '${col}'), greatest(1, (select coalesce(max(${col}), 0) from recycling.${table})))`));
  }
  // Settlements of the finished months: paid, the last one confirmed, the month just ended pending.
  const thisMonth = monthStart(today);
  await app.db.execute(sql`insert into recycling.settlements (merchant_id, district_id, month, redemptions, points, amount_yuan, status, generated_at, generated_by, confirmed_at, confirmed_by, paid_at, payment_ref)
      select merchant_id, district_id, month, redemptions, points, yuan_value,
             case when month >= (${thisMonth}::date - interval '1 month') then 'PENDING' when month >= (${thisMonth}::date - interval '2 month') then 'CONFIRMED' else 'PAID' end,
             month + interval '1 month' + interval '2 day', 'user:commerce',
             case when month < (${thisMonth}::date - interval '1 month') then month + interval '1 month' + interval '5 day' end,
             case when month < (${thisMonth}::date - interval '1 month') then 'user:commerce' end,
             case when month < (${thisMonth}::date - interval '2 month') then month + interval '1 month' + interval '12 day' end,
             case when month < (${thisMonth}::date - interval '2 month') then 'ZF' || to_char(month, 'YYYYMM') || lpad(merchant_id::text, 5, '0') end
      from recycling.roll_merchant_month where month < ${thisMonth}::date`);
  log(
    `rollups; points earned ${totals.earned.toLocaleString("en")}, redeemed ${totals.redeemedPts.toLocaleString("en")} (${(totals.redeemedFen / 100).toLocaleString("en")} yuan), expired ${totals.expired.toLocaleString("en")}, ` +
      `${(totals.grams / 1e6).toFixed(0)} t in ${totals.records} records, coop ${(totals.coopGrams / 1e6).toFixed(0)} t`,
  );

  // ——— live calls through the real services: today's prices, a suspicious batch, the checks ———
  await withWriter(app, systemPrincipal("seed"), { operation: "publishRecyclingPrices" }, async (w) => {
    // Re-publishing today's prices (same values) through the service raises the copper price-jump alert.
    const items = mats.map((m) => ({ materialId: m.id, priceYuan: (priceFen.get(m.code)![nDays - 1 + PRE]! / 100).toFixed(2) }));
    await publishPrices(w, { day: today, enterpriseId: null, items });
  });
  const bin = stationsList.find((s) => s.kind === "SERVICE_STATION" && s.cards.length > 0 && s.silentFrom == null);
  if (bin) {
    const devP = { ...systemPrincipal("seed"), label: `key:device-${bin.deviceId}`, org: { kind: "recycling.device", id: bin.deviceId } };
    const card = `SX${String(bin.districtId).slice(4)}${String(bin.cards[0]).padStart(8, "0")}`;
    const ds = devState.get(bin.deviceId)!;
    const recs = Array.from({ length: 6 }, (_, k) => ({ seq: ds.lastSeq + 1 + k, at: new Date(nowMs - (60 - k * 5) * 60_000).toISOString(), material: "paper_cardboard", weightGrams: 60_000 + k * 1000, card }));
    await withWriter(app, devP, { operation: "ingestWeighings" }, (w) => ingestWeighings(w, recs, now));
  }
  await withWriter(app, systemPrincipal("recycling-jobs"), { operation: "recycling.checks" }, async (w) => {
    await checkSilentDevices(w, now);
    await checkStationVolumes(w, addDays(today, -1));
  });
  log("live prices, device batch and checks");
}

/** Builds every volume and activity rollup from the raw rows (used by the generator). */
export async function buildRollups(app: App): Promise<void> {
  const x = (q: string) => app.db.execute(sql.raw(q));
  await x(`insert into recycling.roll_station_day (station_id, day, material_id, district_id, enterprise_id, weight_grams, records, points, amount_yuan)
           select station_id, day, material_id, min(district_id), min(enterprise_id), sum(weight_grams), count(*), sum(points), coalesce(sum(amount_yuan), 0)
           from recycling.weighings group by 1, 2, 3`);
  await x(`insert into recycling.roll_district_day (district_id, day, material_id, weight_grams, records, points, amount_yuan)
           select district_id, day, material_id, sum(weight_grams), sum(records), sum(points), sum(amount_yuan) from recycling.roll_station_day group by 1, 2, 3`);
  await x(`insert into recycling.roll_enterprise_month (enterprise_id, month, material_id, district_id, weight_grams, records, points, amount_yuan)
           select enterprise_id, date_trunc('month', day)::date, material_id, min(district_id), sum(weight_grams), sum(records), sum(points), sum(amount_yuan)
           from recycling.roll_station_day group by 1, 2, 3`);
  await x(`insert into recycling.roll_station_month (station_id, month, district_id, weight_grams, records, points, amount_yuan)
           select station_id, date_trunc('month', day)::date, min(district_id), sum(weight_grams), sum(records), sum(points), sum(amount_yuan)
           from recycling.roll_station_day group by 1, 2`);
  await x(`insert into recycling.card_days (card_id, day, points, records)
           select card_id, day, sum(points), count(*) from recycling.weighings where card_id is not null group by 1, 2`);
  await x(`insert into recycling.card_periods (card_id, kind, start)
           select distinct card_id, 'M', date_trunc('month', day)::date from recycling.card_days
           union all select distinct card_id, 'Q', date_trunc('quarter', day)::date from recycling.card_days
           union all select distinct card_id, 'Y', date_trunc('year', day)::date from recycling.card_days`);
  await x(`insert into recycling.roll_active_cards (district_id, kind, start, active_cards)
           select c.district_id, 'D', d.day, count(*) from recycling.card_days d join recycling.cards c on c.id = d.card_id group by 1, 3
           union all
           select c.district_id, p.kind, p.start, count(*) from recycling.card_periods p join recycling.cards c on c.id = p.card_id group by 1, 2, 3`);
}
