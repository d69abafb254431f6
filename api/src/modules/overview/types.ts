import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { District, StreamKey } from "../core/types.js";

export enum OverviewPeriodKey {
  DAY = "DAY",
  MONTH = "MONTH",
  QUARTER = "QUARTER",
  YEAR = "YEAR",
}
registerEnumType(OverviewPeriodKey, {
  name: "OverviewPeriod",
  description: "总览统计周期（上海时间）：日、月、季、年 / Overview period in Asia/Shanghai time: day, month, quarter, year",
  valuesConfig: {
    DAY: { description: "日 / Day" },
    MONTH: { description: "月 / Month" },
    QUARTER: { description: "季度 / Quarter" },
    YEAR: { description: "年 / Year" },
  },
});

export enum ProjectionBasisKey {
  ANNUAL = "ANNUAL",
  CUMULATIVE = "CUMULATIVE",
}
registerEnumType(ProjectionBasisKey, {
  name: "CapacityProjectionBasis",
  description: "规划期末数的口径 / How the end-of-plan projection counts",
  valuesConfig: {
    ANNUAL: { description: "规划期末当年量 / The plan's last year on its own" },
    CUMULATIVE: { description: "至规划期末累计量（如剩余填埋库容）/ Cumulative to the end of the plan (e.g. fill volume left)" },
  },
});

@ObjectType({ description: "总览的统计周期及同比周期 / The period counted and the same period a year before" })
export class OverviewPeriodInfo {
  @Field(() => OverviewPeriodKey, { description: "周期类型 / Kind of period" })
  kind: OverviewPeriodKey;
  @Field({ description: "首日 YYYY-MM-DD / First day" })
  startDay: string;
  @Field({ description: "周期结束（不含）YYYY-MM-DD / Day after the period's last day" })
  endDay: string;
  @Field({ description: "计入的最后一天 YYYY-MM-DD / Last day counted" })
  lastDay: string;
  @Field({ description: "周期未结束，计至今日（截至目前）/ The period is running and counted to today" })
  toDate: boolean;
  @Field(() => GraphQLDateTime, { description: "起始时刻 / Start instant" })
  from: Date;
  @Field(() => GraphQLDateTime, { description: "结束时刻（不含）/ End instant (exclusive)" })
  to: Date;
  @Field({ description: "去年同期首日 / First day of the same period a year before" })
  previousStartDay: string;
  @Field({ description: "去年同期最后一天 / Last day of the same period a year before" })
  previousLastDay: string;
  @Field({ description: "中文名称，如 2026年11月 / Chinese label" })
  labelZh: string;
  @Field({ description: "英文名称，如 November 2026 / English label" })
  labelEn: string;
  @Field(() => Int, { description: "年度 / Year" })
  year: number;
  @Field(() => Int, { description: "季度（最后计入日所在）/ Quarter of the last day counted" })
  quarter: number;
}

@ObjectType({ description: "总览指标（含去年同期）/ An overview figure with the same period a year before" })
export class OverviewFigure {
  @Field({ description: "稳定键，如 construction.spoilMovedM3 / Stable key" })
  key: string;
  @Field(() => StreamKey, { description: "所属废物流 / Stream that owns it" })
  stream: StreamKey;
  @Field({ description: "中文名称 / Chinese label" })
  labelZh: string;
  @Field({ description: "英文名称 / English label" })
  labelEn: string;
  @Field({ description: "单位（m³、t、件、元、% …）/ Unit" })
  unit: string;
  @Field({ description: "数值（精确十进制）/ Value (exact decimal)" })
  value: string;
  @Field(() => String, { nullable: true, description: "去年同期（存量指标为空）/ Same period a year before (empty for stocks)" })
  previous: string | null;
  @Field(() => String, { nullable: true, description: "同比增减量 / Change against a year before" })
  delta: string | null;
  @Field(() => String, { nullable: true, description: "同比变化（%，一位小数）/ Change against a year before in percent" })
  changePct: string | null;
  @Field({ description: "所属模块页面 / Shell route of the owning page" })
  link: string;
}

@ObjectType({ description: "一个废物流的总览指标 / One stream's figures" })
export class OverviewStreamFigures {
  @Field(() => StreamKey, { description: "废物流 / Stream" })
  stream: StreamKey;
  @Field({ description: "是否可用（该模块出错时为否，其他模块照常）/ False when the stream's figures failed (the others still answer)" })
  available: boolean;
  @Field(() => [OverviewFigure], { description: "指标 / Figures" })
  figures: OverviewFigure[];
}

