/**
 * Rollup deltas of one transaction — the hot read-model rows (信息一张图) written last.
 *
 * Every batch of a district adds to the same few rollup rows (today's `roll_points_day`, the district's
 * active-card periods, its station- and district-days). Their row locks are held until the transaction
 * commits, so whatever a transaction does after touching them, every other transaction of the district
 * waits for. The writers therefore only collect their deltas here (plain functions, in memory) and the
 * Writer applies them with one statement — one multi-row upsert per rollup table, rows sorted by key
 * (concurrent writers lock in the same order: no deadlock) — as the transaction's last statement
 * (`Writer.beforeCommit`). The raw rows and the rollups still commit together: after every commit the
 * rollups equal an aggregate of the raw rows.
 *
 * Pure additions commute, so the result does not depend on the order transactions commit in. The one
 * non-additive figure, distinct active cards per period, is decided earlier in the transaction under
 * the card's row lock (points.applyEarnings) and arrives here as a count to add.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Writer } from "../../graphql/mutation.js";
import type { Tx } from "../core/db.js";

/** Weight, records, points and amount (in fen, exact) added to one rollup row. */
export interface Measures {
  grams: number;
  records: number;
  points: number;
  fen: number;
}

export type PeriodKind = "D" | "M" | "Q" | "Y";

export interface RollupDeltas {
  /** station|day|material → district, enterprise, measures */
  stationDay: Map<string, { stationId: number; day: string; materialId: number; districtId: number; enterpriseId: number } & Measures>;
  /** district|day|material */
  districtDay: Map<string, { districtId: number; day: string; materialId: number } & Measures>;
  /** enterprise|month|material */
  enterpriseMonth: Map<string, { enterpriseId: number; month: string; materialId: number; districtId: number } & Measures>;
  /** station|month */
  stationMonth: Map<string, { stationId: number; month: string; districtId: number } & Measures>;
  /** district|day → points earned */
  pointsDay: Map<string, { districtId: number; day: string; earned: number }>;
  /** district|kind|start → cards that became active in the period */
  activeCards: Map<string, { districtId: number; kind: PeriodKind; start: string; cards: number }>;
}

export function emptyDeltas(): RollupDeltas {
  return { stationDay: new Map(), districtDay: new Map(), enterpriseMonth: new Map(), stationMonth: new Map(), pointsDay: new Map(), activeCards: new Map() };
}

export function isEmpty(d: RollupDeltas): boolean {
  return Object.values(d).every((m: Map<string, unknown>) => m.size === 0);
}

/** "12.34" / "12.3" / "12" → 1234 (exact); null → 0. Amounts are non-negative with at most 2 decimals. */
export function fenOf(yuan: string | null | undefined): number {
  if (yuan == null) return 0;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new Error(`not a yuan amount: ${yuan}`);
  const v = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -v : v;
}

