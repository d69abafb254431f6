/**
 * A small recycling network built through the real services, for tests and benchmarks:
 * two enterprises, stations of every kind, a device per station with its API key, cards,
 * a merchant with a terminal key, and a flat price history.
 */
import { sql } from "drizzle-orm";
import type { App } from "../../graphql/context.js";
import { withWriter, type Writer } from "../../graphql/mutation.js";
import { systemPrincipal } from "../core/auth.js";
import { rows } from "../core/db.js";
import { createEnterprise, createMerchant, createMerchantTerminalKey, createStation, issueCard, registerDevice } from "./network.js";
import { publishPrices } from "./prices.js";
import { addDays, dayOf } from "./time.js";

export const YUECHENG = 330602;
export const KEQIAO = 330603;

export interface Network {
  enterpriseId: number;
  otherEnterpriseId: number;
  stationId: number;
  binStationId: number;
  centreId: number;
  keqiaoStationId: number;
  scale: { id: number; code: string; secret: string };
  bin: { id: number; code: string; secret: string };
  bridge: { id: number; code: string; secret: string };
  keqiaoScale: { id: number; code: string; secret: string };
  cards: { id: number; cardNo: string }[];
  keqiaoCard: { id: number; cardNo: string };
  merchantId: number;
  merchantSecret: string;
  materials: Map<string, number>;
}

let counter = 0;

export function write<T>(app: App, fn: (w: Writer) => Promise<T>, operation = "fixture"): Promise<T> {
  return withWriter(app, systemPrincipal("test"), { operation }, fn);
}

/** Builds the network; prices of every material flat at `price` from `days` ago to today. */
export async function makeNetwork(app: App, opts: { cards?: number; price?: string; days?: number } = {}): Promise<Network> {
  const n = ++counter;
  const mats = await rows<{ id: number; code: string }>(app.db, sql`select id, code from recycling.materials`);
  const materials = new Map(mats.map((m) => [m.code, m.id]));
  return write(app, async (w) => {
    const e = await createEnterprise(w, { code: `E${n}A`, name: `测试回收企业${n}`, districtId: YUECHENG });
    const e2 = await createEnterprise(w, { code: `E${n}B`, name: `柯桥测试企业${n}`, districtId: KEQIAO, coop: true });
    const mk = (code: string, kind: "SERVICE_STATION" | "SORTING_CENTRE" | "SMART_BIN", ent: number, district: number) =>
      createStation(w, { code: `S${n}${code}`, name: `测试站点${n}${code}`, kind, enterpriseId: ent, districtId: district, lon: 120.58, lat: 30.0, capacityTpd: kind === "SORTING_CENTRE" ? "300" : "2", openedOn: addDays(dayOf(new Date()), -400) });
    const s = await mk("A", "SERVICE_STATION", e.id, YUECHENG);
    const b = await mk("B", "SMART_BIN", e.id, YUECHENG);
    const c = await mk("C", "SORTING_CENTRE", e.id, YUECHENG);
    const k = await mk("K", "SERVICE_STATION", e2.id, KEQIAO);
    const scale = await registerDevice(w, { code: `D${n}A`, kind: "SMART_SCALE", stationId: s.id });
    const bin = await registerDevice(w, { code: `D${n}B`, kind: "SMART_BIN", stationId: b.id });
    const bridge = await registerDevice(w, { code: `D${n}C`, kind: "WEIGHBRIDGE", stationId: c.id });
    const kScale = await registerDevice(w, { code: `D${n}K`, kind: "SMART_SCALE", stationId: k.id });
    const cards = [];
    for (let i = 0; i < (opts.cards ?? 3); i++) {
      const card = await issueCard(w, { cardNo: `T${n}C${String(i).padStart(6, "0")}`, householdCode: `H${n}-${i}`, holderName: `居民${i}`, districtId: YUECHENG, stationId: s.id });
      cards.push({ id: card.id, cardNo: card.cardNo });
    }
    const kc = await issueCard(w, { cardNo: `T${n}K000001`, householdCode: `HK${n}`, districtId: KEQIAO, stationId: k.id });
    const m = await createMerchant(w, { code: `M${n}`, name: `测试超市${n}`, kind: "SUPERMARKET", districtId: YUECHENG });
    const key = await createMerchantTerminalKey(w, m.id, "收银台1");
    const today = dayOf(new Date());
    const days = opts.days ?? 60;
    await publishPrices(w, { day: addDays(today, -days), enterpriseId: null, items: mats.map((x) => ({ materialId: x.id, priceYuan: opts.price ?? "1.00" })) });
    return {
      enterpriseId: e.id,
      otherEnterpriseId: e2.id,
      stationId: s.id,
      binStationId: b.id,
      centreId: c.id,
      keqiaoStationId: k.id,
      scale: { id: scale.device.id, code: scale.device.code, secret: scale.secret },
      bin: { id: bin.device.id, code: bin.device.code, secret: bin.secret },
      bridge: { id: bridge.device.id, code: bridge.device.code, secret: bridge.secret },
      keqiaoScale: { id: kScale.device.id, code: kScale.device.code, secret: kScale.secret },
      cards,
      keqiaoCard: { id: kc.id, cardNo: kc.cardNo },
      merchantId: m.id,
      merchantSecret: key.secret,
      materials,
    };
  });
}