@ObjectType({ description: "总览：各废物流指标 / The overview's figures of every stream" })
export class OverviewFigures {
  @Field(() => OverviewPeriodInfo, { description: "统计周期 / Period" })
  period: OverviewPeriodInfo;
  @Field(() => District, { nullable: true, description: "区县；为空表示全市 / District; empty means the whole city" })
  district: District | null;
  @Field(() => [OverviewStreamFigures], { description: "各废物流 / Per stream" })
  streams: OverviewStreamFigures[];
}

@ObjectType({ description: "地图着色：一个区县的值 / One district's value for the map" })
export class OverviewDistrictValue {
  @Field(() => District, { description: "区县 / District" })
  district: District;
  @Field(() => String, { nullable: true, description: "数值（无权查看或无数据时为空）/ Value (empty when not visible or no data)" })
  value: string | null;
  @Field(() => String, { nullable: true, description: "去年同期或上季度 / A year before (figures) or the quarter before (index)" })
  previous: string | null;
  @Field(() => String, { nullable: true, description: "变化（%）/ Change in percent" })
  changePct: string | null;
  @Field(() => Int, { nullable: true, description: "六区县排名（1 为最高）/ Rank among the districts (1 = highest)" })
  rank: number | null;
}

@ObjectType({ description: "按区县的一个指标（地图着色）/ One figure per district, for colouring the map" })
export class OverviewDistrictValues {
  @Field({ description: "指标键；无废指数为 index / Figure key; index for the zero-waste index" })
  key: string;
  @Field({ description: "中文名称 / Chinese label" })
  labelZh: string;
  @Field({ description: "英文名称 / English label" })
  labelEn: string;
  @Field({ description: "单位 / Unit" })
  unit: string;
  @Field({ description: "所属模块页面 / Shell route of the owning page" })
  link: string;
  @Field(() => OverviewPeriodInfo, { nullable: true, description: "统计周期（指标）/ Period (figures)" })
  period: OverviewPeriodInfo | null;
  @Field(() => Int, { nullable: true, description: "指数的年度 / Year of the index" })
  indexYear: number | null;
  @Field(() => Int, { nullable: true, description: "指数的季度 / Quarter of the index" })
  indexQuarter: number | null;
  @Field(() => [OverviewDistrictValue], { description: "六个区县 / The six districts" })
  values: OverviewDistrictValue[];
}

@ObjectType({ description: "无废指数走势点 / A point of the index trend" })
export class IndexTrendPoint {
  @Field(() => Int, { description: "年度 / Year" })
  year: number;
  @Field(() => Int, { description: "季度 / Quarter" })
  quarter: number;
  @Field({ description: "指数 / Index value" })
  value: string;
  @Field(() => Int, { nullable: true, description: "排名 / Rank" })
  rank: number | null;
}

@ObjectType({ description: "无废指数排名的一行（含走势）/ A district's zero-waste index with its trend" })
export class OverviewIndexEntry {
  @Field(() => District, { description: "市或区县 / City or district" })
  district: District;
  @Field({ description: "指数 / Index value" })
  value: string;
  @Field(() => Int, { nullable: true, description: "六区县排名（全市为空）/ Rank among the districts (empty for the city)" })
  rank: number | null;
  @Field(() => String, { nullable: true, description: "上季度指数 / Previous quarter's value" })
  previousValue: string | null;
  @Field(() => Int, { nullable: true, description: "上季度排名 / Previous quarter's rank" })
  previousRank: number | null;
  @Field(() => String, { nullable: true, description: "较上季度变化 / Change against the previous quarter" })
  change: string | null;
  @Field({ description: "指标覆盖率（0–1）/ Share of the index's indicators with a value" })
  coverage: string;
  @Field(() => [IndexTrendPoint], { description: "近若干季度走势（从早到晚）/ Trend over the last quarters, oldest first" })
  trend: IndexTrendPoint[];
}

