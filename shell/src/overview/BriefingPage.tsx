/**
 * The monthly briefing at /?briefing=YYYY-MM: a printable page in the style of the bulletin (red title,
 * issuer and date over a red rule, a paragraph per stream with the month's figures and their change on
 * the year before, the statistics table, the districts, generation against capacity), with printing
 * and the Excel workbook (a signed link from the API) in a toolbar that does not print.
 */
import { useApolloClient, useQuery } from "@apollo/client/react";
import { ErrorState, LoadingState, useLanguage, useTranslation } from "@zw/ui";
import { App, Button, Select, Space } from "antd";
import { useState } from "react";
import { MonthlyBriefingDocument, MonthlyBriefingWorkbookDocument } from "../graphql/generated.js";
import { AppLink, Change, NS, pick, useShow } from "./common.js";
import { recentMonths } from "./format.js";
import { setOverviewState } from "./url-state.js";

const ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八"];

export function BriefingPage({ month }: { month: string }) {
  const lng = useLanguage();
  const { t } = useTranslation([NS, "ui"]);
  const show = useShow();
  const client = useApolloClient();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);
  const q = useQuery(MonthlyBriefingDocument, { variables: { month } });
  const b = q.data?.monthlyBriefing ?? null;
  const fmt = (v: string | null | undefined, unit: string) => {
    if (v == null) return "—";
    const s = show(v, unit);
    return `${s.value}${s.unit ? ` ${s.unit}` : ""}`;
  };
  const months = recentMonths(24);
  if (!months.includes(month)) months.push(month);

  const download = async () => {
    setDownloading(true);
    try {
      const r = await client.query({ query: MonthlyBriefingWorkbookDocument, variables: { month, language: lng }, fetchPolicy: "no-cache" });
      const link = r.data?.monthlyBriefingWorkbook;
      if (!link) throw new Error(t("briefing.downloadFailed"));
      const a = document.createElement("a");
      a.href = link.url;
      a.download = link.fileName;
      a.rel = "noopener";
      document.body.appendChild(a);
      a.click();
      a.remove();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : t("briefing.downloadFailed"));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div className="zw-brief-wrap" data-testid="zw-briefing-page">
      <div className="zw-brief-toolbar zw-no-print">
        <Space wrap>
          <AppLink href="/" testId="zw-brief-back">
            ← {t("briefing.back")}
          </AppLink>
          <Select value={month} style={{ width: 160 }} onChange={(m) => setOverviewState({ mode: "briefing", briefing: m })} options={months.map((m) => ({ value: m, label: lng === "en" ? m : `${m.slice(0, 4)}年${Number(m.slice(5))}月` }))} data-testid="zw-brief-month" aria-label={t("briefing.month")} />
          <Button onClick={() => window.print()} data-testid="zw-brief-print" disabled={!b}>
            {t("briefing.print")}
          </Button>
          <Button type="primary" onClick={() => void download()} loading={downloading} data-testid="zw-brief-excel" disabled={!b}>
            {t("briefing.excel")}
          </Button>
        </Space>
      </div>
      {q.loading && !b ? (
        <LoadingState />
      ) : q.error && !b ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : b ? (
        <article className="zw-brief" data-testid="zw-briefing" lang={lng}>
          <h1 className="zw-brief-title" data-testid="zw-brief-title">
            {pick(lng, `${b.district ? b.district.nameZh : "绍兴市"}全域“无废城市”建设工作月报`, `${b.district ? b.district.nameEn : "Shaoxing"} zero-waste city — monthly briefing`)}
          </h1>
          <div className="zw-brief-issue">
            {pick(lng, b.period.labelZh, b.period.labelEn)}
            {b.period.toDate ? ` ${t("period.toDate", { day: b.period.lastDay })}` : ""}
          </div>
          <div className="zw-brief-issuer">
            <span>{pick(lng, b.issuerZh, b.issuerEn)}</span>
            <span>{b.generatedOn}</span>
          </div>
          {b.sections.map((s, i) => (
            <section key={s.key} data-testid={`brief-section-${s.key}`}>
              <h2>{lng === "en" ? `${i + 1}. ${s.titleEn}` : `${ORDINALS[i] ?? i + 1}、${s.titleZh}`}</h2>
              <p>{pick(lng, s.textZh, s.textEn)}</p>
            </section>
          ))}
          <h2>{t("briefing.table", { month: pick(lng, b.period.labelZh, b.period.labelEn), ytd: pick(lng, b.yearToDate.labelZh, b.yearToDate.labelEn) })}</h2>
          <table className="zw-brief-table" data-testid="zw-brief-table">
            <thead>
              <tr>
                <th>{t("briefing.col.stream")}</th>
                <th>{t("briefing.col.figure")}</th>
                <th>{t("briefing.col.month")}</th>
                <th>{t("briefing.col.monthPrev")}</th>
                <th>{t("briefing.col.change")}</th>
                <th>{t("briefing.col.ytd")}</th>
                <th>{t("briefing.col.ytdPrev")}</th>
                <th>{t("briefing.col.change")}</th>
              </tr>
            </thead>
            <tbody>
              {b.lines.map((l) => (
                <tr key={l.key} data-testid={`brief-line-${l.key}`}>
                  <td>{t(`ui:stream.${l.stream}`)}</td>
                  <td>{pick(lng, l.labelZh, l.labelEn)}</td>
                  <td className="num">{fmt(l.month.value, l.unit)}</td>
                  <td className="num">{fmt(l.month.previous, l.unit)}</td>
                  <td className="num">{l.month.previous != null ? <Change changePct={l.month.changePct} /> : "—"}</td>
                  <td className="num">{fmt(l.yearToDate?.value, l.unit)}</td>
                  <td className="num">{fmt(l.yearToDate?.previous, l.unit)}</td>
                  <td className="num">{l.yearToDate ? <Change changePct={l.yearToDate.changePct} /> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {b.districts.length ? (
            <>
              <h2>{t("briefing.districts")}</h2>
              <table className="zw-brief-table" data-testid="zw-brief-districts">
                <thead>
                  <tr>
                    <th>{t("col.district")}</th>
                    {b.districtKeys.map((k) => (
                      <th key={k.key}>{pick(lng, k.labelZh, k.labelEn)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {b.districts.map((d) => (
                    <tr key={d.district.adcode}>
                      <td>{pick(lng, d.district.nameZh, d.district.nameEn)}</td>
                      {b.districtKeys.map((k, i) => (
                        <td key={k.key} className="num">
                          {fmt(d.values[i], k.unit)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          <h2>{t("briefing.capacity", { year: b.capacity.year, end: b.capacity.plan.endYear })}</h2>
          <table className="zw-brief-table" data-testid="zw-brief-capacity">
            <thead>
              <tr>
                <th>{t("col.district")}</th>
                <th>{t("briefing.col.category")}</th>
                <th>{t("capacity.generated")}</th>
                <th>{t("capacity.capacity")}</th>
                <th>{t("capacity.load")}</th>
                <th>{t("capacity.projected", { year: b.capacity.plan.endYear })}</th>
              </tr>
            </thead>
            <tbody>
              {b.capacity.rows.map((r) => (
                <tr key={`${r.category}-${r.district.id}`} className={r.shortfall ? "bad" : r.projectedShortfall ? "warn" : ""}>
                  <td>{pick(lng, r.district.nameZh, r.district.nameEn)}</td>
                  <td>{t(`capacity.category.${r.category}`)}</td>
                  <td className="num">{fmt(r.generatedAnnual, r.unit)}</td>
                  <td className="num">{fmt(r.capacity, r.unit)}</td>
                  <td className="num">
                    {r.loadPct ? `${r.loadPct}%` : "—"}
                    {r.shortfall ? ` ${t("capacity.shortfall")}` : ""}
                  </td>
                  <td className="num">
                    {fmt(r.projectedGenerated, r.unit)} / {fmt(r.projectedCapacity, r.unit)}
                    {r.projectedShortfall ? ` ${t("capacity.projectedShortfall")}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <footer className="zw-brief-footer">
            <div>{t("briefing.to")}</div>
            <div>{t("briefing.copy")}</div>
          </footer>
        </article>
      ) : null}
    </div>
  );
}