/** 1234 → "12.34" */
export function yuanOf(fen: number): string {
  const a = Math.abs(fen);
  return `${fen < 0 ? "-" : ""}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

function addTo<K extends Measures>(map: Map<string, K>, key: string, init: () => K, m: Measures): void {
  let x = map.get(key);
  if (!x) map.set(key, (x = init()));
  x.grams += m.grams;
  x.records += m.records;
  x.points += m.points;
  x.fen += m.fen;
}

/** A stored weighing as the volume rollups see it (volumes belong to the station's district). */
export interface VolumeFact {
  stationId: number;
  districtId: number;
  enterpriseId: number;
  materialId: number;
  day: string;
  weightGrams: number;
  points: number;
  amountYuan: string | null;
}

/** Adds weighings to the station-day, district-day, enterprise-month and station-month deltas. */
export function addVolumes(d: RollupDeltas, facts: VolumeFact[]): void {
  const zero = { grams: 0, records: 0, points: 0, fen: 0 };
  for (const f of facts) {
    const m: Measures = { grams: f.weightGrams, records: 1, points: f.points, fen: fenOf(f.amountYuan) };
    const month = monthOf(f.day);
    addTo(d.stationDay, `${f.stationId}|${f.day}|${f.materialId}`, () => ({ stationId: f.stationId, day: f.day, materialId: f.materialId, districtId: f.districtId, enterpriseId: f.enterpriseId, ...zero }), m);
    addTo(d.districtDay, `${f.districtId}|${f.day}|${f.materialId}`, () => ({ districtId: f.districtId, day: f.day, materialId: f.materialId, ...zero }), m);
    addTo(d.enterpriseMonth, `${f.enterpriseId}|${month}|${f.materialId}`, () => ({ enterpriseId: f.enterpriseId, month, materialId: f.materialId, districtId: f.districtId, ...zero }), m);
    addTo(d.stationMonth, `${f.stationId}|${month}`, () => ({ stationId: f.stationId, month, districtId: f.districtId, ...zero }), m);
  }
}

/** Adds points earned (card's district × day of the weighing); zero-point rows add nothing. */
export function addPointsEarned(d: RollupDeltas, facts: { districtId: number; day: string; points: number }[]): void {
  for (const f of facts) {
    if (f.points <= 0) continue;
    const key = `${f.districtId}|${f.day}`;
    const x = d.pointsDay.get(key);
    if (x) x.earned += f.points;
    else d.pointsDay.set(key, { districtId: f.districtId, day: f.day, earned: f.points });
  }
}

/** Adds cards that became active in a period (decided by the caller under the card lock). */
export function addActiveCards(d: RollupDeltas, facts: { districtId: number; kind: PeriodKind; start: string; cards: number }[]): void {
  for (const f of facts) {
    if (f.cards === 0) continue;
    const key = `${f.districtId}|${f.kind}|${f.start}`;
    const x = d.activeCards.get(key);
    if (x) x.cards += f.cards;
    else d.activeCards.set(key, { ...f });
  }
}

const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
/** Rows of a delta map in key order (the primary key's column order), the order every writer locks them in. */
export function sortedRows<T>(map: Map<string, T>, key: (r: T) => (number | string)[]): T[] {
  return [...map.values()].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const c = cmp(ka[i]!, kb[i]!);
      if (c) return c;
    }
    return 0;
  });
}

/**
 * Applies the deltas: one statement, one multi-row upsert per rollup table that has any, rows in key
 * order (the ORDER BY decides the order rows are locked in), tables always in the same order.
 */
export async function applyDeltas(tx: Tx, d: RollupDeltas): Promise<void> {
  if (isEmpty(d)) return;
  const p = <T, V>(rs: T[], f: (r: T) => V) => sql.param(rs.map(f));
  const parts: SQL[] = [];
  const measures = <T extends Measures>(rs: T[]) =>
    sql`${p(rs, (r) => r.grams)}::bigint[], ${p(rs, (r) => r.records)}::int[], ${p(rs, (r) => r.points)}::bigint[], ${p(rs, (r) => yuanOf(r.fen))}::text[]::numeric[]`;
  const add = (t: string) =>
    sql.raw(`weight_grams = ${t}.weight_grams + excluded.weight_grams, records = ${t}.records + excluded.records, points = ${t}.points + excluded.points, amount_yuan = ${t}.amount_yuan + excluded.amount_yuan`);

  const sd = sortedRows(d.stationDay, (r) => [r.stationId, r.day, r.materialId]);
  if (sd.length)
    parts.push(sql`sd as (insert into recycling.roll_station_day (station_id, day, material_id, district_id, enterprise_id, weight_grams, records, points, amount_yuan)
      select * from unnest(${p(sd, (r) => r.stationId)}::int[], ${p(sd, (r) => r.day)}::text[]::date[], ${p(sd, (r) => r.materialId)}::int[], ${p(sd, (r) => r.districtId)}::int[], ${p(sd, (r) => r.enterpriseId)}::int[], ${measures(sd)})
        order by 1, 2, 3
      on conflict (station_id, day, material_id) do update set ${add("recycling.roll_station_day")} returning 1)`);
  const dd = sortedRows(d.districtDay, (r) => [r.districtId, r.day, r.materialId]);
  if (dd.length)
    parts.push(sql`dd as (insert into recycling.roll_district_day (district_id, day, material_id, weight_grams, records, points, amount_yuan)
      select * from unnest(${p(dd, (r) => r.districtId)}::int[], ${p(dd, (r) => r.day)}::text[]::date[], ${p(dd, (r) => r.materialId)}::int[], ${measures(dd)})
        order by 1, 2, 3
      on conflict (district_id, day, material_id) do update set ${add("recycling.roll_district_day")} returning 1)`);
  const em = sortedRows(d.enterpriseMonth, (r) => [r.enterpriseId, r.month, r.materialId]);
  if (em.length)
    parts.push(sql`em as (insert into recycling.roll_enterprise_month (enterprise_id, month, material_id, district_id, weight_grams, records, points, amount_yuan)
      select * from unnest(${p(em, (r) => r.enterpriseId)}::int[], ${p(em, (r) => r.month)}::text[]::date[], ${p(em, (r) => r.materialId)}::int[], ${p(em, (r) => r.districtId)}::int[], ${measures(em)})
        order by 1, 2, 3
      on conflict (enterprise_id, month, material_id) do update set ${add("recycling.roll_enterprise_month")} returning 1)`);
  const sm = sortedRows(d.stationMonth, (r) => [r.stationId, r.month]);
  if (sm.length)
    parts.push(sql`sm as (insert into recycling.roll_station_month (station_id, month, district_id, weight_grams, records, points, amount_yuan)
      select * from unnest(${p(sm, (r) => r.stationId)}::int[], ${p(sm, (r) => r.month)}::text[]::date[], ${p(sm, (r) => r.districtId)}::int[], ${measures(sm)})
        order by 1, 2
      on conflict (station_id, month) do update set ${add("recycling.roll_station_month")} returning 1)`);
  const pd = sortedRows(d.pointsDay, (r) => [r.districtId, r.day]);
  if (pd.length)
    parts.push(sql`pd as (insert into recycling.roll_points_day (district_id, day, points_earned)
      select * from unnest(${p(pd, (r) => r.districtId)}::int[], ${p(pd, (r) => r.day)}::text[]::date[], ${p(pd, (r) => r.earned)}::bigint[])
        order by 1, 2
      on conflict (district_id, day) do update set points_earned = recycling.roll_points_day.points_earned + excluded.points_earned returning 1)`);
  const ac = sortedRows(d.activeCards, (r) => [r.districtId, r.kind, r.start]);
  if (ac.length)
    parts.push(sql`ac as (insert into recycling.roll_active_cards (district_id, kind, start, active_cards)
      select * from unnest(${p(ac, (r) => r.districtId)}::int[], ${p(ac, (r) => r.kind)}::text[], ${p(ac, (r) => r.start)}::text[]::date[], ${p(ac, (r) => r.cards)}::int[])
        order by 1, 2, 3
      on conflict (district_id, kind, start) do update set active_cards = recycling.roll_active_cards.active_cards + excluded.active_cards returning 1)`);
  // The CTEs run in the order the final select names them (the same for every writer).
  const names = ["sd", "dd", "em", "sm", "pd", "ac"].filter((_, i) => [sd, dd, em, sm, pd, ac][i]!.length > 0);
  await tx.execute(sql`with ${sql.join(parts, sql`, `)} select ${sql.raw(names.map((n) => `(select count(*) from ${n}) as ${n}`).join(", "))}`);
}

const pending = new WeakMap<Writer, RollupDeltas>();

/**
 * The deltas of the writer's transaction; the first call registers their application as the
 * transaction's last statement (Writer.beforeCommit).
 */
export function rollupDeltas(w: Writer): RollupDeltas {
  let d = pending.get(w);
  if (!d) {
    const deltas = (d = emptyDeltas());
    pending.set(w, deltas);
    w.beforeCommit(async () => {
      pending.delete(w);
      await applyDeltas(w.tx, deltas);
    });
  }
  return d;
}
