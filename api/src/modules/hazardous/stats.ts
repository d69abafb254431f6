/**
 * Figures of the stream from the read models (daily_stats, state_stats) — for the module's statistics
 * page, the leadership overview (OverviewProvider) and capacity matching (产生量与利用处置量相匹配).
 * Never scans the raw tables.
 */
import { sql } from "drizzle-orm";
import type { CapacityQuery, CapacityRow, FigureQuery, OverviewProvider, StreamFigure } from "../core/module.js";
import { rows, type Tx } from "../core/db.js";
import { addDec } from "./rollups.js";
import { shanghaiDay } from "./rollups.js";

export interface DistrictStats {
  districtId: number;
  enterprises: number;
  smallMicro: number;
  socialSources: number;
  hazardsFound: number;
  hazardsRectified: number;
  hazardsOpen: number;
  trainingAttendees: number;
  manifestsCreated: number;
  manifestsReceived: number;
  receivedTonnes: string;
  manifestsInTransit: number;
  collectionRuns: number;
  collectionTonnes: string;
}

const kgToT = (kg: string) => {
  // kg (3 decimals) → t (3 decimals, rounded half up)
  const neg = kg.startsWith("-");
  const [i, f = ""] = (neg ? kg.slice(1) : kg).split(".");
  const grams = BigInt(i || "0") * 1000n + BigInt((f + "000").slice(0, 3));
  const kgR = (grams + 500n) / 1000n;
  return `${neg ? "-" : ""}${kgR / 1000n}.${String(kgR % 1000n).padStart(3, "0")}`;
};

const SOCIAL = ["LABORATORY", "AUTO_REPAIR", "HOSPITAL", "SCHOOL", "OTHER_SOCIAL"];

/** Per-district figures for [from, to): flows in the period, registers as registered before `to`, stocks now. */
export async function districtStats(tx: Tx, f: { from: Date; to: Date; districtId?: number | null }): Promise<DistrictStats[]> {
  const fromDay = shanghaiDay(f.from);
  const toDay = shanghaiDay(f.to);
  const dist = f.districtId ? sql`and district_id = ${f.districtId}` : sql``;
  const flows = await rows<{ district_id: number; metric: string; n: string; amount: string }>(
    tx,
    sql`select district_id, metric, sum(n)::text as n, sum(amount)::text as amount from hazardous.daily_stats
        where day >= ${fromDay}::date and day < ${toDay}::date and metric not like 'unit.%' and metric not like 'generation:%' ${dist} group by 1, 2`,
  );
  const registers = await rows<{ district_id: number; metric: string; n: string }>(
    tx,
    sql`select district_id, metric, sum(n)::text as n from hazardous.daily_stats where metric like 'unit.registered:%' and day < ${toDay}::date ${dist} group by 1, 2`,
  );
  const stocks = await rows<{ district_id: number; subject: string; state: string; n: string }>(
    tx,
    sql`select district_id, subject, state, n::text as n from hazardous.state_stats where subject in ('hazard', 'manifest') ${dist}`,
  );
  const out = new Map<number, DistrictStats>();
  const get = (d: number) => {
    let s = out.get(d);
    if (!s)
      out.set(
        d,
        (s = { districtId: d, enterprises: 0, smallMicro: 0, socialSources: 0, hazardsFound: 0, hazardsRectified: 0, hazardsOpen: 0, trainingAttendees: 0, manifestsCreated: 0, manifestsReceived: 0, receivedTonnes: "0.000", manifestsInTransit: 0, collectionRuns: 0, collectionTonnes: "0.000" }),
      );
    return s;
  };
  for (const r of registers) {
    const s = get(r.district_id);
    const [, kind, small] = r.metric.split(":");
    const n = Number(r.n);
    if (kind === "ENTERPRISE") {
      s.enterprises += n;
      if (small) s.smallMicro += n;
    } else if (SOCIAL.includes(kind!)) s.socialSources += n;
  }
  let collectionKg = new Map<number, string>();
  let receivedKg = new Map<number, string>();
  for (const r of flows) {
    const s = get(r.district_id);
    const n = Number(r.n);
    if (r.metric === "hazard.found") s.hazardsFound += n;
    else if (r.metric === "hazard.rectified") s.hazardsRectified += n;
    else if (r.metric === "training.attendees") s.trainingAttendees += n;
    else if (r.metric === "manifest.created") s.manifestsCreated += n;
    else if (r.metric === "manifest.received") {
      s.manifestsReceived += n;
      receivedKg.set(r.district_id, addDec(receivedKg.get(r.district_id) ?? "0", r.amount));
    } else if (r.metric.startsWith("collection:")) {
      s.collectionRuns += n;
      collectionKg.set(r.district_id, addDec(collectionKg.get(r.district_id) ?? "0", r.amount));
    }
  }
  for (const [d, kg] of receivedKg) get(d).receivedTonnes = kgToT(kg);
  for (const [d, kg] of collectionKg) get(d).collectionTonnes = kgToT(kg);
  for (const r of stocks) {
    const s = get(r.district_id);
    if (r.subject === "hazard" && r.state !== "VERIFIED") s.hazardsOpen += Number(r.n);
    if (r.subject === "manifest" && r.state === "PICKED_UP") s.manifestsInTransit += Number(r.n);
  }
  collectionKg = new Map();
  receivedKg = new Map();
  return [...out.values()].sort((a, b) => a.districtId - b.districtId);
}

