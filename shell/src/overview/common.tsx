/** Small pieces shared by the overview's page, big screen and briefing. */
import { useLanguage, useTranslation, type Language } from "@zw/ui";
import type { MouseEvent, ReactNode } from "react";
import { showChange, showValue, trendOf, type Shown } from "./format.js";

export const NS = "overview";

/** Goes to a route of the platform without reloading (single-spa and React Router follow popstate). */
export function go(url: string): void {
  history.pushState(null, "", url);
  window.dispatchEvent(new PopStateEvent("popstate", { state: null }));
}

/** An in-app link: a plain <a href> (open in a new tab works), routed without a reload on a plain click. */
export function AppLink({ href, children, className, testId, title }: { href: string; children: ReactNode; className?: string; testId?: string; title?: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(href);
  };
  return (
    <a href={href} onClick={onClick} className={className} data-testid={testId} title={title}>
      {children}
    </a>
  );
}

export function pick(lng: Language, zh: string, en: string): string {
  return lng === "en" ? en : zh;
}

/** Value and unit for display in the current language. */
export function useShow(): (value: string, unit: string) => Shown {
  const lng = useLanguage();
  const { t } = useTranslation(NS);
  const unitLabel = (u: string) => (u ? t(`unit.${u}`, { defaultValue: u }) : "");
  return (value, unit) => showValue(value, unit, lng, unitLabel);
}

/** "▲ +12.5%" with the direction as a class; "—" without a comparison. */
export function Change({ changePct, title }: { changePct: string | null | undefined; title?: string }) {
  const trend = trendOf(changePct);
  const arrow = trend === "up" ? "▲" : trend === "down" ? "▼" : "";
  return (
    <span className={`zw-ov-change zw-ov-change-${trend}`} title={title} data-trend={trend}>
      {arrow ? `${arrow} ` : ""}
      {showChange(changePct)}
    </span>
  );
}

export const STREAMS = ["construction", "hazardous", "recycling", "cells"] as const;

/** Module roots, for the stream headings. */
export const STREAM_HOME: Record<string, string> = { construction: "/construction", hazardous: "/hazardous", recycling: "/recycling", cells: "/cells" };

/** The figures each stream shows first (the rest are under "more"), in the bulletin's order. */
export const HEADLINE: Record<string, string[]> = {
  construction: [
    "construction.spoilMovedM3",
    "construction.trips",
    "construction.disposalCapacityLeftM3",
    "construction.permitsIssued",
    "construction.permitsActive",
    "construction.cases",
    "construction.finesYuan",
    "construction.alertsOpen",
  ],
  hazardous: [
    "hazardous.units.industrial",
    "hazardous.units.smallMicro",
    "hazardous.hazards.found",
    "hazardous.hazards.rectified",
    "hazardous.manifests.created",
    "hazardous.manifests.receivedTonnes",
    "hazardous.manifests.inTransit",
    "hazardous.collections.runs",
    "hazardous.collections.tonnes",
  ],
  recycling: ["recycling.tonnage", "recycling.activeCards", "recycling.pointsIssued", "recycling.pointsRedeemed", "recycling.redemptionYuan", "recycling.participationPct"],
  cells: ["cells.certifiedCells", "cells.newlyCertified", "cells.indicatorsOnTrackPct", "cells.tasksOverdue", "cells.zeroWasteIndex", "cells.provincialIndexRank", "cells.zeroWasteIndexRank"],
};

/** Splits a stream's figures into the headline (in HEADLINE order) and the rest. */
export function splitFigures<T extends { key: string }>(stream: string, figures: T[]): { headline: T[]; more: T[] } {
  const order = HEADLINE[stream] ?? [];
  const headline = order.map((k) => figures.find((f) => f.key === k)).filter((f): f is T => !!f);
  const more = figures.filter((f) => !order.includes(f.key));
  return { headline, more };
}

/** The map's colour measures for the big screen, cycled. */
export const BIG_SCREEN_MEASURES = ["index", "construction.spoilMovedM3", "hazardous.hazards.found", "recycling.tonnage", "cells.certifiedCells"];
