/**
 * 信息一张图 — the one-map read models: volumes by day / month / quarter / year, by material,
 * district and station, and the key indicators, all answered from the rollup tables (never from
 * the raw weighings). Days are Shanghai calendar days; ranges are [from, to).
 *
 * Attribution: volumes, amounts and points-by-volume belong to the district of the station where
 * the weighing happened; points movements, active cards and cards issued to the card's district.
 */
import { sql, type SQL } from "drizzle-orm";
import { row, rows, type Tx } from "../core/db.js";
import { addMonths, alignedPeriod, yearBefore, type PeriodKind } from "./time.js";

export interface Range {
  from: string;
  to: string;
  districtId: number | null;
}

export interface Indicators {
  weightGrams: string;
  tonnes: string;
  records: number;
  amountYuan: string;
  /** Yuan per kg over materials priced by weight (null without any). */
  averagePriceYuanPerKg: string | null;
  pointsIssued: string;
  pointsRedeemed: string;
  pointsExpired: string;
  pointsAdjusted: string;
  redemptions: number;
  redemptionYuan: string;
  activeCards: number;
  /** Cards issued by the end of the range. */
  cardsTotal: number;
  cardsIssued: number;
  /** Active cards / cards issued, percent with one decimal. */
  participationPct: number | null;
}

const dist = (col: SQL, d: number | null) => (d == null ? sql`true` : sql`${col} = ${d}`);

/** Distinct cards that recycled in [from, to): exact from the period table when the range is a calendar period. */
export async function activeCards(tx: Tx, r: Range): Promise<number> {
  const p = alignedPeriod(r.from, r.to);
  if (p) {
    const x = await row<{ n: number | null }>(
      tx,
      sql`select sum(active_cards)::int as n from recycling.roll_active_cards where kind = ${p.kind} and start = ${p.start}::date and ${dist(sql`district_id`, r.districtId)}`,
    );
    return x?.n ?? 0;
  }
  // Any other range: count distinct card-days (slower; the UI asks for calendar periods).
  const x = await row<{ n: number }>(
    tx,
    sql`select count(distinct cd.card_id)::int as n from recycling.card_days cd
        ${r.districtId != null ? sql`join recycling.cards c on c.id = cd.card_id and c.district_id = ${r.districtId}` : sql``}
        where cd.day >= ${r.from}::date and cd.day < ${r.to}::date`,
  );
  return x?.n ?? 0;
}

/**
 * Key indicators of [from, to). `activeCards: false` skips the distinct count (0 then, participation
 * null) for callers that count active cards another way or not at all.
 */