/** Invariants of every card: balance = Σ ledger = Σ lots.remaining, never negative. Returns offending cards. */
export async function ledgerMismatches(app: App): Promise<{ id: number; balance: number; ledger: number; lots: number }[]> {
  return rows(
    app.db,
    sql`select c.id, c.balance, coalesce(l.s, 0)::int as ledger, coalesce(t.s, 0)::int as lots from recycling.cards c
        left join (select card_id, sum(points) s from recycling.ledger group by 1) l on l.card_id = c.id
        left join (select card_id, sum(remaining) s from recycling.lots group by 1) t on t.card_id = c.id
        where c.balance <> coalesce(l.s, 0) or c.balance <> coalesce(t.s, 0) or c.balance < 0`,
  );
}

/**
 * Differences between the rollups (volumes, card-days, active cards per day / month / quarter / year, points per
 * day) and aggregates of the raw weighings and ledger (empty when consistent).
 */
export async function rollupMismatches(app: App): Promise<Record<string, unknown>[]> {
  const a = await rows(
    app.db,
    sql`with raw as (select station_id, day, material_id, sum(weight_grams) g, count(*) n, sum(points) p, coalesce(sum(amount_yuan), 0) amt from recycling.weighings group by 1, 2, 3)
        select 'station_day' as t, coalesce(r.station_id, x.station_id) as k from raw r full join recycling.roll_station_day x using (station_id, day, material_id)
        where r.g is distinct from x.weight_grams or r.n is distinct from x.records or r.p is distinct from x.points or r.amt is distinct from x.amount_yuan`,
  );
  const b = await rows(
    app.db,
    sql`with raw as (select district_id, day, material_id, sum(weight_grams) g, count(*) n, sum(points) p, coalesce(sum(amount_yuan), 0) amt from recycling.weighings group by 1, 2, 3)
        select 'district_day' as t from raw r full join recycling.roll_district_day x using (district_id, day, material_id)
        where r.g is distinct from x.weight_grams or r.n is distinct from x.records or r.p is distinct from x.points or r.amt is distinct from x.amount_yuan`,
  );
  const c = await rows(
    app.db,
    sql`with raw as (select station_id, date_trunc('month', day)::date as month, sum(weight_grams) g, count(*) n, sum(points) p, coalesce(sum(amount_yuan), 0) amt from recycling.weighings group by 1, 2)
        select 'station_month' as t from raw r full join recycling.roll_station_month x using (station_id, month)
        where r.g is distinct from x.weight_grams or r.n is distinct from x.records or r.p is distinct from x.points or r.amt is distinct from x.amount_yuan`,
  );
  const d = await rows(
    app.db,
    sql`with raw as (select enterprise_id, date_trunc('month', day)::date as month, material_id, sum(weight_grams) g, count(*) n, sum(points) p, coalesce(sum(amount_yuan), 0) amt from recycling.weighings group by 1, 2, 3)
        select 'enterprise_month' as t from raw r full join recycling.roll_enterprise_month x using (enterprise_id, month, material_id)
        where r.g is distinct from x.weight_grams or r.n is distinct from x.records or r.p is distinct from x.points or r.amt is distinct from x.amount_yuan`,
  );
  // Distinct active cards per day, month, quarter and year (card's district).
  const e = await rows(
    app.db,
    sql`with raw as (
          select c.district_id, k.kind, k.start, count(distinct w.card_id)::int n from recycling.weighings w join recycling.cards c on c.id = w.card_id
          cross join lateral (values ('D', w.day), ('M', date_trunc('month', w.day)::date), ('Q', date_trunc('quarter', w.day)::date), ('Y', date_trunc('year', w.day)::date)) as k(kind, start)
          group by 1, 2, 3)
        select 'active_' || coalesce(r.kind, x.kind) as t, coalesce(r.district_id, x.district_id) as district_id, coalesce(r.start, x.start)::text as start, r.n, x.active_cards
        from raw r full join recycling.roll_active_cards x on x.district_id = r.district_id and x.kind = r.kind and x.start = r.start
        where r.n is distinct from x.active_cards`,
  );
  // Card-days: points and records per card and day.
  const f = await rows(
    app.db,
    sql`with raw as (select card_id, day, sum(points)::int p, count(*)::int n from recycling.weighings where card_id is not null group by 1, 2)
        select 'card_days' as t, coalesce(r.card_id, x.card_id) as card_id from raw r full join recycling.card_days x using (card_id, day)
        where r.p is distinct from x.points or r.n is distinct from x.records`,
  );
  const g = await rows(
    app.db,
    sql`with raw as (select c.district_id, (l.at at time zone 'Asia/Shanghai')::date as day, sum(l.points) filter (where l.kind = 'EARN') e, -sum(l.points) filter (where l.kind = 'REDEEM') r
                     from recycling.ledger l join recycling.cards c on c.id = l.card_id group by 1, 2)
        select 'points_day' as t from raw x left join recycling.roll_points_day p using (district_id, day)
        where coalesce(x.e, 0) <> coalesce(p.points_earned, 0) or coalesce(x.r, 0) <> coalesce(p.points_redeemed, 0)`,
  );
  // Every district-day with earnings in the rollup has them in the ledger too (the join above starts from the ledger).
  const h = await rows(
    app.db,
    sql`with raw as (select c.district_id, (l.at at time zone 'Asia/Shanghai')::date as day, sum(l.points) e from recycling.ledger l join recycling.cards c on c.id = l.card_id where l.kind = 'EARN' group by 1, 2)
        select 'points_day_extra' as t from recycling.roll_points_day p left join raw x using (district_id, day) where p.points_earned <> coalesce(x.e, 0)`,
  );
  return [...a, ...b, ...c, ...d, ...e, ...f, ...g, ...h];
}
