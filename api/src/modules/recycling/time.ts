/**
 * Calendar helpers in Asia/Shanghai (UTC+8, no daylight saving): days are 'YYYY-MM-DD' strings,
 * periods are day, month, quarter and year.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export type PeriodKind = "DAY" | "MONTH" | "QUARTER" | "YEAR";

/** The Shanghai calendar day of an instant. */
export function dayOf(at: Date | number): string {
  const t = typeof at === "number" ? at : at.getTime();
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai day starts. */
export function startOfDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
export function quarterStart(day: string): string {
  const m = Number(day.slice(5, 7));
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(q).padStart(2, "0")}-01`;
}
export function yearStart(day: string): string {
  return `${day.slice(0, 4)}-01-01`;
}

export function addMonths(day: string, n: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, "0")}-${day.slice(8, 10)}`;
}

/** Start of the period containing `day`. */
export function periodStart(kind: PeriodKind, day: string): string {
  switch (kind) {
    case "DAY":
      return day;
    case "MONTH":
      return monthStart(day);
    case "QUARTER":
      return quarterStart(day);
    case "YEAR":
      return yearStart(day);
  }
}

/** [from, to) days of the period starting at `start`. */
export function periodRange(kind: PeriodKind, start: string): { from: string; to: string } {
  switch (kind) {
    case "DAY":
      return { from: start, to: addDays(start, 1) };
    case "MONTH":
      return { from: start, to: addMonths(start, 1) };
    case "QUARTER":
      return { from: start, to: addMonths(start, 3) };
    case "YEAR":
      return { from: start, to: addMonths(start, 12) };
  }
}

/** The same period one year before. */
export function yearBefore(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5);
  // 29 Feb → 28 Feb
  if (md === "02-29") return `${y}-02-28`;
  return `${y}-${md}`;
}

/** Which calendar period [from, to) is exactly, if any (days as strings). */
export function alignedPeriod(from: string, to: string): { kind: "D" | "M" | "Q" | "Y"; start: string } | null {
  if (to === addDays(from, 1)) return { kind: "D", start: from };
  if (from.endsWith("-01")) {
    if (to === addMonths(from, 1)) return { kind: "M", start: from };
    if (quarterStart(from) === from && to === addMonths(from, 3)) return { kind: "Q", start: from };
    if (yearStart(from) === from && to === addMonths(from, 12)) return { kind: "Y", start: from };
  }
  return null;
}

export function isDay(s: string): boolean {
  // "2026-13-01" parses to NaN (dayOf would throw); "2026-02-30" rolls over to another day.
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && dayOf(startOfDay(s)) === s;
}