@ObjectType({ description: "无废指数排名及走势 / The zero-waste index ranking with trends" })
export class OverviewIndexRanking {
  @Field(() => Int, { description: "年度 / Year" })
  year: number;
  @Field(() => Int, { description: "季度 / Quarter" })
  quarter: number;
  @Field(() => OverviewIndexEntry, { nullable: true, description: "绍兴市 / The city" })
  city: OverviewIndexEntry | null;
  @Field(() => [OverviewIndexEntry], { description: "六区县，按排名 / The districts by rank" })
  districts: OverviewIndexEntry[];
  @Field(() => Int, { nullable: true, description: "浙江无废指数全省排名 / Shaoxing's rank in the provincial index" })
  provincialRank: number | null;
}

@ObjectType({ description: "规划期 / A five-year plan period" })
export class PlanPeriodInfo {
  @Field({ description: "中文名称，如 十五五 / Chinese name" })
  nameZh: string;
  @Field({ description: "英文名称 / English name" })
  nameEn: string;
  @Field(() => Int, { description: "首年 / First year" })
  startYear: number;
  @Field(() => Int, { description: "末年 / Last year" })
  endYear: number;
}

@ObjectType({ description: "产生量与利用处置能力（一个区县、一个类别）/ Generation against capacity for one district and category" })
export class CapacityBalanceRow {
  @Field(() => District, { description: "区县（合计行为全市或所选区县）/ District (the city or the chosen district for totals)" })
  district: District;
  @Field({ description: "类别：spoil 渣土、hazardous 危险废物、recyclables 再生资源 / Category" })
  category: string;
  @Field({ description: "单位 / Unit" })
  unit: string;
  @Field({ description: "本年产生量（运行中的年度为已过天数）/ Generated in the year (days so far for a running year)" })
  generated: string;
  @Field({ description: "产生量仅计已过天数 / Generated counts only the days so far" })
  generatedToDate: boolean;
  @Field({ description: "年产生量（折算全年）/ Generated a year (annualised)" })
  generatedAnnual: string;
  @Field({ description: "年利用处置能力 / Capacity in the year" })
  capacity: string;
  @Field({ description: "余量（能力 − 产生量；负数为缺口）/ Balance (negative: shortfall)" })
  balance: string;
  @Field(() => String, { nullable: true, description: "负荷率（%）/ Load in percent" })
  loadPct: string | null;
  @Field({ description: "存在缺口 / Shortfall now" })
  shortfall: boolean;
  @Field({ description: "规划期末产生量 / Projected generation at the end of the plan" })
  projectedGenerated: string;
  @Field({ description: "规划期末能力 / Projected capacity at the end of the plan" })
  projectedCapacity: string;
  @Field({ description: "规划期末余量 / Projected balance" })
  projectedBalance: string;
  @Field({ description: "规划期末存在缺口 / Projected shortfall" })
  projectedShortfall: boolean;
  @Field(() => ProjectionBasisKey, { description: "规划期末数口径 / Projection basis" })
  projectionBasis: ProjectionBasisKey;
}

@ObjectType({ description: "产生量与利用处置量匹配 / Generation against capacity to use and dispose of it" })
export class CapacityBalanceResult {
  @Field(() => Int, { description: "年度 / Year" })
  year: number;
  @Field(() => PlanPeriodInfo, { description: "规划期 / Plan period" })
  plan: PlanPeriodInfo;
  @Field({ description: "年度未结束 / The year is still running" })
  yearToDate: boolean;
  @Field(() => Float, { description: "已过天数占全年比例 / Share of the year elapsed" })
  yearShare: number;
  @Field(() => [CapacityBalanceRow], { description: "区县 × 类别 / Per district and category" })
  rows: CapacityBalanceRow[];
  @Field(() => [CapacityBalanceRow], { description: "合计（按类别）/ Totals per category" })
  totals: CapacityBalanceRow[];
  @Field(() => [StreamKey], { description: "暂不可用的废物流 / Streams whose figures failed" })
  unavailable: StreamKey[];
}

@ObjectType({ description: "简报数值 / A briefing value with the year before" })
export class BriefingValue {
  @Field({ description: "数值 / Value" })
  value: string;
  @Field(() => String, { nullable: true, description: "去年同期 / A year before" })
  previous: string | null;
  @Field(() => String, { nullable: true, description: "同比（%）/ Change in percent" })
  changePct: string | null;
}

