/**
 * 月度简报 — the month's figures as a document in the style of the bulletin's statistics
 * (绍兴市全域"无废城市"创建工作简报: "截至目前，全市共办理渣土处置管理类案件 4252 起，同比去年上升 98.8%，
 * 罚款金额 2728.3 万元…"): a paragraph per stream with the month's figures and their change against the
 * same month a year before, a statistics table (the month and the year to date, each with the year
 * before), the districts side by side, and generation against capacity with shortfalls. The printable
 * page renders `Briefing`; `briefingWorkbook` writes the same as an Excel workbook (exceljs).
 */
import type { App } from "../../graphql/context.js";
import { allDistricts } from "../core/resolvers.js";
import { cmp, isDecimal } from "./decimal.js";
import { monthStartOf, resolvePeriod, shanghaiDay, yearToMonthEnd, type ResolvedPeriod } from "./periods.js";
import { cacheOf, capacityFor, districtIds, figuresFor, STREAM_ORDER, type BalanceRow, type CapacityBalance, type Figure } from "./service.js";

export type Lang = "zh-CN" | "en";

/** The figures of the briefing, per stream, in the bulletin's order. */
export const BRIEFING_KEYS: Record<string, string[]> = {
  construction: [
    "construction.spoilMovedM3",
    "construction.trips",
    "construction.permitsIssued",
    "construction.cases",
    "construction.finesYuan",
    "construction.permitsActive",
    "construction.disposalCapacityLeftM3",
  ],
  hazardous: [
    "hazardous.units.industrial",
    "hazardous.units.smallMicro",
    "hazardous.units.socialSources",
    "hazardous.training.attendees",
    "hazardous.hazards.found",
    "hazardous.hazards.rectified",
    "hazardous.manifests.created",
    "hazardous.manifests.receivedTonnes",
    "hazardous.collections.runs",
    "hazardous.collections.tonnes",
  ],
  recycling: ["recycling.tonnage", "recycling.activeCards", "recycling.cards", "recycling.pointsIssued", "recycling.pointsRedeemed", "recycling.redemptionYuan"],
  cells: ["cells.certifiedCells", "cells.newlyCertified", "cells.indicatorsOnTrackPct", "cells.tasksOverdue", "cells.zeroWasteIndex", "cells.provincialIndexRank", "cells.zeroWasteIndexRank"],
};

/** Figures shown per district in the briefing's district table. */
export const DISTRICT_KEYS = ["construction.spoilMovedM3", "construction.cases", "hazardous.hazards.found", "hazardous.hazards.rectified", "hazardous.manifests.receivedTonnes", "recycling.tonnage", "cells.certifiedCells", "cells.zeroWasteIndex"];

export const STREAM_TITLES: Record<string, { zh: string; en: string }> = {
  construction: { zh: "工程渣土（泥浆）", en: "Construction spoil and mud" },
  hazardous: { zh: "危险废物和工业固废", en: "Hazardous and industrial solid waste" },
  recycling: { zh: "再生资源回收", en: "Renewable-resource recycling" },
  cells: { zh: "无废细胞和建设跟踪", en: "Zero-waste cells and construction tracking" },
  capacity: { zh: "产生量与利用处置能力匹配", en: "Generation against capacity to use and dispose of it" },
};

const CATEGORY_NAMES: Record<string, { zh: string; en: string }> = {
  spoil: { zh: "工程渣土", en: "Spoil" },
  hazardous: { zh: "危险废物", en: "Hazardous waste" },
  recyclables: { zh: "再生资源", en: "Recyclables" },
};

const ISSUER = { zh: "绍兴市“无废城市”建设工作领导小组办公室", en: "Office of the Shaoxing Zero-Waste City Leading Group" };

export interface BriefingValue {
  value: string;
  previous: string | null;
  changePct: string | null;
}

export interface BriefingLine {
  key: string;
  stream: string;
  labelZh: string;
  labelEn: string;
  unit: string;
  link: string;
  month: BriefingValue;
  /** The year to the end of the month (null for stock figures, which have no sum over the year). */
  yearToDate: BriefingValue | null;
}