export async function indicators(tx: Tx, r: Range, opts: { activeCards?: boolean } = {}): Promise<Indicators> {
  const v = await row<{ g: string; n: number; amt: string; kg_amt: string; kg_g: string }>(
    tx,
    sql`select coalesce(sum(d.weight_grams), 0)::text as g, coalesce(sum(d.records), 0)::int as n, coalesce(sum(d.amount_yuan), 0)::text as amt,
               coalesce(sum(d.amount_yuan) filter (where m.unit = 'KG'), 0)::text as kg_amt, coalesce(sum(d.weight_grams) filter (where m.unit = 'KG' and d.amount_yuan > 0), 0)::text as kg_g
        from recycling.roll_district_day d join recycling.materials m on m.id = d.material_id
        where d.day >= ${r.from}::date and d.day < ${r.to}::date and ${dist(sql`d.district_id`, r.districtId)}`,
  );
  const pts = await row<{ earned: string; redeemed: string; expired: string; adjusted: string; reds: number; yuan: string; issued: number }>(
    tx,
    sql`select coalesce(sum(points_earned), 0)::text as earned, coalesce(sum(points_redeemed), 0)::text as redeemed, coalesce(sum(points_expired), 0)::text as expired,
               coalesce(sum(points_adjusted), 0)::text as adjusted, coalesce(sum(redemptions), 0)::int as reds, coalesce(sum(redeemed_yuan), 0)::text as yuan,
               coalesce(sum(cards_issued), 0)::int as issued
        from recycling.roll_points_day where day >= ${r.from}::date and day < ${r.to}::date and ${dist(sql`district_id`, r.districtId)}`,
  );
  const total = await row<{ n: number }>(
    tx,
    sql`select coalesce(sum(cards_issued), 0)::int as n from recycling.roll_points_day where day < ${r.to}::date and ${dist(sql`district_id`, r.districtId)}`,
  );
  const countActive = opts.activeCards !== false;
  const active = countActive ? await activeCards(tx, r) : 0;
  const grams = BigInt(v!.g);
  const kgG = Number(v!.kg_g);
  const cardsTotal = total?.n ?? 0;
  return {
    weightGrams: v!.g,
    tonnes: gramsToTonnes(grams),
    records: v!.n,
    amountYuan: Number(v!.amt).toFixed(2),
    averagePriceYuanPerKg: kgG > 0 ? ((Number(v!.kg_amt) / kgG) * 1000).toFixed(2) : null,
    pointsIssued: pts!.earned,
    pointsRedeemed: pts!.redeemed,
    pointsExpired: pts!.expired,
    pointsAdjusted: pts!.adjusted,
    redemptions: pts!.reds,
    redemptionYuan: Number(pts!.yuan).toFixed(2),
    activeCards: active,
    cardsTotal,
    cardsIssued: pts!.issued,
    participationPct: countActive && cardsTotal > 0 ? Math.round((active / cardsTotal) * 1000) / 10 : null,
  };
}

/** Exact tonnes with 3 decimals from grams. */
export function gramsToTonnes(g: bigint | number | string): string {
  const v = BigInt(typeof g === "string" ? g.split(".")[0]! : Math.trunc(Number(g)));
  const neg = v < 0n;
  const a = neg ? -v : v;
  const kgRounded = (a + 500n) / 1000n; // to whole kg
  return `${neg ? "-" : ""}${kgRounded / 1000n}.${String(kgRounded % 1000n).padStart(3, "0")}`;
}

export interface VolumeRow {
  key: number;
  weightGrams: string;
  records: number;
  points: string;
  amountYuan: string;
}

function volumeRow(x: { key: number; g: string; n: number; p: string; amt: string }): VolumeRow {
  return { key: x.key, weightGrams: x.g, records: x.n, points: x.p, amountYuan: Number(x.amt).toFixed(2) };
}

export async function byMaterial(tx: Tx, r: Range): Promise<VolumeRow[]> {
  const x = await rows<{ key: number; g: string; n: number; p: string; amt: string }>(
    tx,
    sql`select material_id as key, sum(weight_grams)::text as g, sum(records)::int as n, sum(points)::text as p, sum(amount_yuan)::text as amt
        from recycling.roll_district_day where day >= ${r.from}::date and day < ${r.to}::date and ${dist(sql`district_id`, r.districtId)}
        group by material_id order by sum(weight_grams) desc`,
  );
  return x.map(volumeRow);
}

export interface DistrictRow extends VolumeRow {
  pointsIssued: string;
  pointsRedeemed: string;
  redemptionYuan: string;
  activeCards: number | null;
}

