import { useMemo } from "react";
import { useQuery } from "@apollo/client/react";
import { useViewer } from "@zw/client";
import { EmptyState, ErrorState, LoadingState, PageLayout, ViewerSummary, localName, useLanguage, useTranslation } from "@zw/ui";
import { Card, Col, List, Row, Tag, Typography } from "antd";
import { HazardousReferenceDocument, HzStatisticsDocument } from "../graphql/generated.js";
import { num, thisYear } from "../format.js";
import { Link } from "react-router";
import { Statistic } from "antd";
import { NS, STREAM } from "../module.js";

/** The module's first page: the stream, who is signed in and what data they see. */
export function HomePage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const { viewer } = useViewer();
  const ref = useQuery(HazardousReferenceDocument);
  const departments = ref.data?.departments.filter((d) => d.streams.includes(STREAM)) ?? [];
  const y = useMemo(thisYear, []);
  const isStaffView = !viewer?.org;
  const stats = useQuery(HzStatisticsDocument, { variables: { from: y.from, to: y.to, year: y.year }, skip: !isStaffView || !viewer });
  const total = stats.data?.hazardousStatistics.total;
  const figures: [string, string, string][] = total
    ? [
        ["home.enterprises", num(total.enterprises), "/units"],
        ["home.smallMicro", num(total.smallMicro), "/units"],
        ["home.social", num(total.socialSources), "/units"],
        ["home.hazardsFound", num(total.hazardsFound), "/hazards"],
        ["home.hazardsRectified", num(total.hazardsRectified), "/hazards"],
        ["home.hazardsOpen", num(total.hazardsOpen), "/hazards?open=1"],
        ["home.manifests", num(total.manifestsCreated), "/manifests"],
        ["home.inTransit", num(total.manifestsInTransit), "/manifests?state=PICKED_UP"],
        ["home.receivedT", num(total.receivedTonnes), "/statistics"],
        ["home.collections", num(total.collectionRuns), "/collection"],
        ["home.collectedT", num(total.collectionTonnes), "/collection"],
        ["home.trained", num(total.trainingAttendees), "/census"],
      ]
    : [];
  return (
    <PageLayout title={<span data-testid="mfe-stream-title">{t("title")}</span>} subtitle={t("subtitle")} testId="mfe-home">
      {figures.length ? (
        <Card size="small" title={t("home.figures", { year: y.year })} data-testid="hz-home-figures">
          <Row gutter={[16, 16]}>
            {figures.map(([k, v, to]) => (
              <Col key={k} xs={12} md={6} lg={4}>
                <Link to={to}>
                  <Statistic title={t(k)} value={v} />
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      ) : null}
      <Card size="small" title={t("home.me")}>
        <ViewerSummary />
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="mfe-scope">
          {t("home.scope")}：{viewer?.district ? t("home.scopeDistrict", { name: localName(viewer.district, lng) }) : t("home.scopeCity")}
        </Typography.Paragraph>
      </Card>
      {ref.loading && !ref.data ? (
        <LoadingState />
      ) : ref.error ? (
        <ErrorState error={ref.error} onRetry={() => void ref.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12}>
            <Card size="small" title={t("home.departments")}>
              {departments.length ? (
                <List size="small" data-testid="mfe-departments" dataSource={departments} renderItem={(d) => <List.Item>{localName(d, lng)}</List.Item>} />
              ) : (
                <EmptyState />
              )}
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
    </PageLayout>
  );
}
