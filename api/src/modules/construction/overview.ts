/**
 * Read models and figures of the spoil stream: the leadership overview's figures (from the daily
 * rollups kept current by the writes), capacity matching per company and per district
 * (承运能力 vs 工地产土量; 产生量与消纳能力相匹配), and capacity rows projected to the end of the plan (2025).
 *
 * Capacity conventions (documented in docs/architecture.md):
 * - a site's spoil is spread evenly over its period (m³ per day = planned / days);
 * - fill places (capacity basis TOTAL) offer their remaining volume; plants and centres (ANNUAL) their
 *   yearly capacity from their commissioning date; mud in tonnes converts at MUD_T_PER_M3; the wharf's
 *   daily capacity counts WHARF_DAYS_PER_YEAR days;
 * - a company's fleet moves TRIPS_PER_DAY loads per vehicle per day; a site served by several
 *   companies splits its daily output evenly between them.
 */
import { sql } from "drizzle-orm";
import { caseStatistics } from "../core/cases.js";
import { rows, row, type Tx } from "../core/db.js";
import type { CapacityQuery, CapacityRow, FigureQuery, OverviewProvider, StreamFigure } from "../core/module.js";
import { shanghaiDay } from "./registers.js";

export const MUD_T_PER_M3 = 1.3;
export const WHARF_DAYS_PER_YEAR = 300;
export const TRIPS_PER_DAY = 4;
export const PLAN_END_YEAR = 2025;

const yearBefore = (d: Date) => new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()));

const f2 = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

async function rollup(tx: Tx, districtId: number | null, from: Date, to: Date) {
  return row<{ moved: string; trips: number; issued: number }>(
    tx,
    sql`select coalesce(sum(moved_m3), 0)::text as moved, coalesce(sum(trips), 0)::int as trips, coalesce(sum(permits_issued), 0)::int as issued
        from construction.district_daily where day >= ${shanghaiDay(from)} and day < ${shanghaiDay(to)} ${districtId ? sql`and district_id = ${districtId}` : sql``}`,
  );
}

export async function constructionFigures(tx: Tx, q: FigureQuery): Promise<StreamFigure[]> {
  const d = q.districtId && q.districtId !== 330600 ? q.districtId : null;
  const cur = await rollup(tx, d, q.from, q.to);
  const prev = await rollup(tx, d, yearBefore(q.from), yearBefore(q.to));
  const stock = await row<{ left: string; sites: number; active: number; alerts: number }>(
    tx,
    sql`select
      (select coalesce(sum(greatest(capacity - received_m3, 0)), 0)::text from construction.disposal_places where capacity_basis = 'TOTAL' and capacity_unit = 'M3' and status <> 'CLOSED' ${d ? sql`and district_id = ${d}` : sql``}) as left,
      (select count(*)::int from construction.sites where status in ('REGISTERED','ACTIVE') ${d ? sql`and district_id = ${d}` : sql``}) as sites,
      (select count(*)::int from construction.permits where status = 'ACTIVE' and valid_from <= now() and valid_to > now() ${d ? sql`and district_id = ${d}` : sql``}) as active,
      (select count(*)::int from core.alerts where stream = 'construction' and status <> 'CLOSED' ${d ? sql`and district_id = ${d}` : sql``}) as alerts`,
  );
  const cs = await caseStatistics(tx, { stream: "construction", districtId: d, from: q.from, to: q.to });
  return [
    { key: "construction.spoilMovedM3", labelZh: "渣土外运量", labelEn: "Spoil moved", unit: "m³", value: cur!.moved, previous: prev!.moved, link: "/construction/manifests" },
    { key: "construction.trips", labelZh: "运输趟次", labelEn: "Trips", unit: "趟", value: String(cur!.trips), previous: String(prev!.trips), link: "/construction/manifests" },
    { key: "construction.disposalCapacityLeftM3", labelZh: "剩余消纳库容", labelEn: "Disposal capacity left", unit: "m³", value: stock!.left, previous: null, link: "/construction/disposal-places" },
    { key: "construction.permitsIssued", labelZh: "核发准运证", labelEn: "Permits issued", unit: "张", value: String(cur!.issued), previous: String(prev!.issued), link: "/construction/permits" },
    { key: "construction.permitsActive", labelZh: "有效准运证", labelEn: "Permits in force", unit: "张", value: String(stock!.active), previous: null, link: "/construction/permits" },
    { key: "construction.sitesRegistered", labelZh: "备案在建工地", labelEn: "Registered sites", unit: "个", value: String(stock!.sites), previous: null, link: "/construction/sites" },
    { key: "construction.cases", labelZh: "渣土案件", labelEn: "Spoil cases", unit: "起", value: String(cs.count), previous: String(cs.previousCount), link: "/construction/cases" },
    { key: "construction.finesYuan", labelZh: "罚款金额", labelEn: "Fines", unit: "元", value: cs.fineYuan, previous: cs.previousFineYuan, link: "/construction/cases" },
    { key: "construction.alertsOpen", labelZh: "未关闭预警", labelEn: "Open alerts", unit: "条", value: String(stock!.alerts), previous: null, link: "/construction/alerts" },
  ];
}