export interface BriefingSection {
  key: string;
  titleZh: string;
  titleEn: string;
  textZh: string;
  textEn: string;
}

export interface BriefingDistrict {
  districtId: number;
  nameZh: string;
  nameEn: string;
  values: { key: string; value: string | null; changePct: string | null }[];
}

export interface Briefing {
  month: string;
  districtId: number | null;
  districtNameZh: string;
  districtNameEn: string;
  titleZh: string;
  titleEn: string;
  issuerZh: string;
  issuerEn: string;
  period: ResolvedPeriod;
  yearToDate: ResolvedPeriod;
  generatedOn: string;
  sections: BriefingSection[];
  lines: BriefingLine[];
  /** Key figures per district (only those the caller may see; empty for a district's own briefing). */
  districtKeys: { key: string; labelZh: string; labelEn: string; unit: string }[];
  districts: BriefingDistrict[];
  capacity: CapacityBalance;
  /** Names of the city and the districts (for the workbook). */
  names: Map<number, { zh: string; en: string }>;
}

// ——— formatting in the bulletin's manner ———

/** Thousands separators on a decimal string. */
export function groupDigits(v: string): string {
  const neg = v.startsWith("-");
  const [i, f] = (neg ? v.slice(1) : v).split(".");
  const g = i!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${g}${f !== undefined ? `.${f}` : ""}`;
}

/** Drops trailing zeros of a decimal ("12.50" → "12.5", "3.000" → "3"). */
function trim(v: string): string {
  return v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v;
}

const EN_UNITS: Record<string, string> = { "m³": "m³", t: "t", 元: "yuan", "%": "%", 分: "points", 人次: "people" };

/** A value with its unit as the bulletin writes it: 万方 / 万元 for large volumes and money. */
export function formatValue(value: string, unit: string, lang: Lang): string {
  if (!isDecimal(value)) return value;
  const big = (unit === "m³" || unit === "元") && cmp(value.replace("-", ""), "10000") >= 0;
  if (lang === "zh-CN") {
    if (big) return `${trim((Number(value) / 10000).toFixed(2))} ${unit === "m³" ? "万方" : "万元"}`;
    if (unit === "%") return `${trim(value)}%`;
    return `${groupDigits(trim(value))}${unit ? ` ${unit}` : ""}`;
  }
  if (unit === "%") return `${trim(value)}%`;
  const u = EN_UNITS[unit] ?? "";
  if (big && Number(value) >= 1_000_000) return `${trim((Number(value) / 1_000_000).toFixed(2))} million ${u}`.trim();
  return `${groupDigits(trim(value))}${u ? ` ${u}` : ""}`;
}

/** "同比上升 98.8%" / "up 98.8% on the year before". */
export function changeText(changePct: string | null, lang: Lang): string {
  if (changePct == null) return "";
  const n = Number(changePct);
  const abs = trim(changePct.replace("-", ""));
  if (lang === "zh-CN") return n > 0 ? `，同比上升 ${abs}%` : n < 0 ? `，同比下降 ${abs}%` : "，与去年同期持平";
  return n > 0 ? ` (up ${abs}% on the year before)` : n < 0 ? ` (down ${abs}% on the year before)` : " (unchanged on the year before)";
}

function figureMap(streams: { figures: Figure[] }[]): Map<string, Figure> {
  return new Map(streams.flatMap((s) => s.figures).map((f) => [f.key, f]));
}

type Fig = Map<string, Figure>;

/** A clause "label value, change" for a figure, or null when the stream did not give it. */
function clause(f: Fig, key: string, lang: Lang, opts: { zh?: string; en?: string; change?: boolean } = {}): string | null {
  const x = f.get(key);
  if (!x) return null;
  const label = lang === "zh-CN" ? (opts.zh ?? x.labelZh) : (opts.en ?? x.labelEn.toLowerCase());
  const v = formatValue(x.value, x.unit, lang);
  const c = opts.change === false ? "" : changeText(x.changePct, lang);
  return lang === "zh-CN" ? `${label}${v}${c}` : `${label} ${v}${c}`;
}

function sentence(parts: (string | null)[], lang: Lang): string {
  const p = parts.filter((x): x is string => !!x);
  if (!p.length) return lang === "zh-CN" ? "本期无数据。" : "No data for this period.";
  return lang === "zh-CN" ? `${p.join("；")}。` : `${p.map((s, i) => (i === 0 ? s.charAt(0).toUpperCase() + s.slice(1) : s)).join("; ")}.`;
}

function streamText(stream: string, f: Fig, where: { zh: string; en: string }, period: ResolvedPeriod, lang: Lang): string {
  const zh = lang === "zh-CN";
  const lead = zh ? `${period.toDate ? `${period.labelZh}（截至${Number(shanghaiDay(new Date(period.to.getTime() - 1)).slice(8, 10))}日）` : period.labelZh}，${where.zh}` : `In ${period.labelEn}${period.toDate ? " (to date)" : ""}, ${where.en}: `;
  let parts: (string | null)[] = [];
  switch (stream) {
    case "construction":
      parts = [
        clause(f, "construction.spoilMovedM3", lang, { zh: "渣土外运量", en: "spoil moved" }),
        clause(f, "construction.trips", lang, { zh: "运输", en: "trips" }),
        clause(f, "construction.permitsIssued", lang, { zh: "核发电子准运证", en: "electronic permits issued" }),
        clause(f, "construction.cases", lang, { zh: "办理渣土处置管理类案件", en: "spoil cases handled" }),
        clause(f, "construction.finesYuan", lang, { zh: "罚款金额", en: "fines" }),
        clause(f, "construction.disposalCapacityLeftM3", lang, { zh: "备案消纳场所剩余库容约", en: "disposal capacity left about", change: false }),
      ];
      break;
    case "hazardous":
      parts = [
        clause(f, "hazardous.units.industrial", lang, { zh: "累计排查工业企业", en: "industrial enterprises checked", change: false }),
        clause(f, "hazardous.units.smallMicro", lang, { zh: "其中小微企业", en: "of which small/micro", change: false }),
        clause(f, "hazardous.units.socialSources", lang, { zh: "社会源", en: "social sources", change: false }),
        clause(f, "hazardous.hazards.found", lang, { zh: "发现问题隐患", en: "hazards found" }),
        clause(f, "hazardous.hazards.rectified", lang, { zh: "完成整改", en: "hazards rectified" }),
        clause(f, "hazardous.manifests.created", lang, { zh: "新建转移联单", en: "transfer manifests created" }),
        clause(f, "hazardous.manifests.receivedTonnes", lang, { zh: "联单接收危险废物", en: "hazardous waste received" }),
        clause(f, "hazardous.collections.runs", lang, { zh: "小微企业统一收运", en: "small/micro collections" }),
        clause(f, "hazardous.collections.tonnes", lang, { zh: "收运量", en: "collected" }),
      ];
      break;
    case "recycling":
      parts = [
        clause(f, "recycling.tonnage", lang, { zh: "回收再生资源", en: "recyclables collected" }),
        clause(f, "recycling.activeCards", lang, { zh: "活跃积分卡", en: "active points cards" }),
        clause(f, "recycling.pointsIssued", lang, { zh: "发放积分", en: "points issued" }),
        clause(f, "recycling.pointsRedeemed", lang, { zh: "兑换积分", en: "points redeemed" }),
        clause(f, "recycling.redemptionYuan", lang, { zh: "兑换金额", en: "redemption value" }),
        clause(f, "recycling.cards", lang, { zh: "累计办理积分卡", en: "points cards issued in all", change: false }),
      ];
      break;
    case "cells":
      parts = [
        clause(f, "cells.certifiedCells", lang, { zh: "已命名无废细胞", en: "certified zero-waste cells", change: false }),
        clause(f, "cells.newlyCertified", lang, { zh: "本期新命名", en: "newly certified" }),
        clause(f, "cells.indicatorsOnTrackPct", lang, { zh: "建设指标进度正常占比", en: "indicators on track" }),
        clause(f, "cells.tasksOverdue", lang, { zh: "逾期未销号任务", en: "tasks overdue", change: false }),
        clause(f, "cells.zeroWasteIndex", lang, { zh: "无废指数", en: "zero-waste index", change: false }),
        f.get("cells.provincialIndexRank") && f.get("cells.provincialIndexRank")!.value !== "0"
          ? zh
            ? `“浙江无废指数”全省排名第${f.get("cells.provincialIndexRank")!.value}位`
            : `rank ${f.get("cells.provincialIndexRank")!.value} in the province's zero-waste index`
          : null,
        f.get("cells.zeroWasteIndexRank") && f.get("cells.zeroWasteIndexRank")!.value !== "0"
          ? zh
            ? `无废指数全市排名第${f.get("cells.zeroWasteIndexRank")!.value}位`
            : `rank ${f.get("cells.zeroWasteIndexRank")!.value} in the city's zero-waste index`
          : null,
      ];
      break;
  }
  const body = sentence(parts, lang);
  return zh ? `${lead}${body}` : `${lead}${body}`;
}

