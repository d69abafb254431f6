/**
 * The cells stream's figures for the leadership overview, read from the rollups kept current by
 * the writes (stock_counts, daily_counts, indicator_status, index_scores, provincial_index).
 */
import { and, eq, gte, like, lt, sql } from "drizzle-orm";
import { row, type Tx } from "../core/db.js";
import type { FigureQuery, OverviewProvider, StreamFigure } from "../core/module.js";
import { CITY_DISTRICT_ID, shanghaiDay, shanghaiQuarter } from "./common.js";
import { cellTypes, dailyCounts, indexScores, indicatorStatus, provincialIndex, stockCounts } from "./tables.js";

function yearBefore(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(4);
  return md === "-02-29" ? `${y}-02-28` : `${y}${md}`;
}

async function dailySum(tx: Tx, metric: string, districtId: number | null, from: string, to: string): Promise<number> {
  const r = await row<{ n: string }>(
    tx,
    sql`select coalesce(sum(${dailyCounts.n}), 0)::text as n from ${dailyCounts}
        where ${and(eq(dailyCounts.metric, metric), gte(dailyCounts.day, from), lt(dailyCounts.day, to), districtId != null ? eq(dailyCounts.districtId, districtId) : undefined)}`,
  );
  return Number(r?.n ?? 0);
}

async function stockSum(tx: Tx, metric: string, districtId: number | null, dimLike?: string): Promise<number> {
  const r = await row<{ n: string }>(
    tx,
    sql`select coalesce(sum(${stockCounts.n}), 0)::text as n from ${stockCounts}
        where ${and(eq(stockCounts.metric, metric), districtId != null ? eq(stockCounts.districtId, districtId) : undefined, dimLike ? like(stockCounts.dim, dimLike) : undefined)}`,
  );
  return Number(r?.n ?? 0);
}

async function onTrackShare(tx: Tx, districtId: number, year: number): Promise<string | null> {
  const r = await row<{ good: number; data: number }>(
    tx,
    sql`select count(*) filter (where status in ('ACHIEVED','ON_TRACK'))::int as good, count(*) filter (where status <> 'NO_DATA')::int as data
        from ${indicatorStatus} where ${and(eq(indicatorStatus.year, year), eq(indicatorStatus.districtId, districtId))}`,
  );
  if (!r || !r.data) return null;
  return ((r.good * 100) / r.data).toFixed(1);
}

async function indexAt(tx: Tx, districtId: number, atMost: { year: number; quarter: number }) {
  const [r] = await tx
    .select()
    .from(indexScores)
    .where(and(eq(indexScores.districtId, districtId), sql`(${indexScores.year} * 4 + ${indexScores.quarter}) <= ${atMost.year * 4 + atMost.quarter}`))
    .orderBy(sql`${indexScores.year} desc, ${indexScores.quarter} desc`)
    .limit(1);
  return r ?? null;
}

async function provincialRankAt(tx: Tx, atMost: { year: number; quarter: number }): Promise<number | null> {
  const [r] = await tx
    .select({ rank: provincialIndex.rank })
    .from(provincialIndex)
    .where(and(sql`${provincialIndex.cityZh} in ('绍兴市', '绍兴')`, sql`(${provincialIndex.year} * 4 + ${provincialIndex.quarter}) <= ${atMost.year * 4 + atMost.quarter}`))
    .orderBy(sql`${provincialIndex.year} desc, ${provincialIndex.quarter} desc`)
    .limit(1);
  return r?.rank ?? null;
}

export interface IndexPoint {
  districtId: number;
  year: number;
  quarter: number;
  value: string;
  /** Rank among the six districts (null for the city). */
  rank: number | null;
  coverage: string;
}

export interface IndexSeries {
  /** The latest quarter with scores at or before the one asked for (null: no index yet). */
  period: { year: number; quarter: number } | null;
  /** Scores of the city and the districts for the `quarters` quarters up to `period`, oldest first. */
  points: IndexPoint[];
  /** Shaoxing's rank in the province's published ranking at `period` (null if none entered). */
  provincialRank: number | null;
}

/**
 * The zero-waste index for the overview's ranking and map: the latest quarter at or before `atMost`
 * and the trend over the last `quarters` quarters, from the index read model (index_scores, kept
 * current in the transactions that report values or change targets).
 */
export async function indexSeries(tx: Tx, opts: { atMost?: { year: number; quarter: number } | null; quarters?: number }): Promise<IndexSeries> {
  const quarters = Math.max(1, Math.min(20, opts.quarters ?? 8));
  const latest = await tx
    .select({ year: indexScores.year, quarter: indexScores.quarter })
    .from(indexScores)
    .where(opts.atMost ? sql`(${indexScores.year} * 4 + ${indexScores.quarter}) <= ${opts.atMost.year * 4 + opts.atMost.quarter}` : undefined)
    .orderBy(sql`${indexScores.year} desc, ${indexScores.quarter} desc`)
    .limit(1);
  const period = latest[0] ?? null;
  if (!period) return { period: null, points: [], provincialRank: null };
  const to = period.year * 4 + period.quarter;
  const list = await tx
    .select({ districtId: indexScores.districtId, year: indexScores.year, quarter: indexScores.quarter, value: indexScores.value, rank: indexScores.rank, coverage: indexScores.coverage })
    .from(indexScores)
    .where(sql`(${indexScores.year} * 4 + ${indexScores.quarter}) between ${to - quarters + 1} and ${to}`)
    .orderBy(sql`${indexScores.year}, ${indexScores.quarter}, ${indexScores.districtId}`);
  return { period, points: list, provincialRank: await provincialRankAt(tx, period) };
}

