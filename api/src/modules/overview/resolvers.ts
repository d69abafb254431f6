/**
 * GraphQL of the leadership overview. Every field: `Can.read("overview")` (leadership, administrators,
 * all staff, keys with overview:read); district staff and district-bound keys see their own district
 * (asking for another is FORBIDDEN; the map shows only theirs). The published zero-waste index ranking
 * is the same for every reader.
 */
import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { Can, forbidden } from "../../graphql/auth.js";
import type { Context, Principal } from "../../graphql/context.js";
import { badInput } from "../../graphql/errors.js";
import { allDistricts, districtIdOf } from "../core/resolvers.js";
import type { District } from "../core/types.js";
import { briefingFor, type Briefing } from "./briefing.js";
import { percentChange, sub } from "./decimal.js";
import { briefingLink } from "./download.js";
import { addDays, isDay, monthStartOf, resolvePeriod, shanghaiDay, type ResolvedPeriod } from "./periods.js";
import { capacityFor, CITY_ID, districtIds, figureByDistrict, figuresFor, indexFor, rankDescending, type BalanceRow, type CapacityBalance, type DistrictValue } from "./service.js";
import {
  CapacityBalanceResult,
  BriefingWorkbookLink,
  ID,
  MonthlyBriefing,
  OverviewDistrictValues,
  OverviewFigures,
  OverviewIndexRanking,
  OverviewPeriodInfo,
  OverviewPeriodKey,
  type CapacityBalanceRow,
  type OverviewIndexEntry,
} from "./types.js";

async function districtShape(ctx: Context, id: number | null): Promise<District | null> {
  if (id == null) return null;
  const d = (await allDistricts(ctx.db)).find((x) => x.id === id);
  return d ? ({ ...d, adcode: String(d.id) } as unknown as District) : null;
}

/** The district the caller asks for, within what it may see: null = the city. */
export async function scopedDistrict(ctx: Context, requested: string | null | undefined, field = "districtId"): Promise<number | null> {
  const own = ctx.principal.districtId;
  const asked = requested ? await districtIdOf(ctx.db, requested, field) : null;
  const d = asked === CITY_ID ? null : asked;
  if (own != null) {
    if (d != null && d !== own) throw forbidden("District staff see their own district");
    return own;
  }
  return d;
}

export const visibleTo = (p: Principal) => (districtId: number) => p.districtId == null || p.districtId === districtId;

export function periodInfo(p: ResolvedPeriod): OverviewPeriodInfo {
  return {
    kind: p.kind as OverviewPeriodKey,
    startDay: p.startDay,
    endDay: p.endDay,
    lastDay: addDays(p.cutDay, -1),
    toDate: p.toDate,
    from: p.from,
    to: p.to,
    previousStartDay: p.previousStartDay,
    previousLastDay: addDays(p.previousCutDay, -1),
    labelZh: p.labelZh,
    labelEn: p.labelEn,
    year: p.year,
    quarter: p.quarter,
  };
}

function periodArg(kind: OverviewPeriodKey | undefined, date: string | undefined): ResolvedPeriod {
  if (date != null && !isDay(date)) throw badInput("date", "a day YYYY-MM-DD");
  return resolvePeriod(kind ?? OverviewPeriodKey.MONTH, date ?? null);
}

async function balanceRows(ctx: Context, rows: BalanceRow[]): Promise<CapacityBalanceRow[]> {
  const out: CapacityBalanceRow[] = [];
  for (const r of rows) out.push({ ...r, district: (await districtShape(ctx, r.districtId))! } as unknown as CapacityBalanceRow);
  return out;
}

export async function capacityShape(ctx: Context, c: CapacityBalance): Promise<CapacityBalanceResult> {
  return { ...c, rows: await balanceRows(ctx, c.rows), totals: await balanceRows(ctx, c.totals) } as unknown as CapacityBalanceResult;
}

export async function briefingShape(ctx: Context, b: Briefing): Promise<MonthlyBriefing> {
  const districts = [];
  for (const d of b.districts) districts.push({ district: (await districtShape(ctx, d.districtId))!, values: d.values.map((v) => v.value), changes: d.values.map((v) => v.changePct) });
  return {
    ...b,
    district: await districtShape(ctx, b.districtId),
    period: periodInfo(b.period),
    yearToDate: periodInfo(b.yearToDate),
    districts,
    capacity: await capacityShape(ctx, b.capacity),
  } as unknown as MonthlyBriefing;
}

function logFor(ctx: Context) {
  return (e: unknown, stream: string) => console.error(`[overview] ${stream} failed for request ${ctx.requestId}:`, e);
}

