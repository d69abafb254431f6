/**
 * The recycling stream's figures for the leadership overview, from the rollups only.
 */
import { sql } from "drizzle-orm";
import type { CapacityQuery, CapacityRow, FigureQuery, OverviewProvider, StreamFigure } from "../core/module.js";
import { rows, type Tx } from "../core/db.js";
import { firstDataDay, gramsToTonnes, indicators } from "./dashboard.js";
import { addDays, addMonths, dayOf, daysBetween, quarterStart, yearBefore } from "./time.js";

/** End of the 14th Five-Year plan period (十四五). */
export const PLAN_END_YEAR = 2025;
/** Assumed yearly growth of recyclables generated, for the projection to the plan's end. */
export const GENERATION_GROWTH = 0.05;

/** Distinct active cards of a calendar period from its rollup (kind D/M/Q/Y starting at `start`). */
async function periodActiveCards(tx: Tx, kind: "D" | "M" | "Q" | "Y", start: string, districtId: number | null): Promise<number> {
  const x = await rows<{ n: number | null }>(
    tx,
    sql`select sum(active_cards)::int as n from recycling.roll_active_cards where kind = ${kind} and start = ${start}::date ${districtId != null ? sql`and district_id = ${districtId}` : sql``}`,
  );
  return x[0]?.n ?? 0;
}

/**
 * A running period counted to today, [start, tomorrow): nothing is recorded after today, so its
 * distinct active cards are those of the whole calendar period (exact, from the period rollup).
 */
function runningPeriod(from: string, to: string, today: string): { kind: "D" | "M" | "Q" | "Y"; start: string } | null {
  if (to <= today) return null;
  const candidates: { kind: "D" | "M" | "Q" | "Y"; end: string }[] = [
    { kind: "D", end: addDays(from, 1) },
    ...(from.endsWith("-01") ? [{ kind: "M" as const, end: addMonths(from, 1) }] : []),
    ...(from.endsWith("-01") && quarterStart(from) === from ? [{ kind: "Q" as const, end: addMonths(from, 3) }] : []),
    ...(from.endsWith("-01-01") ? [{ kind: "Y" as const, end: addMonths(from, 12) }] : []),
  ];
  const c = candidates.find((x) => x.end >= to);
  return c ? { kind: c.kind, start: from } : null;
}

async function figures(tx: Tx, q: FigureQuery): Promise<StreamFigure[]> {
  const from = dayOf(q.from);
  const to = dayOf(q.to);
  const today = dayOf(new Date());
  // Distinct active cards are exact only per calendar period (roll_active_cards) or by counting
  // card_days (a scan). A running period uses its calendar period's rollup; its previous-year span
  // (part of a period) has no rollup, so active cards and participation get no comparison then.
  const running = runningPeriod(from, to, today);
  const cur = await indicators(tx, { from, to, districtId: q.districtId }, { activeCards: !running });
  if (running) {
    cur.activeCards = await periodActiveCards(tx, running.kind, running.start, q.districtId);
    cur.participationPct = cur.cardsTotal > 0 ? Math.round((cur.activeCards / cur.cardsTotal) * 1000) / 10 : null;
  }
  const first = await firstDataDay(tx);
  const pFrom = yearBefore(from);
  const pTo = yearBefore(to);
  const hasPrevious = first != null && first <= pFrom; // only when the earlier period is fully covered by data
  const prev = hasPrevious ? await indicators(tx, { from: pFrom, to: pTo, districtId: q.districtId }, { activeCards: !running }) : null;
  const prevActive = prev && !running ? prev : null;
  const f = (key: string, labelZh: string, labelEn: string, unit: string, value: string, previous: string | null, link: string): StreamFigure => ({ key: `recycling.${key}`, labelZh, labelEn, unit, value, previous, link });
  return [
    f("tonnage", "再生资源回收量", "Recyclables collected", "t", cur.tonnes, prev?.tonnes ?? null, "/recycling/dashboard"),
    f("activeCards", "活跃积分卡", "Active points cards", "张", String(cur.activeCards), prevActive ? String(prevActive.activeCards) : null, "/recycling/cards"),
    f("pointsIssued", "发放积分", "Points issued", "分", cur.pointsIssued, prev?.pointsIssued ?? null, "/recycling/dashboard"),
    f("pointsRedeemed", "兑换积分", "Points redeemed", "分", cur.pointsRedeemed, prev?.pointsRedeemed ?? null, "/recycling/merchants"),
    f("redemptionYuan", "兑换金额", "Redemption value", "元", cur.redemptionYuan, prev?.redemptionYuan ?? null, "/recycling/merchants"),
    f("participationPct", "居民参与率", "Residents taking part", "%", cur.participationPct?.toFixed(1) ?? "0.0", prevActive?.participationPct != null ? prevActive.participationPct.toFixed(1) : null, "/recycling/dashboard"),
    f("cards", "积分卡总数", "Points cards issued", "张", String(cur.cardsTotal), null, "/recycling/cards"),
  ];
}

/**
 * 产生量与利用处置量相匹配 — recyclables per district: collected in the year against the network's
 * sorting and handling capacity (stations' tonnes per day × 365, counting those open by the year's
 * end), projected to the end of the plan period (generation growing 5 % a year; capacity adding
 * stations planned to open by then).
 */
async function capacity(tx: Tx, q: CapacityQuery): Promise<CapacityRow[]> {
  const from = `${q.year}-01-01`;
  const to = `${q.year + 1}-01-01`;
  const planEndYear = Math.max(q.year, q.planEndYear ?? PLAN_END_YEAR);
  const planEnd = `${planEndYear}-12-31`;
  // A running year counts the days so far: its rate (annualised) is what the projection grows.
  const tomorrow = addDays(dayOf(new Date()), 1);
  const share = tomorrow >= to ? 1 : Math.max(1, daysBetween(from, tomorrow)) / daysBetween(from, to);
  const gen = await rows<{ district_id: number; g: string }>(
    tx,
    sql`select district_id, sum(weight_grams)::text as g from recycling.roll_district_day where day >= ${from}::date and day < ${to}::date group by district_id`,
  );
  const cap = await rows<{ district_id: number; now_tpd: string; plan_tpd: string }>(
    tx,
    sql`select district_id, coalesce(sum(capacity_tpd) filter (where opened_on < ${to}::date), 0)::text as now_tpd,
               coalesce(sum(capacity_tpd) filter (where opened_on <= ${planEnd}::date), 0)::text as plan_tpd
        from recycling.stations where active group by district_id`,
  );
  const ids = [...new Set([...gen.map((g) => g.district_id), ...cap.map((c) => c.district_id)])].filter((d) => q.districtId == null || d === q.districtId).sort();
  const years = Math.max(0, planEndYear - q.year);
  return ids.map((d) => {
    const g = BigInt(gen.find((x) => x.district_id === d)?.g ?? "0");
    const c = cap.find((x) => x.district_id === d);
    const tonnes = Number(gramsToTonnes(g));
    return {
      districtId: d,
      category: "recyclables",
      unit: "t",
      generated: gramsToTonnes(g),
      generatedToDate: share < 1,
      capacity: (Number(c?.now_tpd ?? 0) * 365).toFixed(3),
      projectedGenerated: ((tonnes / share) * Math.pow(1 + GENERATION_GROWTH, years)).toFixed(3),
      projectedCapacity: (Number(c?.plan_tpd ?? 0) * 365).toFixed(3),
    };
  });
}

export const recyclingOverview: OverviewProvider = { figures, capacity };