function capacityText(cap: CapacityBalance, names: Map<number, { zh: string; en: string }>, lang: Lang): string {
  const zh = lang === "zh-CN";
  const parts: string[] = [];
  for (const t of cap.totals) {
    const cat = CATEGORY_NAMES[t.category] ?? { zh: t.category, en: t.category };
    const short = cap.rows.filter((r) => r.category === t.category && r.shortfall).map((r) => (zh ? names.get(r.districtId)?.zh : names.get(r.districtId)?.en) ?? String(r.districtId));
    const projShort = cap.rows.filter((r) => r.category === t.category && r.projectedShortfall).map((r) => (zh ? names.get(r.districtId)?.zh : names.get(r.districtId)?.en) ?? String(r.districtId));
    const load = t.loadPct != null ? (zh ? `，负荷率 ${t.loadPct}%` : `, load ${t.loadPct}%`) : "";
    if (zh) {
      parts.push(
        `${cat.zh}年产生量${t.generatedToDate ? "（按已过天数折算全年）" : ""}${formatValue(t.generatedAnnual, t.unit, lang)}，利用处置能力${formatValue(t.capacity, t.unit, lang)}${load}` +
          (short.length ? `，${short.join("、")}存在缺口` : "，各区、县（市）能力满足需求") +
          (projShort.length ? `；至${cap.plan.endYear}年末${projShort.join("、")}预计存在缺口` : `；至${cap.plan.endYear}年末预计能力满足需求`),
      );
    } else {
      parts.push(
        `${cat.en}: ${formatValue(t.generatedAnnual, t.unit, lang)} generated a year${t.generatedToDate ? " (the year so far, annualised)" : ""} against ${formatValue(t.capacity, t.unit, lang)} of capacity${load}` +
          (short.length ? `; shortfall in ${short.join(", ")}` : "; every district has enough capacity") +
          (projShort.length ? `; by the end of ${cap.plan.endYear} a shortfall is projected in ${projShort.join(", ")}` : `; enough capacity projected to the end of ${cap.plan.endYear}`),
      );
    }
  }
  if (!parts.length) return zh ? "暂无产能匹配数据。" : "No capacity data.";
  return zh ? `${parts.join("。")}。` : `${parts.join(". ")}.`;
}