function overlapDays(aFrom: string, aTo: string, bFrom: string, bTo: string): number {
  const from = aFrom > bFrom ? aFrom : bFrom;
  const to = aTo < bTo ? aTo : bTo;
  if (to < from) return 0;
  return (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
}
const daysOf = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

/** Plain: a site's spoil falling in [from, to] (inclusive days), spread evenly over its period. */
export function siteSpoilIn(s: { plannedVolumeM3: number; periodFrom: string; periodTo: string }, from: string, to: string): number {
  return (s.plannedVolumeM3 * overlapDays(s.periodFrom, s.periodTo, from, to)) / daysOf(s.periodFrom, s.periodTo);
}

/** Plain: a place's yearly capacity in m³ (ANNUAL and wharf), prorated from its commissioning date. */
export function annualCapacityM3(p: { kind: string; capacityBasis: string; capacity: number; capacityUnit: string; dailyCapacity: number | null; openFrom: string }, year: number): number {
  const yFrom = `${year}-01-01`;
  const yTo = `${year}-12-31`;
  const share = overlapDays(p.openFrom, "9999-12-31", yFrom, yTo) / daysOf(yFrom, yTo);
  if (p.kind === "WHARF" && p.dailyCapacity) return p.dailyCapacity * WHARF_DAYS_PER_YEAR * share;
  if (p.capacityBasis !== "ANNUAL") return 0;
  const m3 = p.capacityUnit === "T" ? p.capacity / MUD_T_PER_M3 : p.capacity;
  return m3 * share;
}

interface SiteLite {
  districtId: number;
  plannedVolumeM3: number;
  movedVolumeM3: number;
  periodFrom: string;
  periodTo: string;
}
interface PlaceLite {
  districtId: number;
  kind: string;
  capacityBasis: string;
  capacity: number;
  capacityUnit: string;
  dailyCapacity: number | null;
  receivedM3: number;
  openFrom: string;
  status: string;
}

async function registers(tx: Tx, districtId: number | null): Promise<{ sites: SiteLite[]; places: PlaceLite[] }> {
  const s = await rows<{ district_id: number; planned: string; moved: string; period_from: string; period_to: string }>(
    tx,
    sql`select district_id, planned_volume_m3::text as planned, moved_volume_m3::text as moved, period_from::text, period_to::text from construction.sites where status in ('REGISTERED','ACTIVE','COMPLETED') ${districtId ? sql`and district_id = ${districtId}` : sql``}`,
  );
  const p = await rows<{ district_id: number; kind: string; capacity_basis: string; capacity: string; capacity_unit: string; daily_capacity: string | null; received_m3: string; open_from: string; status: string }>(
    tx,
    sql`select district_id, kind, capacity_basis, capacity::text, capacity_unit, daily_capacity::text, received_m3::text, open_from::text, status from construction.disposal_places where status <> 'CLOSED' and kind <> 'GREEN_COMPLEX' ${districtId ? sql`and district_id = ${districtId}` : sql``}`,
  );
  return {
    sites: s.map((r) => ({ districtId: r.district_id, plannedVolumeM3: Number(r.planned), movedVolumeM3: Number(r.moved), periodFrom: r.period_from, periodTo: r.period_to })),
    places: p.map((r) => ({ districtId: r.district_id, kind: r.kind, capacityBasis: r.capacity_basis, capacity: Number(r.capacity), capacityUnit: r.capacity_unit, dailyCapacity: r.daily_capacity == null ? null : Number(r.daily_capacity), receivedM3: Number(r.received_m3), openFrom: r.open_from, status: r.status })),
  };
}

/**
 * Plain: capacity rows per district for `year`: spoil generated in the year against capacity (fill
 * volume remaining + yearly capacity of plants), and cumulatively to the end of the plan (2025).
 */
export function capacityRowsOf(sites: SiteLite[], places: PlaceLite[], year: number, districtIds: number[], planEndYear: number = PLAN_END_YEAR): CapacityRow[] {
  const out: CapacityRow[] = [];
  for (const d of districtIds) {
    const ds = sites.filter((s) => s.districtId === d);
    const dp = places.filter((p) => p.districtId === d);
    const generated = ds.reduce((a, s) => a + siteSpoilIn(s, `${year}-01-01`, `${year}-12-31`), 0);
    const projectedGenerated = ds.reduce((a, s) => a + siteSpoilIn(s, `${year}-01-01`, `${planEndYear}-12-31`), 0);
    const fillLeft = dp.filter((p) => p.capacityBasis === "TOTAL" && p.capacityUnit === "M3" && p.kind !== "WHARF").reduce((a, p) => a + Math.max(0, p.capacity - p.receivedM3), 0);
    let annual = 0;
    let annualToPlanEnd = 0;
    for (const p of dp) {
      annual += annualCapacityM3(p, year);
      for (let y = year; y <= planEndYear; y++) annualToPlanEnd += annualCapacityM3(p, y);
    }
    out.push({ districtId: d, category: "spoil", unit: "m³", generated: f2(generated), capacity: f2(fillLeft + annual), projectedGenerated: f2(projectedGenerated), projectedCapacity: f2(fillLeft + annualToPlanEnd), projectionBasis: "CUMULATIVE" });
  }
  return out;
}

const DISTRICT_IDS = [330602, 330603, 330604, 330681, 330683, 330624];

export async function constructionCapacity(tx: Tx, q: CapacityQuery): Promise<CapacityRow[]> {
  const d = q.districtId && q.districtId !== 330600 ? q.districtId : null;
  const { sites, places } = await registers(tx, d);
  return capacityRowsOf(sites, places, q.year, d ? [d] : DISTRICT_IDS, Math.max(q.year, q.planEndYear ?? PLAN_END_YEAR));
}

export const constructionOverview: OverviewProvider = { figures: constructionFigures, capacity: constructionCapacity };

// ——— company capacity matching ———

export interface CompanyMatch {
  companyId: number;
  name: string;
  districtId: number;
  vehicleCount: number;
  fleetCapacityM3PerDay: number;
  sitesServed: number;
  demandM3PerDay: number;
  shortfallM3PerDay: number;
}

/** Plain: a company's fleet capacity per day. */
export function fleetCapacityPerDay(fleetLoadM3: number): number {
  return fleetLoadM3 * TRIPS_PER_DAY;
}

/** Per company: daily output of the active sites it serves (split between carriers) vs its fleet's daily capacity. */
export async function companyMatching(tx: Tx, f: { districtId?: number | null; companyId?: number | null; onlyShortfall?: boolean; today?: string }): Promise<CompanyMatch[]> {
  const today = f.today ?? shanghaiDay(new Date());
  const r = await rows<{ id: number; name: string; district_id: number; vehicle_count: number; fleet: string; sites: number; demand: string | null }>(
    tx,
    sql`with carriers as (select site_id, count(*) as n from construction.site_carriers group by site_id),
      demand as (
        select sc.company_id, count(*)::int as sites,
          sum(greatest(s.planned_volume_m3 - s.moved_volume_m3, 0) / greatest(s.period_to - greatest(s.period_from, ${today}::date) + 1, 1) / c.n) as per_day
        from construction.site_carriers sc join construction.sites s on s.id = sc.site_id join carriers c on c.site_id = sc.site_id
        where s.status in ('REGISTERED','ACTIVE') and s.period_to >= ${today}::date
        group by sc.company_id)
      select co.id, co.name, co.district_id, co.vehicle_count, co.fleet_load_m3::text as fleet, coalesce(d.sites, 0)::int as sites, d.per_day::text as demand
      from construction.companies co left join demand d on d.company_id = co.id
      where true ${f.districtId ? sql`and co.district_id = ${f.districtId}` : sql``} ${f.companyId ? sql`and co.id = ${f.companyId}` : sql``}
      order by co.id`,
  );
  const out = r.map((x) => {
    const cap = fleetCapacityPerDay(Number(x.fleet));
    const demand = Number(x.demand ?? 0);
    return { companyId: x.id, name: x.name, districtId: x.district_id, vehicleCount: x.vehicle_count, fleetCapacityM3PerDay: Math.round(cap * 100) / 100, sitesServed: x.sites, demandM3PerDay: Math.round(demand * 100) / 100, shortfallM3PerDay: Math.round(Math.max(0, demand - cap) * 100) / 100 };
  });
  return f.onlyShortfall ? out.filter((x) => x.shortfallM3PerDay > 0) : out;
}

export interface DistrictMatch {
  districtId: number;
  spoilToMoveM3: number;
  disposalCapacityLeftM3: number;
  annualPlantCapacityM3: number;
  shortfallM3: number;
}

/** Per district: spoil still to move from registered sites vs remaining fill capacity plus a year of plant capacity. */
export async function districtMatching(tx: Tx, districtId: number | null, year = Number(shanghaiDay(new Date()).slice(0, 4))): Promise<DistrictMatch[]> {
  const { sites, places } = await registers(tx, districtId);
  return (districtId ? [districtId] : DISTRICT_IDS).map((d) => {
    const toMove = sites.filter((s) => s.districtId === d).reduce((a, s) => a + Math.max(0, s.plannedVolumeM3 - s.movedVolumeM3), 0);
    const dp = places.filter((p) => p.districtId === d);
    const left = dp.filter((p) => p.capacityBasis === "TOTAL" && p.capacityUnit === "M3" && p.kind !== "WHARF").reduce((a, p) => a + Math.max(0, p.capacity - p.receivedM3), 0);
    const annual = dp.reduce((a, p) => a + annualCapacityM3(p, year), 0);
    return { districtId: d, spoilToMoveM3: Math.round(toMove), disposalCapacityLeftM3: Math.round(left), annualPlantCapacityM3: Math.round(annual), shortfallM3: Math.round(Math.max(0, toMove - left - annual)) };
  });
}