export const cellsOverview: OverviewProvider = {
  async figures(tx: Tx, q: FigureQuery): Promise<StreamFigure[]> {
    const district = q.districtId != null && q.districtId !== CITY_DISTRICT_ID ? q.districtId : null;
    const from = shanghaiDay(q.from);
    const to = shanghaiDay(q.to);
    const last = shanghaiQuarter(new Date(q.to.getTime() - 1));
    const lastYearBefore = { year: last.year - 1, quarter: last.quarter };
    const figs: StreamFigure[] = [];

    // One read of the unit-status stock for the total and every type.
    const certifiedByType = new Map<string, number>();
    const stock = await tx
      .select({ dim: stockCounts.dim, n: sql<number>`sum(${stockCounts.n})::int` })
      .from(stockCounts)
      .where(and(eq(stockCounts.metric, "unit.status"), like(stockCounts.dim, "%:CERTIFIED"), district != null ? eq(stockCounts.districtId, district) : undefined))
      .groupBy(stockCounts.dim);
    for (const r of stock) certifiedByType.set(r.dim.split(":")[0]!, Number(r.n));
    figs.push({
      key: "cells.certifiedCells",
      labelZh: "无废细胞（已命名）",
      labelEn: "Certified zero-waste cells",
      unit: "个",
      value: String([...certifiedByType.values()].reduce((a, b) => a + b, 0)),
      previous: null,
      link: "/cells/map",
    });
    figs.push({
      key: "cells.newlyCertified",
      labelZh: "新命名无废细胞",
      labelEn: "Cells newly certified",
      unit: "个",
      value: String(await dailySum(tx, "cells.certified", district, from, to)),
      previous: String(await dailySum(tx, "cells.certified", district, yearBefore(from), yearBefore(to))),
      link: "/cells/applications",
    });
    const types = await tx.select().from(cellTypes).orderBy(cellTypes.sort);
    for (const t of types) {
      figs.push({
        key: `cells.certified.${t.code}`,
        labelZh: `无废${t.nameZh}`,
        labelEn: `Certified: ${t.nameEn}`,
        unit: "个",
        value: String(certifiedByType.get(t.code) ?? 0),
        previous: null,
        link: `/cells/map?type=${t.code}`,
      });
    }
    const share = await onTrackShare(tx, district ?? CITY_DISTRICT_ID, last.year);
    figs.push({
      key: "cells.indicatorsOnTrackPct",
      labelZh: "指标进度正常占比",
      labelEn: "Indicators on track",
      unit: "%",
      value: share ?? "0",
      previous: await onTrackShare(tx, district ?? CITY_DISTRICT_ID, last.year - 1),
      link: "/cells/indicators",
    });
    figs.push({
      key: "cells.tasksOverdue",
      labelZh: "逾期未销号任务",
      labelEn: "Tasks overdue",
      unit: "项",
      value: String(await stockSum(tx, "task.overdue", district)),
      previous: null,
      link: "/cells/tasks?overdue=1",
    });
    const idx = await indexAt(tx, district ?? CITY_DISTRICT_ID, last);
    const idxBefore = await indexAt(tx, district ?? CITY_DISTRICT_ID, lastYearBefore);
    figs.push({
      key: "cells.zeroWasteIndex",
      labelZh: "无废指数",
      labelEn: "Zero-waste index",
      unit: "",
      value: idx?.value ?? "0",
      previous: idxBefore?.value ?? null,
      link: "/cells/index",
    });
    if (district != null) {
      figs.push({
        key: "cells.zeroWasteIndexRank",
        labelZh: "无废指数全市排名",
        labelEn: "Zero-waste index rank in the city",
        unit: "位",
        value: idx?.rank != null ? String(idx.rank) : "0",
        previous: idxBefore?.rank != null ? String(idxBefore.rank) : null,
        link: "/cells/index",
      });
    } else {
      const rank = await provincialRankAt(tx, last);
      const before = await provincialRankAt(tx, lastYearBefore);
      figs.push({
        key: "cells.provincialIndexRank",
        labelZh: "浙江无废指数全省排名",
        labelEn: "Zhejiang zero-waste index: rank in the province",
        unit: "位",
        value: rank != null ? String(rank) : "0",
        previous: before != null ? String(before) : null,
        link: "/cells/index",
      });
    }
    figs.push({
      key: "cells.questionsAsked",
      labelZh: "咨询受理",
      labelEn: "Questions received",
      unit: "件",
      value: String(await dailySum(tx, "consultation.asked", district, from, to)),
      previous: String(await dailySum(tx, "consultation.asked", district, yearBefore(from), yearBefore(to))),
      link: "/cells/consultation",
    });
    figs.push({
      key: "cells.publicityParticipants",
      labelZh: "宣传活动参与人数",
      labelEn: "Publicity participants",
      unit: "人次",
      value: String(await dailySum(tx, "publicity.participants", district, from, to)),
      previous: String(await dailySum(tx, "publicity.participants", district, yearBefore(from), yearBefore(to))),
      link: "/cells/publicity",
    });
    return figs;
  },
};