/** Sums district rows (exact). */
export function sumStats(list: DistrictStats[]): Omit<DistrictStats, "districtId"> {
  const z: Omit<DistrictStats, "districtId"> = { enterprises: 0, smallMicro: 0, socialSources: 0, hazardsFound: 0, hazardsRectified: 0, hazardsOpen: 0, trainingAttendees: 0, manifestsCreated: 0, manifestsReceived: 0, receivedTonnes: "0.000", manifestsInTransit: 0, collectionRuns: 0, collectionTonnes: "0.000" };
  for (const s of list) {
    for (const k of Object.keys(z) as (keyof typeof z)[]) {
      if (k === "receivedTonnes" || k === "collectionTonnes") z[k] = addDec(z[k], s[k]);
      else (z[k] as number) += s[k] as number;
    }
  }
  return z;
}

/** Manifests by state now (count and declared kg). */
export async function manifestsByState(tx: Tx, districtId?: number | null): Promise<{ state: string; count: number; declaredKg: string }[]> {
  return (
    await rows<{ state: string; n: string; amount: string }>(
      tx,
      sql`select state, sum(n)::text as n, sum(amount)::numeric(18,3)::text as amount from hazardous.state_stats where subject = 'manifest' ${districtId ? sql`and district_id = ${districtId}` : sql``} group by state`,
    )
  ).map((r) => ({ state: r.state, count: Number(r.n), declaredKg: r.amount }));
}

/** Hazards by status now. */
export async function hazardsByStatus(tx: Tx, districtId?: number | null): Promise<{ status: string; count: number }[]> {
  return (
    await rows<{ state: string; n: string }>(tx, sql`select state, sum(n)::text as n from hazardous.state_stats where subject = 'hazard' ${districtId ? sql`and district_id = ${districtId}` : sql``} group by state`)
  ).map((r) => ({ status: r.state, count: Number(r.n) }));
}

const yearBefore = (d: Date) => new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));

