import { useQuery } from "@apollo/client/react";
import { useViewer } from "@zw/client";
import { EmptyState, ErrorState, LoadingState, PageLayout, ViewerSummary, localName, useLanguage, useTranslation, BarChart, LineChart } from "@zw/ui";
import { Card, Col, List, Row, Statistic, Tag, Typography } from "antd";
import { useMemo } from "react";
import { grouped, yearRange } from "../format.js";
import { ConstructionReferenceDocument, CwStatisticsDocument } from "../graphql/generated.js";
import { NS, STREAM } from "../module.js";

/** Who is signed in, what data they see, and the stream's departments and the districts. */
function ViewerAndReference() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const { viewer } = useViewer();
  const ref = useQuery(ConstructionReferenceDocument);
  const departments = ref.data?.departments.filter((d) => d.streams.includes(STREAM)) ?? [];
  return (
    <>
      <Card size="small" title={t("home.me")}>
        <ViewerSummary />
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="mfe-scope">
          {t("home.scope", { scope: viewer?.district ? t("home.scopeDistrict", { name: localName(viewer.district, lng) }) : t("home.scopeCity") })}
        </Typography.Paragraph>
      </Card>
      {ref.loading && !ref.data ? (
        <LoadingState />
      ) : ref.error ? (
        <ErrorState error={ref.error} onRetry={() => void ref.refetch()} />
      ) : (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} md={12}>
            <Card size="small" title={t("home.departments")}>
              {departments.length ? <List size="small" data-testid="mfe-departments" dataSource={departments} renderItem={(d) => <List.Item>{localName(d, lng)}</List.Item>} /> : <EmptyState />}
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t("home.districts")}>
              <List
                size="small"
                data-testid="mfe-districts"
                dataSource={ref.data?.districts ?? []}
                renderItem={(d) => (
                  <List.Item extra={<Tag>{d.adcode}</Tag>}>
                    <span data-testid="mfe-district-row">{localName(d, lng)}</span>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}

/** 概况与统计：本年案件与罚款（同比）、逐月外运量、趟次、准运证与案件。 */
export function HomePage() {
  const { t } = useTranslation(NS);
  const y = useMemo(yearRange, []);
  const { viewer } = useViewer();
  // company accounts (operators) see their own records, not the stream's statistics
  const q = useQuery(CwStatisticsDocument, { variables: { year: y.year, from: y.from, to: y.to }, skip: !viewer || !!viewer.org });
  const title = <span data-testid="mfe-stream-title">{t("title")}</span>;
  if (!q.data)
    return (
      <PageLayout title={title} subtitle={t("home.subtitle", { year: y.year })} testId="mfe-home">
        {q.loading ? <LoadingState /> : q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
        <ViewerAndReference />
      </PageLayout>
    );
  const cs = q.data.caseStatistics;
  const months = q.data.spoilMonthlyStatistics;
  const moved = months.reduce((a, m) => a + Number(m.movedM3), 0);
  const issued = months.reduce((a, m) => a + m.permitsIssued, 0);
  const pct = (v: number | null | undefined) => (v == null ? "—" : `${v > 0 ? "+" : ""}${v}%`);
  return (
    <PageLayout title={title} subtitle={t("home.subtitle", { year: y.year })} testId="mfe-home">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
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
      <ViewerAndReference />
    </PageLayout>
  );
}