@ObjectType({ description: "简报统计表的一行 / A line of the briefing's statistics table" })
export class BriefingLine {
  @Field({ description: "指标键 / Figure key" })
  key: string;
  @Field(() => StreamKey, { description: "废物流 / Stream" })
  stream: StreamKey;
  @Field({ description: "中文名称 / Chinese label" })
  labelZh: string;
  @Field({ description: "英文名称 / English label" })
  labelEn: string;
  @Field({ description: "单位 / Unit" })
  unit: string;
  @Field({ description: "所属模块页面 / Shell route of the owning page" })
  link: string;
  @Field(() => BriefingValue, { description: "本月 / The month" })
  month: BriefingValue;
  @Field(() => BriefingValue, { nullable: true, description: "本年累计（存量指标为空）/ Year to date (empty for stocks)" })
  yearToDate: BriefingValue | null;
}

@ObjectType({ description: "简报的一节 / A section of the briefing" })
export class BriefingSection {
  @Field({ description: "键（废物流或 capacity）/ Key (a stream or capacity)" })
  key: string;
  @Field({ description: "中文标题 / Chinese title" })
  titleZh: string;
  @Field({ description: "英文标题 / English title" })
  titleEn: string;
  @Field({ description: "中文正文 / Chinese text" })
  textZh: string;
  @Field({ description: "英文正文 / English text" })
  textEn: string;
}

@ObjectType({ description: "简报中的区县指标列 / A figure column of the district table" })
export class BriefingDistrictKey {
  @Field({ description: "指标键 / Figure key" })
  key: string;
  @Field({ description: "中文名称 / Chinese label" })
  labelZh: string;
  @Field({ description: "英文名称 / English label" })
  labelEn: string;
  @Field({ description: "单位 / Unit" })
  unit: string;
}

@ObjectType({ description: "简报中一个区县的指标 / A district's key figures in the briefing" })
export class BriefingDistrictRow {
  @Field(() => District, { description: "区县 / District" })
  district: District;
  @Field(() => [String], { nullable: "items", description: "与 districtKeys 对应的数值 / Values in the order of districtKeys" })
  values: (string | null)[];
  @Field(() => [String], { nullable: "items", description: "同比（%）/ Changes in percent" })
  changes: (string | null)[];
}

@ObjectType({ description: "月度简报（仿简报统计版式）/ The monthly briefing, in the style of the bulletin's statistics" })
export class MonthlyBriefing {
  @Field({ description: "月份 YYYY-MM / Month" })
  month: string;
  @Field(() => District, { nullable: true, description: "区县；为空表示全市 / District; empty means the city" })
  district: District | null;
  @Field({ description: "中文标题 / Chinese title" })
  titleZh: string;
  @Field({ description: "英文标题 / English title" })
  titleEn: string;
  @Field({ description: "发文单位（中文）/ Issuer (Chinese)" })
  issuerZh: string;
  @Field({ description: "发文单位（英文）/ Issuer (English)" })
  issuerEn: string;
  @Field({ description: "生成日期 / Generated on" })
  generatedOn: string;
  @Field(() => OverviewPeriodInfo, { description: "本月 / The month" })
  period: OverviewPeriodInfo;
  @Field(() => OverviewPeriodInfo, { description: "本年累计 / The year to the end of the month" })
  yearToDate: OverviewPeriodInfo;
  @Field(() => [BriefingSection], { description: "各节正文 / Sections" })
  sections: BriefingSection[];
  @Field(() => [BriefingLine], { description: "统计表 / Statistics table" })
  lines: BriefingLine[];
  @Field(() => [BriefingDistrictKey], { description: "区县表的列 / Columns of the district table" })
  districtKeys: BriefingDistrictKey[];
  @Field(() => [BriefingDistrictRow], { description: "区县表（全市简报）/ District table (city briefing)" })
  districts: BriefingDistrictRow[];
  @Field(() => CapacityBalanceResult, { description: "产能匹配 / Generation against capacity" })
  capacity: CapacityBalanceResult;
}

@ObjectType({ description: "月度简报 Excel 下载链接（短时有效，带签名）/ A short-lived signed link to the briefing workbook" })
export class BriefingWorkbookLink {
  @Field({ description: "相对地址 / Relative URL" })
  url: string;
  @Field({ description: "文件名 / File name" })
  fileName: string;
  @Field(() => GraphQLDateTime, { description: "失效时间 / Expires at" })
  expiresAt: Date;
}

export { ID };
