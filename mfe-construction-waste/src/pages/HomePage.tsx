import { useQuery } from "@apollo/client/react";
import { ErrorState, LoadingState, PageLayout, useTranslation } from "@zw/ui";
import { BarChart, LineChart } from "@zw/ui/charts";
import { Card, Col, Row, Statistic } from "antd";
import { useMemo } from "react";
import { grouped, yearRange } from "../format.js";
import { CwStatisticsDocument } from "../graphql/generated.js";
import { NS } from "../module.js";

/** 概况与统计：本年案件与罚款（同比）、逐月外运量、趟次、准运证与案件。 */
export function HomePage() {
  const { t } = useTranslation(NS);
  const y = useMemo(yearRange, []);
  const q = useQuery(CwStatisticsDocument, { variables: { year: y.year, from: y.from, to: y.to } });
  if (q.loading && !q.data) return <LoadingState />;
  if (q.error && !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const cs = q.data!.caseStatistics;
  const months = q.data!.spoilMonthlyStatistics;
  const moved = months.reduce((a, m) => a + Number(m.movedM3), 0);
  const issued = months.reduce((a, m) => a + m.permitsIssued, 0);
  const pct = (v: number | null | undefined) => (v == null ? "—" : `${v > 0 ? "+" : ""}${v}%`);
  return (
    <PageLayout title={<span data-testid="mfe-stream-title">{t("title")}</span>} subtitle={t("home.subtitle", { year: y.year })} testId="mfe-home">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t("home.cases")} value={cs.count} suffix={<span data-testid="cw-cases-yoy" style={{ fontSize: 14 }}>{t("home.yoy")} {pct(cs.countChangePct)}</span>} valueRender={() => <span data-testid="cw-cases-count">{grouped(cs.count)}</span>} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t("home.fines")} value={cs.fineYuan} suffix={<span data-testid="cw-fines-yoy" style={{ fontSize: 14 }}>{t("home.yoy")} {pct(cs.fineChangePct)}</span>} valueRender={() => <span data-testid="cw-fines">{grouped(Number(cs.fineYuan).toFixed(0))}</span>} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t("home.moved")} value={moved} valueRender={() => <span data-testid="cw-moved">{grouped(moved.toFixed(0))}</span>} suffix="m³" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t("home.permits")} value={issued} valueRender={() => <span data-testid="cw-issued">{grouped(issued)}</span>} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("home.movedByMonth")}>
            <BarChart categories={months.map((m) => m.month.slice(5))} series={[{ name: "m³", data: months.map((m) => Number(m.movedM3)) }]} height={280} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("home.casesByMonth")}>
            <LineChart categories={months.map((m) => m.month.slice(5))} series={[{ name: t("home.cases"), data: months.map((m) => m.cases) }, { name: t("home.permits"), data: months.map((m) => m.permitsIssued) }]} height={280} />
          </Card>
        </Col>
      </Row>
    </PageLayout>
  );
}
