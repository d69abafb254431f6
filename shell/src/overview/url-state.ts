/**
 * The overview's state lives in the URL (shareable, survives a reload, the back button works):
 *   /?period=MONTH&date=2026-11-29&district=330602&map=construction.spoilMovedM3
 *   /?screen=big                 the wall display (一张图)
 *   /?briefing=2026-10           the printable monthly briefing
 */
import { useSyncExternalStore } from "react";

export type PeriodKind = "DAY" | "MONTH" | "QUARTER" | "YEAR";
export const PERIODS: PeriodKind[] = ["DAY", "MONTH", "QUARTER", "YEAR"];

export interface OverviewState {
  mode: "page" | "big" | "briefing";
  period: PeriodKind;
  /** A day in the period, YYYY-MM-DD (null: today). */
  date: string | null;
  /** District adcode (null: the city). */
  district: string | null;
  /** Map colouring: a figure key, or "index" for the zero-waste index. */
  map: string;
  /** Briefing month YYYY-MM. */
  briefing: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const ADCODE = /^3306\d{2}$/;
const KEY = /^(index|[a-z]+\.[A-Za-z0-9_.:-]+)$/;

export function parseState(search: string, pathname = "/"): OverviewState {
  const q = new URLSearchParams(search);
  const period = (q.get("period") ?? "").toUpperCase() as PeriodKind;
  const date = q.get("date");
  const district = q.get("district");
  const map = q.get("map");
  const briefing = q.get("briefing");
  const big = q.get("screen") === "big" || pathname === "/big-screen";
  return {
    mode: big ? "big" : briefing && MONTH.test(briefing) ? "briefing" : "page",
    period: PERIODS.includes(period) ? period : "MONTH",
    date: date && DAY.test(date) ? date : null,
    district: district && ADCODE.test(district) && district !== "330600" ? district : null,
    map: map && KEY.test(map) ? map : "index",
    briefing: briefing && MONTH.test(briefing) ? briefing : null,
  };
}

export function stateSearch(s: Partial<OverviewState>): string {
  const q = new URLSearchParams();
  if (s.mode === "big") q.set("screen", "big");
  if (s.mode === "briefing" && s.briefing) q.set("briefing", s.briefing);
  if (s.mode !== "big" && s.mode !== "briefing") {
    if (s.period && s.period !== "MONTH") q.set("period", s.period);
    if (s.date) q.set("date", s.date);
    if (s.district) q.set("district", s.district);
    if (s.map && s.map !== "index") q.set("map", s.map);
  }
  const str = q.toString();
  return str ? `?${str}` : "";
}

// ——— the URL as a store ———

const listeners = new Set<() => void>();
let snapshot: OverviewState | null = null;
let snapshotKey = "";

function current(): OverviewState {
  const key = `${location.pathname}${location.search}`;
  if (!snapshot || key !== snapshotKey) {
    snapshot = parseState(location.search, location.pathname);
    snapshotKey = key;
  }
  return snapshot;
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  const on = () => fn();
  window.addEventListener("popstate", on);
  window.addEventListener("single-spa:routing-event", on);
  return () => {
    listeners.delete(fn);
    window.removeEventListener("popstate", on);
    window.removeEventListener("single-spa:routing-event", on);
  };
}

export function useOverviewState(): OverviewState {
  return useSyncExternalStore(subscribe, current, current);
}

/** Changes the state: a new history entry (or a replacement), the same page. */
export function setOverviewState(patch: Partial<OverviewState>, opts: { replace?: boolean } = {}): void {
  const next = { ...current(), ...patch };
  const url = `/${stateSearch(next)}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (opts.replace) history.replaceState(history.state, "", url);
  else history.pushState(history.state, "", url);
  for (const fn of [...listeners]) fn();
}
