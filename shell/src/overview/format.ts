/**
 * Showing the API's exact decimal strings: digit grouping, the bulletin's 万 for large volumes and money
 * in Chinese, units per language, and the direction of a change.
 */
import type { Language } from "@zw/ui";

const DEC = /^-?\d+(\.\d+)?$/;

/** Thousands separators on a decimal string (no float round trip). */
export function groupDigits(v: string): string {
  if (!DEC.test(v)) return v;
  const neg = v.startsWith("-");
  const [i, f] = (neg ? v.slice(1) : v).split(".");
  return `${neg ? "-" : ""}${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${f !== undefined ? `.${f}` : ""}`;
}

/** Drops trailing zeros after the point: "12.50" → "12.5", "3.000" → "3". */
export function trimZeros(v: string): string {
  return DEC.test(v) && v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v;
}

/** Rounds a decimal string to `places` (half away from zero), exactly. */
export function roundDec(v: string, places: number): string {
  if (!DEC.test(v)) return v;
  const neg = v.startsWith("-");
  const [i, f = ""] = (neg ? v.slice(1) : v).split(".");
  const digits = BigInt(i! + (f + "0".repeat(places + 1)).slice(0, places + 1));
  const r = (digits + 5n) / 10n;
  const p = 10n ** BigInt(places);
  const s = places > 0 ? `${r / p}.${String(r % p).padStart(places, "0")}` : `${r}`;
  return neg && r !== 0n ? `-${s}` : s;
}

/** Divides a decimal string by 10^k exactly (moves the point). */
function shift(v: string, k: number): string {
  const neg = v.startsWith("-");
  const [i, f = ""] = (neg ? v.slice(1) : v).split(".");
  const all = (i! + f).replace(/^0+(?=\d)/, "");
  const point = i!.length - k;
  const padded = point <= 0 ? "0".repeat(1 - point) + all : all;
  const p = point <= 0 ? 1 : point;
  return `${neg ? "-" : ""}${padded.slice(0, p) || "0"}.${padded.slice(p)}`;
}

export interface Shown {
  value: string;
  unit: string;
}

/**
 * A value with its unit for display. Chinese: m³ and 元 of 10,000 or more in 万方 / 万元 (2 decimals);
 * English: units translated by `unitLabel`.
 */
export function showValue(value: string, unit: string, lng: Language, unitLabel: (u: string) => string): Shown {
  if (!DEC.test(value)) return { value, unit: unitLabel(unit) };
  const abs = value.replace("-", "");
  const big = (unit === "m³" || unit === "元") && abs.split(".")[0]!.length >= 5;
  if (lng === "zh-CN" && big) return { value: groupDigits(trimZeros(roundDec(shift(value, 4), 2))), unit: unit === "m³" ? "万方" : "万元" };
  if (lng === "en" && big && abs.split(".")[0]!.length >= 7) return { value: trimZeros(roundDec(shift(value, 6), 2)), unit: `million ${unitLabel(unit)}`.trim() };
  const places = unit === "t" ? 3 : unit === "%" ? 1 : 2;
  return { value: groupDigits(trimZeros(roundDec(value, places))), unit: unitLabel(unit) };
}

export type Trend = "up" | "down" | "flat" | "none";

export function trendOf(changePct: string | null | undefined): Trend {
  if (changePct == null || !DEC.test(changePct)) return "none";
  const n = Number(changePct);
  return n > 0 ? "up" : n < 0 ? "down" : "flat";
}

/** "+12.5%" / "−3.0%" / "0.0%". */
export function showChange(changePct: string | null | undefined): string {
  if (changePct == null || !DEC.test(changePct)) return "—";
  const n = Number(changePct);
  return `${n > 0 ? "+" : n < 0 ? "−" : ""}${changePct.replace("-", "")}%`;
}

/** The current month YYYY-MM in Shanghai, and the months before it. */
export function recentMonths(n: number, now = new Date()): string[] {
  const d = new Date(now.getTime() + 8 * 3600_000);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth() + 1;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m -= 1;
    if (m === 0) ((m = 12), (y -= 1));
  }
  return out;
}

export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Options for the period picker: the recent days, months, quarters or years (value = a day in it). */
export function periodOptions(kind: "DAY" | "MONTH" | "QUARTER" | "YEAR", lng: Language, now = new Date()): { value: string; label: string }[] {
  const today = shanghaiToday(now);
  const y = Number(today.slice(0, 4));
  const mo = Number(today.slice(5, 7));
  const out: { value: string; label: string }[] = [];
  const en = lng === "en";
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  if (kind === "DAY") {
    for (let i = 0; i < 31; i++) {
      const d = new Date(Date.parse(`${today}T00:00:00Z`) - i * 86_400_000).toISOString().slice(0, 10);
      const [yy, mm, dd] = d.split("-").map(Number);
      out.push({ value: d, label: en ? `${dd} ${MONTHS[mm! - 1]} ${yy}` : `${yy}年${mm}月${dd}日` });
    }
  } else if (kind === "MONTH") {
    for (const m of recentMonths(24, now)) {
      const [yy, mm] = m.split("-").map(Number);
      out.push({ value: `${m}-01`, label: en ? `${MONTHS[mm! - 1]} ${yy}` : `${yy}年${mm}月` });
    }
  } else if (kind === "QUARTER") {
    let qy = y;
    let q = Math.floor((mo - 1) / 3) + 1;
    for (let i = 0; i < 12; i++) {
      out.push({ value: `${qy}-${String((q - 1) * 3 + 1).padStart(2, "0")}-01`, label: en ? `Q${q} ${qy}` : `${qy}年第${"一二三四"[q - 1]}季度` });
      q -= 1;
      if (q === 0) ((q = 4), (qy -= 1));
    }
  } else {
    for (let i = 0; i < 6; i++) out.push({ value: `${y - i}-01-01`, label: en ? `${y - i}` : `${y - i}年` });
  }
  return out;
}

/** The option value (a day in the period) that contains `date`. */
export function periodValueOf(kind: "DAY" | "MONTH" | "QUARTER" | "YEAR", date: string): string {
  if (kind === "DAY") return date;
  if (kind === "MONTH") return `${date.slice(0, 7)}-01`;
  if (kind === "QUARTER") return `${date.slice(0, 4)}-${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
  return `${date.slice(0, 4)}-01-01`;
}