export async function byDistrict(tx: Tx, r: Range): Promise<DistrictRow[]> {
  const vol = await rows<{ key: number; g: string; n: number; p: string; amt: string }>(
    tx,
    sql`select district_id as key, sum(weight_grams)::text as g, sum(records)::int as n, sum(points)::text as p, sum(amount_yuan)::text as amt
        from recycling.roll_district_day where day >= ${r.from}::date and day < ${r.to}::date group by district_id`,
  );
  const pts = await rows<{ key: number; e: string; rd: string; y: string }>(
    tx,
    sql`select district_id as key, sum(points_earned)::text as e, sum(points_redeemed)::text as rd, sum(redeemed_yuan)::text as y
        from recycling.roll_points_day where day >= ${r.from}::date and day < ${r.to}::date group by district_id`,
  );
  const p = alignedPeriod(r.from, r.to);
  const act = p
    ? await rows<{ key: number; n: number }>(tx, sql`select district_id as key, active_cards as n from recycling.roll_active_cards where kind = ${p.kind} and start = ${p.start}::date`)
    : [];
  const ids = [...new Set([...vol.map((v) => v.key), ...pts.map((v) => v.key)])];
  return ids
    .filter((id) => r.districtId == null || id === r.districtId)
    .map((id) => {
      const v = vol.find((x) => x.key === id) ?? { key: id, g: "0", n: 0, p: "0", amt: "0" };
      const q = pts.find((x) => x.key === id);
      return {
        ...volumeRow(v),
        pointsIssued: q?.e ?? "0",
        pointsRedeemed: q?.rd ?? "0",
        redemptionYuan: Number(q?.y ?? 0).toFixed(2),
        activeCards: p ? (act.find((a) => a.key === id)?.n ?? 0) : null,
      };
    })
    .sort((a, b) => Number(BigInt(b.weightGrams) - BigInt(a.weightGrams)));
}

/** Stations ranked by weight; whole months read the monthly table. */
export async function topStations(tx: Tx, r: Range, limit: number): Promise<VolumeRow[]> {
  const monthly = r.from.endsWith("-01") && r.to.endsWith("-01");
  const x = monthly
    ? await rows<{ key: number; g: string; n: number; p: string; amt: string }>(
        tx,
        sql`select station_id as key, sum(weight_grams)::text as g, sum(records)::int as n, sum(points)::text as p, sum(amount_yuan)::text as amt
            from recycling.roll_station_month where month >= ${r.from}::date and month < ${r.to}::date and ${dist(sql`district_id`, r.districtId)}
            group by station_id order by sum(weight_grams) desc limit ${limit}`,
      )
    : await rows<{ key: number; g: string; n: number; p: string; amt: string }>(
        tx,
        sql`select station_id as key, sum(weight_grams)::text as g, sum(records)::int as n, sum(points)::text as p, sum(amount_yuan)::text as amt
            from recycling.roll_station_day where day >= ${r.from}::date and day < ${r.to}::date and ${dist(sql`district_id`, r.districtId)}
            group by station_id order by sum(weight_grams) desc limit ${limit}`,
      );
  return x.map(volumeRow);
}

/** One station's daily series (weight and records) between two days. */
export async function stationDaily(tx: Tx, stationId: number, from: string, to: string): Promise<{ day: string; weightGrams: string; records: number; points: string }[]> {
  const x = await rows<{ day: string; g: string; n: number; p: string }>(
    tx,
    sql`select day::text as day, sum(weight_grams)::text as g, sum(records)::int as n, sum(points)::text as p
        from recycling.roll_station_day where station_id = ${stationId} and day >= ${from}::date and day < ${to}::date group by day order by day`,
  );
  return x.map((d) => ({ day: d.day, weightGrams: d.g, records: d.n, points: d.p }));
}

export interface SeriesPoint {
  start: string;
  weightGrams: string;
  records: number;
  amountYuan: string;
  pointsIssued: string;
  pointsRedeemed: string;
  redemptionYuan: string;
  activeCards: number;
}

const TRUNC: Record<PeriodKind, string> = { DAY: "day", MONTH: "month", QUARTER: "quarter", YEAR: "year" };
const ACTIVE_KIND: Record<PeriodKind, string> = { DAY: "D", MONTH: "M", QUARTER: "Q", YEAR: "Y" };