/** The overview's figures for this stream. */
export async function overviewFigures(tx: Tx, q: FigureQuery): Promise<StreamFigure[]> {
  const cur = sumStats(await districtStats(tx, { from: q.from, to: q.to, districtId: q.districtId }));
  const prev = sumStats(await districtStats(tx, { from: yearBefore(q.from), to: yearBefore(q.to), districtId: q.districtId }));
  const states = await manifestsByState(tx, q.districtId);
  const f = (key: string, labelZh: string, labelEn: string, unit: string, value: string | number, previous: string | number | null, link: string): StreamFigure => ({
    key: `hazardous.${key}`,
    labelZh,
    labelEn,
    unit,
    value: String(value),
    previous: previous == null ? null : String(previous),
    link,
  });
  const out: StreamFigure[] = [
    f("units.industrial", "排查工业企业", "Industrial enterprises in the census", "家", cur.enterprises, prev.enterprises, "/hazardous/units"),
    f("units.smallMicro", "其中小微企业", "of which small/micro", "家", cur.smallMicro, prev.smallMicro, "/hazardous/units?smallMicro=true"),
    f("units.socialSources", "社会源", "Social sources", "家", cur.socialSources, prev.socialSources, "/hazardous/units?social=true"),
    f("hazards.found", "发现问题隐患", "Hazards found", "个", cur.hazardsFound, prev.hazardsFound, "/hazardous/hazards"),
    f("hazards.rectified", "完成整改", "Hazards rectified", "个", cur.hazardsRectified, prev.hazardsRectified, "/hazardous/hazards?status=VERIFIED"),
    f("hazards.open", "未销号隐患", "Hazards still open", "个", cur.hazardsOpen, null, "/hazardous/hazards?open=true"),
    f("training.attendees", "培训人次", "People trained", "人次", cur.trainingAttendees, prev.trainingAttendees, "/hazardous/census"),
    f("manifests.created", "新建转移联单", "Transfer manifests created", "份", cur.manifestsCreated, prev.manifestsCreated, "/hazardous/manifests"),
    f("manifests.receivedTonnes", "联单接收量", "Tonnes received under manifests", "t", cur.receivedTonnes, prev.receivedTonnes, "/hazardous/manifests?state=RECEIVED"),
    f("manifests.inTransit", "在途联单", "Manifests in transit", "份", cur.manifestsInTransit, null, "/hazardous/manifests?state=PICKED_UP"),
    f("collections.runs", "小微收运家次", "Small/micro collections", "家次", cur.collectionRuns, prev.collectionRuns, "/hazardous/collection"),
    f("collections.tonnes", "小微收运量", "Small/micro collection tonnage", "t", cur.collectionTonnes, prev.collectionTonnes, "/hazardous/collection"),
  ];
  for (const s of ["DRAFT", "SUBMITTED", "PICKED_UP", "RECEIVED", "ACCEPTED", "PARTLY_REJECTED", "REJECTED", "DISPOSED", "CLOSED", "CANCELLED"]) {
    const r = states.find((x) => x.state === s);
    out.push(f(`manifests.state.${s}`, `联单（${s}）`, `Manifests ${s}`, "份", r?.count ?? 0, null, `/hazardous/manifests?state=${s}`));
  }
  return out;
}

export interface CategoryCapacity {
  districtId: number;
  category: string;
  generatedT: string;
  previousGeneratedT: string;
  utilisationT: string;
  disposalT: string;
  projectedGeneratedT: string;
  projectedCapacityT: string;
}

export const PLAN_END_YEAR = 2025;

/** Share of `year` elapsed through today (Asia/Shanghai); 1 for a past year. */
export function runningYearShare(year: number, now = new Date()): number {
  const start = Date.parse(`${year}-01-01T00:00:00Z`);
  const end = Date.parse(`${year + 1}-01-01T00:00:00Z`);
  const tomorrow = Date.parse(`${shanghaiDay(new Date(now.getTime() + 86_400_000))}T00:00:00Z`);
  if (tomorrow >= end) return 1;
  return Math.max(1 / 366, (tomorrow - start) / (end - start));
}

/**
 * Generation (manifested + collected, by waste category and the producer's district) in the year against
 * the licensed utilisation and disposal capacity of the district's facilities; projected to the end of the
 * plan period with the year-on-year growth (clamped to −20 %…+30 %) and the capacity licensed by then.
 */
