import { useQuery } from "@apollo/client/react";
import { ErrorState, LoadingState, PageLayout, StatusTag, useTranslation, DistrictMap } from "@zw/ui";
import type { MapPoint } from "@zw/ui/charts";
import { Card, Col, List, Row, Typography } from "antd";
import { useMemo } from "react";
import { useFormat } from "../format.js";
import { CwLiveMapDocument } from "../graphql/generated.js";
import { NS } from "../module.js";

/** 实时监管地图：渣土车最新位置（30 秒刷新）与未关闭预警。 */
export function MapPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const since = useMemo(() => new Date(Date.now() - 3 * 86_400_000).toISOString(), []);
  const q = useQuery(CwLiveMapDocument, { variables: { filter: { stream: "construction", status: ["OPEN", "ACKNOWLEDGED"], raisedFrom: since } }, pollInterval: 30_000 });
  const alerts = q.data?.alerts.edges.map((e) => e.node) ?? [];
  const fresh = Date.now() - 15 * 60_000;
  const points: MapPoint[] = [
    ...(q.data?.vehiclePositions ?? []).map((v) => ({
      id: `v-${v.vehicleId}`,
      coord: [v.lon, v.lat] as [number, number],
      label: `${v.plate} ${Math.round(v.speedKmh)} km/h · ${f.time(v.at)}`,
      group: new Date(v.at).getTime() > fresh ? t("map.moving") : t("map.idle"),
      color: new Date(v.at).getTime() > fresh ? "#1677ff" : "#8c8c8c",
    })),
    ...alerts.filter((a) => a.lon != null && a.lat != null).map((a) => ({ id: `a-${a.id}`, coord: [a.lon!, a.lat!] as [number, number], label: a.title, group: t("map.alerts"), color: "#ff4d4f" })),
  ];
  if (q.loading && !q.data) return <LoadingState />;
  if (q.error && !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <PageLayout title={t("map.title")} subtitle={t("map.subtitle")} testId="cw-map">
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small">
            <DistrictMap points={points} height={580} />
            <Typography.Text type="secondary" data-testid="cw-map-counts">
              {t("map.counts", { vehicles: q.data?.vehiclePositions.length ?? 0, alerts: alerts.length })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t("map.openAlerts")}>
            <List
              size="small"
              data-testid="cw-map-alerts"
              dataSource={alerts}
              renderItem={(a) => (
                <List.Item>
                  <List.Item.Meta title={<span><StatusTag status={a.severity} /> {a.title}</span>} description={`${t(`rule.${a.rule}`, { defaultValue: a.rule })} · ${f.time(a.raisedAt)}`} />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </PageLayout>
  );
}
