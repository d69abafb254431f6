/** Formatting helpers of the recycling module: exact decimals from the API, dates, names. */
import { useQuery } from "@apollo/client/react";
import { localName, useLanguage } from "@zw/ui";
import { RecyclingReferenceDocument } from "./graphql/generated.js";

/** "12345.600" → "12,345.600" (keeps the API's exact digits). */
export function num(v: string | number | null | undefined, decimals?: number): string {
  if (v === null || v === undefined || v === "") return "—";
  const s = typeof v === "number" ? (decimals !== undefined ? v.toFixed(decimals) : String(v)) : v;
  const neg = s.startsWith("-");
  const [i, f] = (neg ? s.slice(1) : s).split(".");
  const grouped = (i ?? "0").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${grouped}${f !== undefined ? `.${f}` : ""}`;
}

/** Grams as kilograms with 3 decimals ("12,500" g → "12.500"). */
export function kg(grams: string | number | null | undefined): string {
  if (grams === null || grams === undefined || grams === "") return "—";
  return num((Number(grams) / 1000).toFixed(3));
}

/** Change against a previous value in percent, or null. */
export function changePct(cur: string | number | null | undefined, prev: string | number | null | undefined): number | null {
  const c = Number(cur);
  const p = Number(prev);
  if (prev === null || prev === undefined || !Number.isFinite(p) || p === 0) return null;
  return Math.round(((c - p) / p) * 1000) / 10;
}

export function useDateFormat() {
  const lng = useLanguage();
  return {
    dateTime: (v: string | null | undefined) => (v ? new Date(v).toLocaleString(lng, { hour12: false }) : "—"),
    date: (v: string | null | undefined) => (v ? new Date(v.length === 10 ? `${v}T00:00:00+08:00` : v).toLocaleDateString(lng) : "—"),
  };
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function useReference() {
  const lng = useLanguage();
  const q = useQuery(RecyclingReferenceDocument);
  const districts = (q.data?.districts ?? []).filter((d) => d.level === "DISTRICT");
  const materials = q.data?.recyclingMaterials ?? [];
  return {
    districts,
    materials,
    districtOptions: districts.map((d) => ({ value: d.id, label: localName(d, lng) })),
    materialOptions: materials.map((m) => ({ value: m.id, label: localName(m, lng) })),
  };
}

export function name(o: { nameZh: string; nameEn: string } | null | undefined, lng: string): string {
  return o ? localName(o, lng as "zh-CN" | "en") : "—";
}
