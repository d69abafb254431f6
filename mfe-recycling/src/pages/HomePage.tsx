import { useQuery } from "@apollo/client/react";
import { useViewer } from "@zw/client";
import { EmptyState, ErrorState, LoadingState, PageLayout, ViewerSummary, localName, useLanguage, useTranslation } from "@zw/ui";
import { Card, Col, Row, Table, Typography } from "antd";
import { RecyclingReferenceDocument } from "../graphql/generated.js";
import { NS, STREAM } from "../module.js";

/** The module's first page: the stream, who is signed in and what data they see. */
export function HomePage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const { viewer } = useViewer();
  const ref = useQuery(RecyclingReferenceDocument);
  const departments = ref.data?.departments.filter((d) => d.streams.includes(STREAM)) ?? [];
  return (
    <PageLayout title={<span data-testid="mfe-stream-title">{t("title")}</span>} subtitle={t("subtitle")} testId="mfe-home">
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
                <Table
                  size="small"
                  data-testid="mfe-departments"
                  rowKey="id"
                  pagination={false}
                  showHeader={false}
                  dataSource={departments}
                  columns={[{ key: "name", render: (_: unknown, d) => localName(d, lng) }]}
                />
              ) : (
                <EmptyState />
              )}
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t("home.districts")}>
              <Table
                size="small"
                data-testid="mfe-districts"
                rowKey="id"
                pagination={false}
                showHeader={false}
                dataSource={ref.data?.districts ?? []}
                columns={[
                  { key: "name", render: (_: unknown, d) => <span data-testid="mfe-district-row">{localName(d, lng)}</span> },
                  { key: "adcode", dataIndex: "adcode", align: "right" as const },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </PageLayout>
  );
}
