/** Shared pieces of the cells pages: who is looking, reference lists, formatting, status tags. */
import { useQuery } from "@apollo/client/react";
import { canRead, canWrite, useViewer } from "@zw/client";
import { localName, StatusTag, useLanguage, useTranslation } from "@zw/ui";
import { CellsReferenceDocument, CellTypesDocument, type DistrictRefFragment } from "./graphql/generated.js";
import { NS } from "./module.js";

export const OFFICE_DEPARTMENT = "zero_waste_office";

/** What the signed-in caller is in this stream. */
export function useRole() {
  const { viewer, loading } = useViewer();
  const isOperator = viewer?.role === "OPERATOR";
  const isOffice = viewer?.role === "STAFF" && viewer.department?.code === OFFICE_DEPARTMENT;
  const isStaff = viewer?.role === "STAFF";
  return {
    viewer,
    loading,
    signedIn: !!viewer?.role,
    isOperator,
    isOffice,
    isStaff,
    /** Reads the stream's lists (staff of the stream, leadership, administrators). */
    reads: canRead(viewer, "cells") && !isOperator,
    writes: canWrite(viewer, "cells") && !isOperator,
    readsOverview: canRead(viewer, "overview"),
    departmentId: viewer?.department?.id ?? null,
    districtCode: viewer?.district?.code ?? null,
  };
}

/** The city and districts (public reference data). */
export function useDistricts() {
  const q = useQuery(CellsReferenceDocument, { fetchPolicy: "cache-first" });
  const districts = q.data?.districts ?? [];
  return { districts, onlyDistricts: districts.filter((d) => d.level === "DISTRICT"), departments: q.data?.departments ?? [], loading: q.loading };
}

export function useCellTypes(skip = false) {
  const q = useQuery(CellTypesDocument, { fetchPolicy: "cache-first", skip });
  return { types: q.data?.cellTypes ?? [], loading: q.loading, error: q.error };
}

export function useDistrictOptions(withCity = false) {
  const lng = useLanguage();
  const { districts } = useDistricts();
  return districts.filter((d) => withCity || d.level === "DISTRICT").map((d) => ({ value: d.id, label: localName(d, lng) }));
}

export function districtName(d: DistrictRefFragment | null | undefined, lng: "zh-CN" | "en"): string {
  return d ? localName(d, lng) : "";
}

const DATE_FMT: Intl.DateTimeFormatOptions = { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" };
const DATETIME_FMT: Intl.DateTimeFormatOptions = { ...DATE_FMT, hour: "2-digit", minute: "2-digit", hour12: false };

export function fmtDate(v: string | null | undefined, lng: string): string {
  if (!v) return "—";
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return new Intl.DateTimeFormat(lng === "en" ? "en-GB" : "zh-CN", DATE_FMT).format(new Date(v));
}

export function fmtDateTime(v: string | null | undefined, lng: string): string {
  if (!v) return "—";
  return new Intl.DateTimeFormat(lng === "en" ? "en-GB" : "zh-CN", DATETIME_FMT).format(new Date(v));
}

/** A decimal string without trailing zeros ("85.0000" → "85", "0.3050" → "0.305"). */
export function fmtDecimal(v: string | null | undefined): string {
  if (v == null) return "—";
  if (!v.includes(".")) return v;
  return v.replace(/0+$/, "").replace(/\.$/, "");
}

const STATUS_COLOR: Record<string, string> = {
  DRAFT: "default",
  SUBMITTED: "processing",
  UNDER_REVIEW: "gold",
  CERTIFIED: "green",
  REJECTED: "red",
  WITHDRAWN: "default",
  EXPIRED: "orange",
  REVOKED: "magenta",
  SUPERSEDED: "default",
  NONE: "default",
  APPLYING: "processing",
  OPEN: "blue",
  CLOSED: "green",
  CANCELLED: "default",
  NEW: "red",
  ANSWERED: "blue",
  PUBLISHED: "green",
  IN_REVIEW: "gold",
  ARCHIVED: "default",
  NO_DATA: "default",
  ACHIEVED: "green",
  ON_TRACK: "cyan",
  AT_RISK: "orange",
  OFF_TRACK: "red",
  VALID: "green",
  EXPIRING: "orange",
};

/** A status of this stream as a coloured tag with the module's label. */
export function CellsStatus({ status }: { status: string }) {
  return <StatusTag status={status} ns={NS} color={STATUS_COLOR[status]} />;
}

export function useNs() {
  return useTranslation(NS);
}

/** The current year and quarter in Asia/Shanghai. */
export function currentQuarter(): { year: number; quarter: number } {
  const s = new Date(Date.now() + 8 * 3600_000);
  return { year: s.getUTCFullYear(), quarter: Math.floor(s.getUTCMonth() / 3) + 1 };
}

/** User errors of a mutation payload as one message. */
export function userErrorText(errors: readonly { message: string }[] | undefined | null): string {
  return (errors ?? []).map((e) => e.message).join("；");
}