const value = (f: Figure | undefined): BriefingValue | null => (f ? { value: f.value, previous: f.previous, changePct: f.changePct } : null);

/**
 * The briefing of `month` for the city or a district, from the overview cache: composed once per
 * (month, district, day) and kept warm by the cache's background refresh when a stream changes, so
 * the office's page and the workbook do not recompose it — the composition reads the month and the
 * year to date for the city and every district (dozens of provider calls when cold).
 */
export function briefingFor(app: App, q: { month: string; districtId: number | null; showDistricts: boolean }): Promise<Briefing> {
  const key = `briefing|${q.month}|${q.districtId ?? "city"}|${q.showDistricts ? 1 : 0}|${shanghaiDay(new Date())}`;
  // A month's document: after a change the previous composition is served while the new one is made (≈ 1 s
  // at city scale), so a reload never waits for it; it is at most one recomputation behind.
  return cacheOf(app).get(key, STREAM_ORDER, () => buildBriefing(app, q), { staleWhileRefresh: true });
}

/** Builds the briefing of `month` ("YYYY-MM") for the city or a district. */
export async function buildBriefing(app: App, q: { month: string; districtId: number | null; showDistricts: boolean; now?: Date }): Promise<Briefing> {
  const start = monthStartOf(q.month);
  if (!start) throw new RangeError(`not a month: ${q.month}`);
  const now = q.now ?? new Date();
  const period = resolvePeriod("MONTH", start, now);
  const ytd = yearToMonthEnd(start, now);
  const all = await allDistricts(app.db);
  const names = new Map(all.map((d) => [d.id, { zh: d.nameZh, en: d.nameEn }]));
  const where = q.districtId ? names.get(q.districtId)! : { zh: "全市", en: "the city" };
  const [monthFigs, ytdFigs, capacity] = await Promise.all([
    figuresFor(app, { districtId: q.districtId, period }),
    figuresFor(app, { districtId: q.districtId, period: ytd }),
    capacityFor(app, { year: Number(start.slice(0, 4)), districtId: q.districtId }),
  ]);
  const fm = figureMap(monthFigs.streams);
  const fy = figureMap(ytdFigs.streams);
  const lines: BriefingLine[] = [];
  const sections: BriefingSection[] = [];
  for (const s of monthFigs.streams) {
    for (const key of BRIEFING_KEYS[s.stream] ?? []) {
      const m = fm.get(key);
      if (!m) continue;
      const y = fy.get(key);
      lines.push({ key, stream: s.stream, labelZh: m.labelZh, labelEn: m.labelEn, unit: m.unit, link: m.link, month: value(m)!, yearToDate: m.previous == null || !y ? null : value(y) });
    }
    const title = STREAM_TITLES[s.stream] ?? { zh: s.stream, en: s.stream };
    sections.push({
      key: s.stream,
      titleZh: title.zh,
      titleEn: title.en,
      textZh: s.available ? streamText(s.stream, fm, where, period, "zh-CN") : "本期数据暂不可用。",
      textEn: s.available ? streamText(s.stream, fm, where, period, "en") : "Not available for this period.",
    });
  }
  sections.push({ key: "capacity", titleZh: STREAM_TITLES.capacity!.zh, titleEn: STREAM_TITLES.capacity!.en, textZh: capacityText(capacity, names, "zh-CN"), textEn: capacityText(capacity, names, "en") });

  const districtKeys = DISTRICT_KEYS.filter((k) => fm.has(k)).map((k) => ({ key: k, labelZh: fm.get(k)!.labelZh, labelEn: fm.get(k)!.labelEn, unit: fm.get(k)!.unit }));
  const districts: BriefingDistrict[] = [];
  if (q.showDistricts && !q.districtId) {
    const ids = await districtIds(app);
    const per = await Promise.all(ids.map((id) => figuresFor(app, { districtId: id, period, streams: [...new Set(districtKeys.map((k) => k.key.split(".")[0]!))] })));
    ids.forEach((id, i) => {
      const f = figureMap(per[i]!.streams);
      districts.push({ districtId: id, nameZh: names.get(id)?.zh ?? String(id), nameEn: names.get(id)?.en ?? String(id), values: districtKeys.map((k) => ({ key: k.key, value: f.get(k.key)?.value ?? null, changePct: f.get(k.key)?.changePct ?? null })) });
    });
  }
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  return {
    month: q.month,
    districtId: q.districtId,
    districtNameZh: q.districtId ? where.zh : "绍兴市",
    districtNameEn: q.districtId ? where.en : "Shaoxing",
    titleZh: `${q.districtId ? where.zh : "绍兴市"}全域“无废城市”建设工作月报（${y}年${m}月）`,
    titleEn: `${q.districtId ? where.en : "Shaoxing"} zero-waste city: monthly briefing, ${period.labelEn}`,
    issuerZh: ISSUER.zh,
    issuerEn: ISSUER.en,
    period,
    yearToDate: ytd,
    generatedOn: shanghaiDay(now),
    sections,
    lines,
    districtKeys,
    districts,
    capacity,
    names,
  };
}