@Resolver()
export class OverviewResolver {
  @Query(() => OverviewFigures, {
    description:
      "总览指标：各废物流在所选周期（上海时间）的指标及去年同期，每项链接到所属模块；区县工作人员只看本区县 / Every stream's figures for a period (Asia/Shanghai) with the same period a year before, each linking into its module; district staff see their district",
  })
  @Can.read("overview")
  async overviewFigures(
    @Ctx() ctx: Context,
    @Arg("period", () => OverviewPeriodKey, { nullable: true, description: "周期（默认月）/ Period (default month)" }) period?: OverviewPeriodKey,
    @Arg("date", () => String, { nullable: true, description: "周期内任一天 YYYY-MM-DD（默认今天）/ Any day in the period (default today)" }) date?: string,
    @Arg("districtId", () => ID, { nullable: true, description: "区县（默认全市）/ District (default the city)" }) districtId?: string,
  ): Promise<OverviewFigures> {
    const p = periodArg(period, date);
    const d = await scopedDistrict(ctx, districtId);
    const r = await figuresFor(ctx.app, { districtId: d, period: p, log: logFor(ctx) });
    return { period: periodInfo(p), district: await districtShape(ctx, d), streams: r.streams } as unknown as OverviewFigures;
  }

  @Query(() => OverviewDistrictValues, {
    nullable: true,
    description:
      "地图着色：按区县的一个指标（figureKey）或无废指数（index: true）；区县工作人员只有本区县的值 / One figure per district (figureKey) or the zero-waste index (index: true) for colouring the map; district staff get only their district's value",
  })
  @Can.read("overview")
  async overviewDistricts(
    @Ctx() ctx: Context,
    @Arg("figureKey", () => String, { nullable: true, description: "指标键（见 overviewFigures）/ Figure key (see overviewFigures)" }) figureKey?: string,
    @Arg("index", () => Boolean, { nullable: true, description: "按无废指数着色 / Colour by the zero-waste index" }) index?: boolean,
    @Arg("period", () => OverviewPeriodKey, { nullable: true, description: "周期（默认月）/ Period (default month)" }) period?: OverviewPeriodKey,
    @Arg("date", () => String, { nullable: true, description: "周期内任一天 YYYY-MM-DD / Any day in the period" }) date?: string,
  ): Promise<OverviewDistrictValues | null> {
    if (!!index === !!figureKey) throw badInput(index ? "index" : "figureKey", "give either figureKey or index: true");
    const p = periodArg(period, date);
    const visible = visibleTo(ctx.principal);
    if (figureKey) {
      if (!/^[a-z]+\.[A-Za-z0-9_.:-]+$/.test(figureKey)) throw badInput("figureKey", "not a figure key");
      const r = await figureByDistrict(ctx.app, figureKey, p, visible);
      if (!r) return null;
      const values = [];
      for (const v of r.values) values.push({ ...v, district: (await districtShape(ctx, v.districtId))! });
      return { ...r, period: periodInfo(p), indexYear: null, indexQuarter: null, values } as unknown as OverviewDistrictValues;
    }
    const s = await indexFor(ctx.app, { atMost: { year: p.year, quarter: p.quarter } });
    if (!s.period) return null;
    const { year, quarter } = s.period;
    const prevQ = quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
    const list: DistrictValue[] = [];
    for (const id of await districtIds(ctx.app)) {
      const now = s.points.find((x) => x.districtId === id && x.year === year && x.quarter === quarter);
      const before = s.points.find((x) => x.districtId === id && x.year === prevQ.year && x.quarter === prevQ.quarter);
      list.push({ districtId: id, value: now?.value ?? null, previous: before?.value ?? null, changePct: now && before ? percentChange(now.value, before.value) : null, rank: now?.rank ?? null });
    }
    const values = [];
    for (const v of list) values.push({ ...v, district: (await districtShape(ctx, v.districtId))! });
    return { key: "index", labelZh: "无废指数", labelEn: "Zero-waste index", unit: "", link: "/cells/index", period: null, indexYear: year, indexQuarter: quarter, values } as unknown as OverviewDistrictValues;
  }

