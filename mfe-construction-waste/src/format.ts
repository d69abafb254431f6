/** Display helpers of the spoil module: exact decimals with grouping, dates in the user's language, district names. */
import { useQuery } from "@apollo/client/react";
import { localName, useLanguage } from "@zw/ui";
import { ConstructionReferenceDocument } from "./graphql/generated.js";

/** Groups the integer part of an exact decimal string ("1234567.50" → "1,234,567.50"). */
export function grouped(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  const [int, frac] = String(v).split(".");
  return `${(int ?? "0").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? `.${frac}` : ""}`;
}

export function useFormat() {
  const lng = useLanguage();
  return {
    lng,
    time: (v: string | null | undefined) => (v ? new Date(v).toLocaleString(lng, { hour12: false }) : "—"),
    day: (v: string | null | undefined) => (v ? new Date(v.length === 10 ? `${v}T00:00:00+08:00` : v).toLocaleDateString(lng) : "—"),
    district: (d: { nameZh: string; nameEn: string } | null | undefined) => (d ? localName(d, lng) : "—"),
  };
}

/** The six districts/counties as filter options. */
export function useDistricts() {
  const lng = useLanguage();
  const q = useQuery(ConstructionReferenceDocument);
  const list = (q.data?.districts ?? []).filter((d) => d.level === "DISTRICT");
  return { options: list.map((d) => ({ value: d.id, label: localName(d, lng) })), byAdcode: new Map(list.map((d) => [d.adcode, localName(d, lng)])) };
}

/** [from, to) of this calendar year in Asia/Shanghai, and the year. */
export function yearRange(): { year: number; from: string; to: string } {
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  return { year, from: new Date(Date.UTC(year, 0, 1) - 8 * 3600_000).toISOString(), to: new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000).toISOString() };
}