// ——— the workbook ———

const num = (v: string | null | undefined): number | null => (v != null && isDecimal(v) ? Number(v) : null);
const RED = "FFC00000";
const THIN = { style: "thin" as const, color: { argb: "FF999999" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function numFmt(unit: string): string {
  if (unit === "%") return '0.0"%"';
  if (unit === "t") return "#,##0.000";
  if (unit === "m³" || unit === "元") return "#,##0.00";
  return "#,##0.##";
}

function categoryName(c: string, lang: Lang): string {
  const n = CATEGORY_NAMES[c];
  return n ? (lang === "zh-CN" ? n.zh : n.en) : c;
}

/** The briefing as an Excel workbook: the briefing text, the statistics table, districts, capacity. */
export async function briefingWorkbook(b: Briefing, lang: Lang): Promise<Buffer> {
  const zh = lang === "zh-CN";
  const t = (a: string, e: string) => (zh ? a : e);
  const { default: ExcelJS } = await import("exceljs"); // loaded on the first workbook, not at start
  const wb = new ExcelJS.Workbook();
  wb.creator = zh ? b.issuerZh : b.issuerEn;
  wb.title = zh ? b.titleZh : b.titleEn;
  wb.created = new Date();
  const font = zh ? "宋体" : "Calibri";

  // 1. 月报 — the briefing text, laid out like the bulletin's front page.
  const ws = wb.addWorksheet(t("月报", "Briefing"), { pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 100 }];
  const title = ws.addRow([t(`${b.districtNameZh}全域“无废城市”建设工作月报`, `${b.districtNameEn} zero-waste city — monthly briefing`)]);
  title.font = { name: font, size: 20, bold: true, color: { argb: RED } };
  title.alignment = { horizontal: "center" };
  title.height = 34;
  const sub = ws.addRow([zh ? `（${b.period.labelZh}${b.period.toDate ? "，截至目前" : ""}）` : `(${b.period.labelEn}${b.period.toDate ? ", to date" : ""})`]);
  sub.alignment = { horizontal: "center" };
  sub.font = { name: font, size: 12 };
  const issuer = ws.addRow([`${zh ? b.issuerZh : b.issuerEn}　　　　${b.generatedOn}`]);
  issuer.alignment = { horizontal: "center" };
  issuer.font = { name: font, size: 11 };
  issuer.getCell(1).border = { bottom: { style: "thick", color: { argb: RED } } };
  ws.addRow([]);
  const ordinals = ["一", "二", "三", "四", "五", "六", "七", "八"];
  b.sections.forEach((s, i) => {
    const h = ws.addRow([zh ? `${ordinals[i] ?? i + 1}、${s.titleZh}` : `${i + 1}. ${s.titleEn}`]);
    h.font = { name: font, size: 14, bold: true };
    const p = ws.addRow([zh ? `　　${s.textZh}` : s.textEn]);
    p.font = { name: font, size: 12 };
    p.alignment = { wrapText: true, vertical: "top" };
    p.height = Math.max(20, Math.ceil((zh ? s.textZh.length * 2 : s.textEn.length) / 95) * 17);
  });
  ws.addRow([]);
  const foot1 = ws.addRow([t("报：市委、市人大、市政府、市政协领导。", "To: the leaders of the municipal Party committee, people's congress, government and CPPCC.")]);
  const foot2 = ws.addRow([t("发：各区、县（市）委、人民政府，市级各部门。", "Copy: the district and county committees and governments, the municipal departments.")]);
  foot1.getCell(1).border = { top: { style: "thin" } };
  for (const r of [foot1, foot2]) r.font = { name: font, size: 10 };

  // 2. 统计表 — the month and the year to date, each against the same period a year before.
  const st = wb.addWorksheet(t("统计表", "Statistics"), { views: [{ state: "frozen", ySplit: 3 }], pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  st.columns = [{ width: 6 }, { width: 20 }, { width: 30 }, { width: 8 }, { width: 16 }, { width: 16 }, { width: 11 }, { width: 18 }, { width: 18 }, { width: 11 }];
  st.mergeCells(1, 1, 1, 10);
  const sh = st.getCell(1, 1);
  sh.value = t(`${b.districtNameZh}“无废城市”建设主要指标统计表（${b.period.labelZh}）`, `${b.districtNameEn} zero-waste city: key figures, ${b.period.labelEn}`);
  sh.font = { name: font, size: 16, bold: true };
  sh.alignment = { horizontal: "center" };
  st.mergeCells(2, 1, 2, 10);
  st.getCell(2, 1).value = t(
    `本月：${b.period.labelZh}${b.period.toDate ? "（截至目前）" : ""}；本年累计：${b.yearToDate.labelZh}；同比为与去年同期相比（%）`,
    `Month: ${b.period.labelEn}${b.period.toDate ? " (to date)" : ""}; year to date: ${b.yearToDate.labelEn}; change: against the same period a year before (%)`,
  );
  st.getCell(2, 1).font = { name: font, size: 10, italic: true };
  const head = st.addRow(zh ? ["序号", "类别", "指标", "单位", "本月", "去年同月", "同比(%)", "本年累计", "去年同期", "同比(%)"] : ["No.", "Stream", "Figure", "Unit", "Month", "Same month last year", "Change (%)", "Year to date", "Same period last year", "Change (%)"]);
  head.font = { name: font, bold: true };
  head.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  head.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    c.border = BORDER;
  });
  b.lines.forEach((l, i) => {
    const r = st.addRow([
      i + 1,
      zh ? STREAM_TITLES[l.stream]?.zh : STREAM_TITLES[l.stream]?.en,
      zh ? l.labelZh : l.labelEn,
      zh ? l.unit : (EN_UNITS[l.unit] ?? l.unit),
      num(l.month.value),
      num(l.month.previous),
      num(l.month.changePct),
      num(l.yearToDate?.value),
      num(l.yearToDate?.previous),
      num(l.yearToDate?.changePct),
    ]);
    r.font = { name: font };
    for (const c of [5, 6, 8, 9]) r.getCell(c).numFmt = numFmt(l.unit);
    for (const c of [7, 10]) r.getCell(c).numFmt = '+0.0;-0.0;0.0';
    r.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
  });

  // 3. 分区县 — the districts side by side.
  if (b.districts.length) {
    const dt = wb.addWorksheet(t("分区县", "Districts"), { views: [{ state: "frozen", xSplit: 1, ySplit: 2 }] });
    dt.columns = [{ width: 12 }, ...b.districtKeys.map(() => ({ width: 18 }))];
    dt.mergeCells(1, 1, 1, b.districtKeys.length + 1);
    dt.getCell(1, 1).value = t(`各区、县（市）主要指标（${b.period.labelZh}）`, `Key figures by district (${b.period.labelEn})`);
    dt.getCell(1, 1).font = { name: font, size: 14, bold: true };
    const h = dt.addRow([t("区、县（市）", "District"), ...b.districtKeys.map((k) => `${zh ? k.labelZh : k.labelEn}${k.unit ? `（${zh ? k.unit : (EN_UNITS[k.unit] ?? k.unit)}）` : ""}`)]);
    h.font = { name: font, bold: true };
    h.alignment = { wrapText: true, horizontal: "center" };
    h.eachCell((c) => ((c.border = BORDER), (c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } })));
    for (const d of b.districts) {
      const r = dt.addRow([zh ? d.nameZh : d.nameEn, ...d.values.map((v) => num(v.value))]);
      b.districtKeys.forEach((k, i) => (r.getCell(i + 2).numFmt = numFmt(k.unit)));
      r.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
    }
  }

  // 4. 产能匹配 — generation against capacity, shortfalls in red.
  const ct = wb.addWorksheet(t("产能匹配", "Capacity"), { views: [{ state: "frozen", ySplit: 3 }] });
  ct.columns = [{ width: 14 }, { width: 12 }, { width: 8 }, { width: 16 }, { width: 18 }, { width: 16 }, { width: 16 }, { width: 10 }, { width: 10 }, { width: 18 }, { width: 18 }, { width: 12 }];
  ct.mergeCells(1, 1, 1, 12);
  ct.getCell(1, 1).value = t(
    `产生量与利用处置能力匹配（${b.capacity.year}年，规划期末 ${b.capacity.plan.endYear} 年，${b.capacity.plan.nameZh}）`,
    `Generation against capacity (${b.capacity.year}; end of the plan period ${b.capacity.plan.endYear}, ${b.capacity.plan.nameEn})`,
  );
  ct.getCell(1, 1).font = { name: font, size: 14, bold: true };
  ct.mergeCells(2, 1, 2, 12);
  ct.getCell(2, 1).value = t(
    "年产生量：运行中的年度按已过天数折算全年；渣土的规划期末数为至规划期末累计量，其余为规划期末当年量。",
    "Generated a year: a running year's days so far, annualised. Spoil projections are cumulative to the end of the plan; the others are the plan's last year.",
  );
  ct.getCell(2, 1).font = { name: font, size: 10, italic: true };
  const ch = ct.addRow(
    zh
      ? ["区、县（市）", "类别", "单位", "本年产生量", "年产生量（折算）", "利用处置能力", "余量", "负荷率(%)", "缺口", "规划期末产生量", "规划期末能力", "规划期末缺口"]
      : ["District", "Category", "Unit", "Generated so far", "Generated a year", "Capacity", "Balance", "Load (%)", "Shortfall", "Projected generation", "Projected capacity", "Projected shortfall"],
  );
  ch.font = { name: font, bold: true };
  ch.alignment = { wrapText: true, horizontal: "center" };
  ch.eachCell((c) => ((c.border = BORDER), (c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } })));
  const names = new Map([...b.names].map(([id, n]) => [id, zh ? n.zh : n.en]));
  const yes = t("是", "yes");
  const addCap = (r: BalanceRow, name: string) => {
    const x = ct.addRow([name, categoryName(r.category, lang), zh ? r.unit : (EN_UNITS[r.unit] ?? r.unit), num(r.generated), num(r.generatedAnnual), num(r.capacity), num(r.balance), num(r.loadPct), r.shortfall ? yes : "", num(r.projectedGenerated), num(r.projectedCapacity), r.projectedShortfall ? yes : ""]);
    for (const c of [4, 5, 6, 7, 10, 11]) x.getCell(c).numFmt = "#,##0.00";
    x.getCell(8).numFmt = "0.0";
    x.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
    const redFill = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFFFC7CE" } };
    if (r.shortfall) for (const c of [5, 6, 7, 9]) ((x.getCell(c).fill = redFill), (x.getCell(c).font = { color: { argb: RED }, bold: true }));
    if (r.projectedShortfall) for (const c of [10, 11, 12]) ((x.getCell(c).fill = redFill), (x.getCell(c).font = { color: { argb: RED }, bold: true }));
  };
  for (const r of b.capacity.rows) addCap(r, names.get(r.districtId) ?? String(r.districtId));
  for (const r of b.capacity.totals) addCap(r, zh ? `${b.districtNameZh}合计` : `${b.districtNameEn} total`);

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** File name of the workbook, e.g. 绍兴市无废城市建设月报-2026-10.xlsx. */
export function briefingFileName(b: Briefing, lang: Lang): string {
  return lang === "zh-CN" ? `${b.districtNameZh}无废城市建设月报-${b.month}.xlsx` : `zero-waste-briefing-${b.districtNameEn.toLowerCase()}-${b.month}.xlsx`;
}

/**
 * After a start, composes what the leadership opens first — this month's city figures, the year's
 * balance and the briefings of this and last month — so the first visit after a deploy finds them ready
 * (the refresher then keeps them warm while they are read). Called by the server's entry point only.
 */
export async function prewarmOverview(app: App, log: (m: string) => void = () => {}): Promise<void> {
  const t = Date.now();
  const today = shanghaiDay(new Date());
  const month = today.slice(0, 7);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  try {
    await figuresFor(app, { districtId: null, period: resolvePeriod("MONTH", null) });
    await capacityFor(app, { year: y, districtId: null });
    for (const mm of [month, last]) await briefingFor(app, { month: mm, districtId: null, showDistricts: true });
    log(`overview prewarmed in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } catch (e) {
    log(`overview prewarm failed (answers are computed on request): ${e instanceof Error ? e.message : String(e)}`);
  }
}