  @Query(() => OverviewIndexRanking, {
    nullable: true,
    description: "无废指数排名及走势（默认最新季度；按季度，近 quarters 个季度）/ The zero-waste index ranking with each district's trend (latest quarter by default)",
  })
  @Can.read("overview")
  async indexRanking(
    @Ctx() ctx: Context,
    @Arg("year", () => Int, { nullable: true, description: "年度 / Year" }) year?: number,
    @Arg("quarter", () => Int, { nullable: true, description: "季度 1–4 / Quarter" }) quarter?: number,
    @Arg("quarters", () => Int, { nullable: true, description: "走势的季度数（1–20，默认 8）/ Quarters of trend (1–20, default 8)" }) quarters?: number,
  ): Promise<OverviewIndexRanking | null> {
    if ((year == null) !== (quarter == null)) throw badInput(year == null ? "year" : "quarter", "give both year and quarter, or neither");
    if (quarter != null && (quarter < 1 || quarter > 4)) throw badInput("quarter", "1–4");
    if (quarters != null && (quarters < 1 || quarters > 20)) throw badInput("quarters", "1–20");
    const s = await indexFor(ctx.app, { atMost: year != null ? { year, quarter: quarter! } : null, quarters: quarters ?? 8 });
    if (!s.period) return null;
    const { year: y, quarter: q } = s.period;
    const prevQ = q === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: q - 1 };
    const entry = async (id: number): Promise<OverviewIndexEntry | null> => {
      const now = s.points.find((x) => x.districtId === id && x.year === y && x.quarter === q);
      if (!now) return null;
      const before = s.points.find((x) => x.districtId === id && x.year === prevQ.year && x.quarter === prevQ.quarter);
      return {
        district: (await districtShape(ctx, id))!,
        value: now.value,
        rank: now.rank,
        previousValue: before?.value ?? null,
        previousRank: before?.rank ?? null,
        change: before ? sub(now.value, before.value) : null,
        coverage: now.coverage,
        trend: s.points.filter((x) => x.districtId === id).map((x) => ({ year: x.year, quarter: x.quarter, value: x.value, rank: x.rank })),
      };
    };
    const districts: OverviewIndexEntry[] = [];
    for (const id of await districtIds(ctx.app)) {
      const e = await entry(id);
      if (e) districts.push(e);
    }
    // Ranks as stored (ties share a rank); districts without a rank last.
    districts.sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99) || Number(b.value) - Number(a.value));
    return { year: y, quarter: q, city: await entry(CITY_ID), districts, provincialRank: s.provincialRank };
  }

  @Query(() => CapacityBalanceResult, {
    description:
      "产生量与利用处置量匹配：渣土、危险废物、再生资源，各区县当年及规划期末，缺口标出 / Generation against capacity to use and dispose of it (spoil, hazardous waste, recyclables) per district, now and at the end of the plan period, shortfalls flagged",
  })
  @Can.read("overview")
  async capacityBalance(
    @Ctx() ctx: Context,
    @Arg("year", () => Int, { nullable: true, description: "年度（默认今年）/ Year (default this year)" }) year?: number,
    @Arg("districtId", () => ID, { nullable: true, description: "区县（默认全市）/ District (default the city)" }) districtId?: string,
  ): Promise<CapacityBalanceResult> {
    const y = year ?? Number(shanghaiDay(new Date()).slice(0, 4));
    if (y < 2000 || y > 2100) throw badInput("year", "2000–2100");
    const d = await scopedDistrict(ctx, districtId);
    return capacityShape(ctx, await capacityFor(ctx.app, { year: y, districtId: d, log: logFor(ctx) }));
  }

  @Query(() => MonthlyBriefing, {
    description: "月度简报（仿简报统计版式）：各废物流本月及本年累计指标与同比、区县表、产能匹配 / The monthly briefing in the style of the bulletin's statistics",
  })
  @Can.read("overview")
  async monthlyBriefing(
    @Ctx() ctx: Context,
    @Arg("month", () => String, { description: "月份 YYYY-MM / Month" }) month: string,
    @Arg("districtId", () => ID, { nullable: true, description: "区县（默认全市）/ District (default the city)" }) districtId?: string,
  ): Promise<MonthlyBriefing> {
    if (!monthStartOf(month)) throw badInput("month", "a month YYYY-MM");
    const d = await scopedDistrict(ctx, districtId);
    return briefingShape(ctx, await briefingFor(ctx.app, { month, districtId: d, showDistricts: ctx.principal.districtId == null }));
  }

  @Query(() => BriefingWorkbookLink, { description: "月度简报 Excel 下载链接（10 分钟内有效）/ A link to the monthly briefing as an Excel workbook (valid 10 minutes)" })
  @Can.read("overview")
  async monthlyBriefingWorkbook(
    @Ctx() ctx: Context,
    @Arg("month", () => String, { description: "月份 YYYY-MM / Month" }) month: string,
    @Arg("districtId", () => ID, { nullable: true, description: "区县（默认全市）/ District (default the city)" }) districtId?: string,
    @Arg("language", () => String, { nullable: true, description: "语言 zh-CN 或 en（默认 zh-CN）/ Language" }) language?: string,
  ): Promise<BriefingWorkbookLink> {
    if (!monthStartOf(month)) throw badInput("month", "a month YYYY-MM");
    const lang = language ?? "zh-CN";
    if (lang !== "zh-CN" && lang !== "en") throw badInput("language", "zh-CN or en");
    const d = await scopedDistrict(ctx, districtId);
    return briefingLink(ctx.app, { month, districtId: d, showDistricts: ctx.principal.districtId == null, lang });
  }
}
