/**
 * The leadership overview at /: every stream's figures for the city or a district and a period with
 * the year before (each linking into its module), the district map coloured by a figure or the index
 * (click filters the page), the index ranking with trends, generation against capacity, live alerts;
 * links to the big screen and the monthly briefing. The state is in the URL (url-state.ts).
 */
import { useQuery } from "@apollo/client/react";
import { useViewer } from "@zw/client";
import { ErrorState, LoadingState, PageLayout, useLanguage, useTranslation } from "@zw/ui";
import { Button, Card, Col, Row, Segmented, Select, Tag } from "antd";
import { useMemo } from "react";
import { OverviewDistrictsDocument, OverviewFiguresDocument } from "../graphql/generated.js";
import { AlertsPanel } from "./AlertsPanel.js";
import { CapacityPanel } from "./CapacityPanel.js";
import { go, NS, pick } from "./common.js";
import { FiguresPanel } from "./FiguresPanel.js";
import { periodOptions, periodValueOf, recentMonths, shanghaiToday } from "./format.js";
import { MapPanel } from "./MapPanel.js";
import { RankingPanel } from "./RankingPanel.js";
import { PERIODS, setOverviewState, type OverviewState, type PeriodKind } from "./url-state.js";

export function OverviewPage({ state }: { state: OverviewState }) {
  const lng = useLanguage();
  const { t } = useTranslation([NS, "ui"]);
  const { viewer } = useViewer();
  const districts = useQuery(OverviewDistrictsDocument, { fetchPolicy: "cache-first" });
  const list = districts.data?.districts ?? [];
  // District staff are bound to their district: the page is always theirs.
  const own = viewer?.district ? (list.find((d) => d.id === viewer.district!.id) ?? null) : null;
  const adcode = own ? own.adcode : state.district;
  const district = adcode ? (list.find((d) => d.adcode === adcode) ?? null) : null;
  const districtId = district?.id ?? null;
  const waitingForDistrict = !!adcode && !district && (districts.loading || !!viewer?.district);
  const figures = useQuery(OverviewFiguresDocument, { variables: { period: state.period, date: state.date, districtId }, skip: waitingForDistrict });
  const data = figures.data?.overviewFigures ?? null;
  const select = (a: string | null) => {
    if (own) return; // fixed
    setOverviewState({ district: a });
  };
  const options = useMemo(() => periodOptions(state.period, lng), [state.period, lng]);
  const value = periodValueOf(state.period, state.date ?? shanghaiToday());
  const lastMonth = recentMonths(2)[1]!;
  const p = data?.period;

  return (
    <PageLayout
      testId="zw-overview"
      title={t("title")}
      subtitle={
        <span data-testid="zw-ov-subtitle">
          {district ? pick(lng, district.nameZh, district.nameEn) : t("city")}
          {p ? ` · ${pick(lng, p.labelZh, p.labelEn)}${p.toDate ? ` ${t("period.toDate", { day: p.lastDay })}` : ""} · ${t("period.compared", { from: p.previousStartDay, to: p.previousLastDay })}` : ""}
        </span>
      }
      extra={
        <>
          <Button href={`/?briefing=${lastMonth}`} onClick={(e) => (e.preventDefault(), go(`/?briefing=${lastMonth}`))} data-testid="zw-ov-briefing-link">
            {t("actions.briefing")}
          </Button>
          <Button href="/?screen=big" target="_blank" rel="noopener" data-testid="zw-ov-bigscreen-link">
            {t("actions.bigScreen")}
          </Button>
        </>
      }
      filters={
        <div className="zw-ov-filters">
          <Segmented
            value={state.period}
            onChange={(v) => setOverviewState({ period: v as PeriodKind, date: null })}
            options={PERIODS.map((k) => ({ value: k, label: <span data-testid={`period-${k}`}>{t(`period.${k}`)}</span> }))}
            data-testid="zw-ov-period"
          />
          <Select style={{ width: 200 }} value={value} options={options} onChange={(v) => setOverviewState({ date: v === periodValueOf(state.period, shanghaiToday()) ? null : v })} data-testid="zw-ov-date" aria-label={t("period.pick")} />
          {district ? (
            <Tag color="blue" closable={!own} onClose={() => select(null)} data-testid="zw-ov-district-tag">
              {pick(lng, district.nameZh, district.nameEn)}
            </Tag>
          ) : (
            <Tag data-testid="zw-ov-district-tag">{t("city")}</Tag>
          )}
          {own ? <span className="zw-ov-muted">{t("ownDistrict")}</span> : district ? <Button size="small" onClick={() => select(null)} data-testid="zw-ov-city">{t("actions.wholeCity")}</Button> : null}
        </div>
      }
    >
      {figures.loading && !data ? (
        <LoadingState />
      ) : figures.error && !data ? (
        <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
      ) : data ? (
        <FiguresPanel streams={data.streams} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          {data ? (
            <MapPanel measure={state.map} onMeasure={(m) => setOverviewState({ map: m }, { replace: true })} selected={adcode} onSelect={select} period={state.period} date={state.date} streams={data.streams} />
          ) : (
            <Card size="small">
              <LoadingState />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <RankingPanel selected={adcode} onSelect={select} />
        </Col>
        <Col xs={24} xl={14}>
          <CapacityPanel districtId={districtId} />
        </Col>
        <Col xs={24} xl={10}>
          <AlertsPanel districtId={districtId} onEvent={() => void figures.refetch()} />
        </Col>
      </Row>
    </PageLayout>
  );
}