export async function capacityMatching(tx: Tx, q: CapacityQuery): Promise<CategoryCapacity[]> {
  const planEndYear = Math.max(q.year, q.planEndYear ?? PLAN_END_YEAR);
  const dist = (col: string) => (q.districtId ? sql`and ${sql.raw(col)} = ${q.districtId}` : sql``);
  const gen = await rows<{ district_id: number; category: string; y: number; kg: string }>(
    tx,
    sql`select district_id, substr(metric, 12) as category, extract(year from day)::int as y, sum(amount)::text as kg from hazardous.daily_stats
        where metric like 'generation:%' and day >= ${`${q.year - 1}-01-01`}::date and day < ${`${q.year + 1}-01-01`}::date ${dist("district_id")} group by 1, 2, 3`,
  );
  const yearEnd = `${q.year}-12-31`;
  const planEnd = `${planEndYear}-12-31`;
  const caps = await rows<{ district_id: number; category: string; method: string; now_t: string; plan_t: string }>(
    tx,
    sql`select f.district_id, c.category, c.method,
               coalesce(sum(c.tonnes_per_year) filter (where c.starts_on <= ${yearEnd}::date), 0)::text as now_t,
               coalesce(sum(c.tonnes_per_year) filter (where c.starts_on <= ${planEnd}::date), 0)::text as plan_t
        from hazardous.facility_capacities c join hazardous.facilities f on f.id = c.facility_id
        where true ${dist("f.district_id")} group by 1, 2, 3`,
  );
  const out = new Map<string, CategoryCapacity & { util: number; disp: number; planCap: number; gen: number; prev: number }>();
  const get = (d: number, c: string) => {
    const k = `${d}|${c}`;
    let r = out.get(k);
    if (!r) out.set(k, (r = { districtId: d, category: c, generatedT: "0.000", previousGeneratedT: "0.000", utilisationT: "0.000", disposalT: "0.000", projectedGeneratedT: "0.000", projectedCapacityT: "0.000", util: 0, disp: 0, planCap: 0, gen: 0, prev: 0 }));
    return r;
  };
  for (const g of gen) {
    const r = get(g.district_id, g.category);
    if (g.y === q.year) r.generatedT = kgToT(g.kg);
    else r.previousGeneratedT = kgToT(g.kg);
  }
  for (const c of caps) {
    const r = get(c.district_id, c.category);
    if (c.method === "UTILISATION") r.utilisationT = addDec(r.utilisationT, c.now_t);
    else r.disposalT = addDec(r.disposalT, c.now_t);
    r.projectedCapacityT = addDec(r.projectedCapacityT, c.plan_t);
  }
  const years = Math.max(0, planEndYear - q.year);
  // A running year: its rate so far (annualised) is projected, and the growth compares the same days
  // of the year before — not the days so far against a whole year.
  const share = runningYearShare(q.year);
  const samePrev = new Map<string, number>();
  if (share < 1) {
    const cut = shanghaiDay(new Date(Date.now() + 86_400_000));
    const prevCut = `${q.year - 1}${cut.slice(4) === "-02-29" ? "-02-28" : cut.slice(4)}`;
    for (const g of await rows<{ district_id: number; category: string; kg: string }>(
      tx,
      sql`select district_id, substr(metric, 12) as category, sum(amount)::text as kg from hazardous.daily_stats
          where metric like 'generation:%' and day >= ${`${q.year - 1}-01-01`}::date and day < ${prevCut}::date ${dist("district_id")} group by 1, 2`,
    ))
      samePrev.set(`${g.district_id}|${g.category}`, Number(kgToT(g.kg)));
  }
  for (const r of out.values()) {
    const g = Number(r.generatedT);
    const p = share < 1 ? (samePrev.get(`${r.districtId}|${r.category}`) ?? 0) : Number(r.previousGeneratedT);
    const growth = p > 0 ? Math.min(1.3, Math.max(0.8, g / p)) : 1;
    r.projectedGeneratedT = ((g / share) * growth ** years).toFixed(3);
  }
  return [...out.values()]
    .map(({ util: _u, disp: _d, planCap: _p, gen: _g, prev: _v, ...rest }) => rest)
    .sort((a, b) => a.districtId - b.districtId || a.category.localeCompare(b.category));
}

export const hazardousOverview: OverviewProvider = {
  figures: overviewFigures,
  async capacity(tx, q): Promise<CapacityRow[]> {
    const list = await capacityMatching(tx, q);
    const byDistrict = new Map<number, CapacityRow>();
    for (const r of list) {
      let row = byDistrict.get(r.districtId);
      if (!row) byDistrict.set(r.districtId, (row = { districtId: r.districtId, category: "hazardous", unit: "t", generated: "0.000", generatedToDate: runningYearShare(q.year) < 1, capacity: "0.000", projectedGenerated: "0.000", projectedCapacity: "0.000" }));
      row.generated = addDec(row.generated, r.generatedT);
      row.capacity = addDec(addDec(row.capacity, r.utilisationT), r.disposalT);
      row.projectedGenerated = addDec(row.projectedGenerated, r.projectedGeneratedT);
      row.projectedCapacity = addDec(row.projectedCapacity, r.projectedCapacityT);
    }
    return [...byDistrict.values()].sort((a, b) => a.districtId - b.districtId);
  },
};
