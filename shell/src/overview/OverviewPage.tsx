import { useQuery } from "@apollo/client/react";
import { AlertRaisedDocument, apolloLiveSource, useLiveRefresh, useLiveStatus, useViewer } from "@zw/client";
import { ConnectionTable, EmptyState, ErrorState, LoadingState, PageLayout, StatusTag, ViewerSummary, localName, useLanguage, useTranslation } from "@zw/ui";
import { Badge, Card, Col, Row, Table, Tag } from "antd";
import { lazy, Suspense, useMemo, useState } from "react";
import { LatestAlertsDocument, OverviewDistrictsDocument, type LatestAlertsQuery } from "../graphql/generated.js";

const DistrictMap = lazy(() => import("@zw/ui/charts").then((m) => ({ default: m.DistrictMap })));

type AlertNode = LatestAlertsQuery["alerts"]["edges"][number]["node"];
const STREAMS = ["construction", "hazardous", "recycling", "cells"];

export function OverviewPage() {
  const { t } = useTranslation(["shell", "ui"]);
  const lng = useLanguage();
  const { viewer } = useViewer();
  const districts = useQuery(OverviewDistrictsDocument);
  const [selected, setSelected] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const live = useLiveStatus();
  const source = useMemo(() => apolloLiveSource(), []);
  const canAlerts = !!viewer?.modules.some((m) => STREAMS.includes(m.key) && m.read);
  useLiveRefresh({ subscription: AlertRaisedDocument, source, refresh: () => setTick((n) => n + 1), pollMs: 30_000, enabled: canAlerts });

  const selectedDistrict = districts.data?.districts.find((d) => d.adcode === selected) ?? null;
  const filter = selectedDistrict ? { districtId: selectedDistrict.id } : {};

  const columns = [
    { title: t("overview.col.title"), dataIndex: "title", key: "title" },
    { title: t("overview.col.stream"), dataIndex: "stream", key: "stream", render: (s: string) => <Tag>{t(`ui:stream.${s}`)}</Tag> },
    { title: t("overview.col.severity"), dataIndex: "severity", key: "severity", render: (s: string) => <StatusTag status={s} /> },
    { title: t("overview.col.status"), dataIndex: "status", key: "status", render: (s: string) => <StatusTag status={s} /> },
    { title: t("overview.col.district"), key: "district", render: (_: unknown, a: AlertNode) => (a.district ? localName(a.district, lng) : "—") },
    { title: t("overview.col.subject"), dataIndex: "subjectLabel", key: "subject" },
    { title: t("overview.col.raisedAt"), dataIndex: "raisedAt", key: "raisedAt", render: (v: string) => new Date(v).toLocaleString(lng) },
  ];

  return (
    <PageLayout title={t("overview.title")} subtitle={t("overview.subtitle")} testId="zw-overview">
      <Card size="small" title={t("overview.me")}>
        <ViewerSummary />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("overview.map")}>
            <Suspense fallback={<LoadingState />}>
              <DistrictMap selected={selected} onSelect={setSelected} height={360} />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`${t("overview.districts")} · ${t("overview.districtsCount")}`}>
            {districts.loading && !districts.data ? (
              <LoadingState />
            ) : districts.error ? (
              <ErrorState error={districts.error} onRetry={() => void districts.refetch()} />
            ) : !districts.data?.districts.length ? (
              <EmptyState />
            ) : (
              <Table
                size="small"
                data-testid="zw-overview-districts"
                rowKey="id"
                pagination={false}
                dataSource={districts.data.districts}
                rowClassName={(d) => (d.adcode === selected ? "ant-table-row-selected" : "")}
                onRow={(d) => ({ onClick: () => setSelected(d.level === "CITY" || d.adcode === selected ? null : d.adcode), style: { cursor: "pointer" } })}
                columns={[
                  { title: t("overview.col.name"), key: "name", render: (_: unknown, d) => localName(d, lng) },
                  { title: t("overview.col.code"), dataIndex: "code", key: "code" },
                  { title: t("overview.col.adcode"), dataIndex: "adcode", key: "adcode" },
                  { title: t("overview.col.level"), dataIndex: "level", key: "level", render: (l: string) => t(`overview.level.${l}`) },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={selectedDistrict ? t("overview.alertsFor", { name: localName(selectedDistrict, lng) }) : t("overview.alerts")}
        extra={<Badge status={live === "live" ? "success" : live === "connecting" ? "processing" : "default"} text={t(`overview.${live}`)} />}
      >
        {canAlerts ? (
          <ConnectionTable
            testId="zw-overview-alerts"
            query={LatestAlertsDocument}
            variables={{ filter }}
            select={(d) => d.alerts}
            columns={columns}
            pageSize={10}
            refreshToken={tick}
          />
        ) : (
          <EmptyState description={t("overview.noAlertAccess")} />
        )}
      </Card>
    </PageLayout>
  );
}
