/**
 * Big-screen mode (一张图) at /?screen=big: a 1920×1080 wall layout scaled to the window, over the
 * shell's chrome, with no controls. Figures of the month to date for the whole city, the district map
 * cycling through measures, the index ranking, capacity shortfalls and live alerts; everything refreshes
 * on its own (every minute, and at once when an alert is raised).
 */
import { useQuery } from "@apollo/client/react";
import { useLanguage, useTranslation } from "@zw/ui";
import { useEffect, useState } from "react";
import { OverviewCapacityDocument, OverviewFiguresDocument } from "../graphql/generated.js";
import { AlertsPanel } from "./AlertsPanel.js";
import { BIG_SCREEN_MEASURES, NS, pick, splitFigures, useShow } from "./common.js";
import { Change } from "./common.js";
import { MapPanel } from "./MapPanel.js";
import { RankingPanel } from "./RankingPanel.js";

export const BIG_SCREEN_REFRESH_MS = 60_000;
export const BIG_SCREEN_CYCLE_MS = 20_000;
const W = 1920;
const H = 1080;

function useScale(): number {
  const calc = () => Math.min(window.innerWidth / W, window.innerHeight / H);
  const [s, setS] = useState(calc);
  useEffect(() => {
    const on = () => setS(calc());
    window.addEventListener("resize", on);
    return () => window.removeEventListener("resize", on);
  }, []);
  return s;
}

function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const i = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(i);
  }, []);
  return now;
}

export function BigScreen() {
  const lng = useLanguage();
  const { t } = useTranslation([NS, "ui"]);
  const show = useShow();
  const scale = useScale();
  const now = useClock();
  const [cycle, setCycle] = useState(0);
  const figures = useQuery(OverviewFiguresDocument, { variables: { period: "MONTH" }, pollInterval: BIG_SCREEN_REFRESH_MS });
  const capacity = useQuery(OverviewCapacityDocument, { variables: {}, pollInterval: BIG_SCREEN_REFRESH_MS });
  const data = figures.data?.overviewFigures ?? null;

  useEffect(() => {
    const i = setInterval(() => setCycle((c) => c + 1), BIG_SCREEN_CYCLE_MS);
    // The wall shows only this layer: no page scroll behind it.
    const prev = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    document.body.classList.add("zw-big-screen");
    return () => {
      clearInterval(i);
      document.body.style.overflow = prev;
      document.body.classList.remove("zw-big-screen");
    };
  }, []);

  const available = BIG_SCREEN_MEASURES.filter((m) => m === "index" || data?.streams.some((s) => s.figures.some((f) => f.key === m)));
  const measure = available.length ? available[cycle % available.length]! : "index";
  const p = data?.period;
  const shortfalls = (capacity.data?.capacityBalance.rows ?? []).filter((r) => r.shortfall || r.projectedShortfall);
  const fmt = (v: string, unit: string) => {
    const s = show(v, unit);
    return (
      <>
        {s.value}
        {s.unit ? <small>{s.unit}</small> : null}
      </>
    );
  };

  return (
    <div className="zw-bs-root" data-testid="zw-big-screen">
      <div className="zw-bs-canvas" style={{ width: W, height: H, transform: `translate(-50%, -50%) scale(${scale})` }} data-testid="zw-bs-canvas">
        <header className="zw-bs-header">
          <div className="zw-bs-title">{t("bigScreen.title")}</div>
          <div className="zw-bs-sub">
            {p ? `${pick(lng, p.labelZh, p.labelEn)}${p.toDate ? ` ${t("period.toDate", { day: p.lastDay })}` : ""} · ${t("period.compared", { from: p.previousStartDay, to: p.previousLastDay })}` : ""}
          </div>
          <div className="zw-bs-clock" data-testid="zw-bs-clock">
            {now.toLocaleString(lng, { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })}
          </div>
        </header>
        <section className="zw-bs-left">
          {(data?.streams ?? []).map((s) => (
            <div className="zw-bs-panel" key={s.stream} data-testid={`bs-stream-${s.stream}`}>
              <div className="zw-bs-panel-title">{t(`ui:stream.${s.stream}`)}</div>
              <div className="zw-bs-tiles">
                {splitFigures(s.stream, s.figures)
                  .headline.slice(0, 4)
                  .map((f) => (
                    <div className="zw-bs-tile" key={f.key} data-testid={`bs-fig-${f.key}`}>
                      <div className="zw-bs-tile-label">{pick(lng, f.labelZh, f.labelEn)}</div>
                      <div className="zw-bs-tile-value">{fmt(f.value, f.unit)}</div>
                      <div className="zw-bs-tile-foot">{f.previous != null ? <Change changePct={f.changePct} /> : <span className="zw-ov-muted">{t("figures.stock")}</span>}</div>
                    </div>
                  ))}
              </div>
            </div>
          ))}
        </section>
        <section className="zw-bs-center">
          {data ? <MapPanel measure={measure} selected={null} period="MONTH" date={null} streams={data.streams} height={720} controls={false} pollInterval={BIG_SCREEN_REFRESH_MS} /> : null}
          <div className="zw-bs-panel zw-bs-capacity" data-testid="bs-capacity">
            <div className="zw-bs-panel-title">{t("bigScreen.shortfalls")}</div>
            {shortfalls.length ? (
              <ul>
                {shortfalls.slice(0, 6).map((r) => (
                  <li key={`${r.category}-${r.district.adcode}`}>
                    <b>{pick(lng, r.district.nameZh, r.district.nameEn)}</b> {t(`capacity.category.${r.category}`)}：{fmt(r.generatedAnnual, r.unit)} / {fmt(r.capacity, r.unit)}
                    {r.shortfall ? <span className="zw-bs-bad"> {t("capacity.shortfall")}</span> : <span className="zw-bs-warn"> {t("capacity.projectedShortfall")}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <div className="zw-ov-muted">{t("bigScreen.noShortfall")}</div>
            )}
          </div>
        </section>
        <section className="zw-bs-right">
          <RankingPanel compact pollInterval={BIG_SCREEN_REFRESH_MS} />
          <AlertsPanel districtId={null} pageSize={7} variant="ticker" pollMs={BIG_SCREEN_REFRESH_MS} onEvent={() => void figures.refetch()} />
        </section>
      </div>
    </div>
  );
}
