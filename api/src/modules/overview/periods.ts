/**
 * Periods of the overview in Asia/Shanghai calendar terms (UTC+8, no daylight saving): a day, month,
 * quarter or year containing a date, resolved to instants [from, to). A period that is still running
 * is cut at the end of today ("to date", 截至目前) so that the comparison with the same period a year
 * before covers the same days. Also the five-year plan periods (十四五 2021–2025, 十五五 2026–2030).
 */
export type OverviewPeriodKind = "DAY" | "MONTH" | "QUARTER" | "YEAR";

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Shanghai calendar day of an instant, YYYY-MM-DD. */
export function shanghaiDay(at: Date | number): string {
  const t = typeof at === "number" ? at : at.getTime();
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai day starts. */
export function dayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}

export function isDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** First day of the month `n` months after the month of `day`. */
export function addMonths(day: string, n: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, "0")}-01`;
}

/** The same calendar day a year before (29 Feb → 28 Feb). */
export function sameDayYearBefore(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5);
  return md === "02-29" ? `${y}-02-28` : `${y}-${md}`;
}

export interface ResolvedPeriod {
  kind: OverviewPeriodKind;
  /** First day of the period. */
  startDay: string;
  /** Day after the period's last day (exclusive), in full. */
  endDay: string;
  /** Day after the last day counted: endDay, or tomorrow while the period is running. */
  cutDay: string;
  /** True when the period is still running (cut at the end of today). */
  toDate: boolean;
  /** True when the period has not started yet. */
  future: boolean;
  /** [from, to) instants of the counted days. */
  from: Date;
  to: Date;
  /** The same days a year before. */
  previousFrom: Date;
  previousTo: Date;
  previousStartDay: string;
  previousCutDay: string;
  /** e.g. "2026年11月" / "November 2026". */
  labelZh: string;
  labelEn: string;
  year: number;
  /** 1–4: the quarter containing the last counted day. */
  quarter: number;
}

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function startOf(kind: OverviewPeriodKind, day: string): string {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  switch (kind) {
    case "DAY":
      return day;
    case "MONTH":
      return `${day.slice(0, 7)}-01`;
    case "QUARTER":
      return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
    case "YEAR":
      return `${y}-01-01`;
  }
}

function endOf(kind: OverviewPeriodKind, start: string): string {
  switch (kind) {
    case "DAY":
      return addDays(start, 1);
    case "MONTH":
      return addMonths(start, 1);
    case "QUARTER":
      return addMonths(start, 3);
    case "YEAR":
      return addMonths(start, 12);
  }
}

function labels(kind: OverviewPeriodKind, start: string): { zh: string; en: string } {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  const d = Number(start.slice(8, 10));
  switch (kind) {
    case "DAY":
      return { zh: `${y}年${m}月${d}日`, en: `${d} ${MONTHS_EN[m - 1]} ${y}` };
    case "MONTH":
      return { zh: `${y}年${m}月`, en: `${MONTHS_EN[m - 1]} ${y}` };
    case "QUARTER": {
      const q = Math.floor((m - 1) / 3) + 1;
      return { zh: `${y}年第${"一二三四"[q - 1]}季度`, en: `Q${q} ${y}` };
    }
    case "YEAR":
      return { zh: `${y}年`, en: `${y}` };
  }
}

/**
 * The period of `kind` containing `day` (default: today in Shanghai), as of `now`. A running period is
 * counted to the end of today, and compared with the same days a year before.
 */
export function resolvePeriod(kind: OverviewPeriodKind, day: string | null | undefined, now: Date = new Date()): ResolvedPeriod {
  const d = day ?? shanghaiDay(now);
  if (!isDay(d)) throw new RangeError(`not a day: ${d}`);
  const startDay = startOf(kind, d);
  const l = labels(kind, startDay);
  return rangeOf(kind, startDay, endOf(kind, startDay), l, now);
}

/** The year to the end of the month starting `monthStart` (本年累计: 1–10 月), cut at today. */
export function yearToMonthEnd(monthStart: string, now: Date = new Date()): ResolvedPeriod {
  const y = Number(monthStart.slice(0, 4));
  const m = Number(monthStart.slice(5, 7));
  const l = m === 1 ? { zh: `${y}年1月`, en: `January ${y}` } : { zh: `${y}年1—${m}月`, en: `January–${MONTHS_EN[m - 1]} ${y}` };
  return rangeOf("YEAR", `${y}-01-01`, addMonths(monthStart, 1), l, now);
}

function rangeOf(kind: OverviewPeriodKind, startDay: string, endDay: string, l: { zh: string; en: string }, now: Date): ResolvedPeriod {
  const today = shanghaiDay(now);
  const tomorrow = addDays(today, 1);
  const toDate = startDay <= today && today < endDay;
  const future = startDay > today;
  const cutDay = toDate ? tomorrow : endDay;
  const previousStartDay = sameDayYearBefore(startDay);
  const previousCutDay = sameDayYearBefore(cutDay);
  const last = addDays(cutDay, -1);
  return {
    kind,
    startDay,
    endDay,
    cutDay,
    toDate,
    future,
    from: dayStart(startDay),
    to: dayStart(cutDay),
    previousFrom: dayStart(previousStartDay),
    previousTo: dayStart(previousCutDay),
    previousStartDay,
    previousCutDay,
    labelZh: l.zh,
    labelEn: l.en,
    year: Number(last.slice(0, 4)),
    quarter: Math.floor((Number(last.slice(5, 7)) - 1) / 3) + 1,
  };
}

/** A month "YYYY-MM" → its first day, or null when malformed. */
export function monthStartOf(month: string): string | null {
  if (!/^\d{4}-\d{2}$/.test(month)) return null;
  const day = `${month}-01`;
  return isDay(day) ? day : null;
}

export interface PlanPeriod {
  nameZh: string;
  nameEn: string;
  startYear: number;
  endYear: number;
}

/** The five-year plan period containing `year` (十四五 2021–2025, 十五五 2026–2030, …). */
export function planPeriodOf(year: number): PlanPeriod {
  const n = Math.floor((year - 2021) / 5) + 14;
  const startYear = 2021 + (n - 14) * 5;
  const zhNumbers: Record<number, string> = { 13: "十三五", 14: "十四五", 15: "十五五", 16: "十六五", 17: "十七五" };
  return { nameZh: zhNumbers[n] ?? `第${n}个五年规划`, nameEn: `${n}th Five-Year Plan`, startYear, endYear: startYear + 4 };
}

/** Share of a year's days up to (not including) `cutDay`, for annualising a year to date. */
export function yearShare(year: number, cutDay: string): number {
  const start = Date.parse(`${year}-01-01T00:00:00Z`);
  const end = Date.parse(`${year + 1}-01-01T00:00:00Z`);
  const cut = Math.min(end, Math.max(start, Date.parse(`${cutDay}T00:00:00Z`)));
  return (cut - start) / (end - start);
}
