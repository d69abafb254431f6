/** Formatting helpers: exact decimal strings from the API shown with grouping, dates in the user's language. */
import { useQuery } from "@apollo/client/react";
import { localName, useLanguage } from "@zw/ui";
import { HazardousReferenceDocument } from "./graphql/generated.js";

/** "12345.600" → "12,345.600" (keeps the API's exact digits). */
export function num(v: string | number | null | undefined, decimals?: number): string {
  if (v === null || v === undefined || v === "") return "—";
  const s = typeof v === "number" ? (decimals !== undefined ? v.toFixed(decimals) : String(v)) : v;
  const neg = s.startsWith("-");
  const [i, f] = (neg ? s.slice(1) : s).split(".");
  const grouped = (i ?? "0").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${grouped}${f !== undefined ? `.${f}` : ""}`;
}

/**
 * A day ("2030-06-30") or an instant as a date in the user's language. Days are Shanghai days: shown in
 * Asia/Shanghai whatever the browser's zone (a browser in UTC showed "2030/6/29" for "2030-06-30").
 */
export function formatDate(v: string | null | undefined, lng: string): string {
  if (!v) return "—";
  return new Date(v.length === 10 ? `${v}T00:00:00+08:00` : v).toLocaleDateString(lng, { timeZone: "Asia/Shanghai" });
}

export function useDateFormat() {
  const lng = useLanguage();
  return {
    dateTime: (v: string | null | undefined) => (v ? new Date(v).toLocaleString(lng, { hour12: false }) : "—"),
    date: (v: string | null | undefined) => formatDate(v, lng),
  };
}

/** District options for filters (the six districts/counties). */
export function useDistrictOptions() {
  const lng = useLanguage();
  const q = useQuery(HazardousReferenceDocument);
  return (q.data?.districts ?? []).filter((d) => d.level === "DISTRICT").map((d) => ({ value: d.id, label: localName(d, lng) }));
}

export function districtName(d: { nameZh: string; nameEn: string } | null | undefined, lng: string): string {
  return d ? localName(d, lng as "zh-CN" | "en") : "—";
}

/** Start of this year in Asia/Shanghai, and now (exclusive end a minute ahead). */
export function thisYear(): { from: string; to: string; year: number } {
  const now = new Date();
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  return { from: new Date(Date.UTC(year, 0, 1) - 8 * 3600_000).toISOString(), to: new Date(now.getTime() + 60_000).toISOString(), year };
}

/** Triggers a browser download of base64 content. */
export function downloadBase64(fileName: string, mime: string, b64: string): void {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads a File as base64 (without the data: prefix). */
export function fileToBase64(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ""));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(f);
  });
}