/** Buckets of `granularity` over [from, to) (from and to should be bucket starts). */
export async function series(tx: Tx, granularity: PeriodKind, r: Range, materialId: number | null): Promise<SeriesPoint[]> {
  const unit = sql.raw(`'${TRUNC[granularity]}'`);
  const vol = await rows<{ start: string; g: string; n: number; amt: string }>(
    tx,
    sql`select date_trunc(${unit}, day)::date::text as start, sum(weight_grams)::text as g, sum(records)::int as n, sum(amount_yuan)::text as amt
        from recycling.roll_district_day where day >= ${r.from}::date and day < ${r.to}::date and ${dist(sql`district_id`, r.districtId)}
        ${materialId != null ? sql`and material_id = ${materialId}` : sql``}
        group by 1`,
  );
  const pts = await rows<{ start: string; e: string; rd: string; y: string }>(
    tx,
    sql`select date_trunc(${unit}, day)::date::text as start, sum(points_earned)::text as e, sum(points_redeemed)::text as rd, sum(redeemed_yuan)::text as y
        from recycling.roll_points_day where day >= ${r.from}::date and day < ${r.to}::date and ${dist(sql`district_id`, r.districtId)}
        group by 1`,
  );
  const act = await rows<{ start: string; n: number }>(
    tx,
    sql`select start::text as start, sum(active_cards)::int as n from recycling.roll_active_cards
        where kind = ${ACTIVE_KIND[granularity]} and start >= ${r.from}::date and start < ${r.to}::date and ${dist(sql`district_id`, r.districtId)}
        group by start`,
  );
  const starts: string[] = [];
  for (let s = r.from; s < r.to; ) {
    starts.push(s);
    s = granularity === "DAY" ? addDaysStr(s, 1) : addMonths(s, granularity === "MONTH" ? 1 : granularity === "QUARTER" ? 3 : 12);
    if (starts.length > 1000) break;
  }
  return starts.map((s) => {
    const v = vol.find((x) => x.start === s);
    const p = pts.find((x) => x.start === s);
    return {
      start: s,
      weightGrams: v?.g ?? "0",
      records: v?.n ?? 0,
      amountYuan: Number(v?.amt ?? 0).toFixed(2),
      pointsIssued: p?.e ?? "0",
      pointsRedeemed: p?.rd ?? "0",
      redemptionYuan: Number(p?.y ?? 0).toFixed(2),
      activeCards: act.find((a) => a.start === s)?.n ?? 0,
    };
  });
}

function addDaysStr(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export interface CategoryRow {
  category: string;
  weightGrams: string;
  sharePct: number;
}

/**
 * 供销社回收 — recovery of the supply-and-marketing cooperative network's enterprises by material
 * category over whole months [from, to).
 */
export async function coopRecovery(tx: Tx, r: Range): Promise<{ totalGrams: string; categories: CategoryRow[] }> {
  const x = await rows<{ category: string; g: string }>(
    tx,
    sql`select m.category, sum(r.weight_grams)::text as g
        from recycling.roll_enterprise_month r join recycling.enterprises e on e.id = r.enterprise_id and e.coop
        join recycling.materials m on m.id = r.material_id
        where r.month >= ${r.from}::date and r.month < ${r.to}::date and ${dist(sql`r.district_id`, r.districtId)}
        group by m.category order by sum(r.weight_grams) desc`,
  );
  const total = x.reduce((s, c) => s + BigInt(c.g), 0n);
  return {
    totalGrams: total.toString(),
    categories: x.map((c) => ({ category: c.category, weightGrams: c.g, sharePct: total > 0n ? Math.round((Number(c.g) * 1000) / Number(total)) / 10 : 0 })),
  };
}

/** The first day with any recorded volume (to tell "no data yet" from zero). */
export async function firstDataDay(tx: Tx): Promise<string | null> {
  const x = await row<{ d: string | null }>(tx, sql`select min(day)::text as d from recycling.roll_district_day`);
  return x?.d ?? null;
}

export { yearBefore };
