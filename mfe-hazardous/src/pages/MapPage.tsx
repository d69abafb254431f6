import { useQuery } from "@apollo/client/react";
import type { MapPoint } from "@zw/ui/charts";
import { ErrorState, LoadingState, PageLayout, StatusTag, useTranslation, DistrictMap } from "@zw/ui";
import { Card, Col, List, Row, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useDateFormat } from "../format.js";
import { HzMapAlertsDocument, HzMapDocument } from "../graphql/generated.js";
import { NS } from "../module.js";

/** 实时地图：危货车辆最新位置（30 秒刷新）、持证接受单位、分段限速与禁行路段，以及带坐标的预警。 */
export function MapPage() {
  const { t } = useTranslation(NS);
  const fmt = useDateFormat();
  const since = useMemo(() => new Date(Date.now() - 7 * 86_400_000).toISOString(), []);
  const q = useQuery(HzMapDocument, { pollInterval: 30_000 });
  const alerts = useQuery(HzMapAlertsDocument, { variables: { filter: { stream: "hazardous", status: ["OPEN", "ACKNOWLEDGED"], raisedFrom: since } }, pollInterval: 30_000 });
  const points: MapPoint[] = [
    ...(q.data?.vehiclePositions ?? []).map((v) => ({ id: `v-${v.vehicleId}`, coord: [v.lon, v.lat] as [number, number], label: `${v.plate} ${Math.round(v.speedKmh)} km/h · ${fmt.dateTime(v.at)}`, group: t("map.vehicles"), color: "#1677ff" })),
    ...(q.data?.hazardousFacilities ?? []).map((f) => ({ id: `f-${f.id}`, coord: [f.lon, f.lat] as [number, number], label: f.name, group: t("map.facilities"), color: "#52c41a" })),
    ...(alerts.data?.alerts.edges ?? []).filter((e) => e.node.lon != null && e.node.lat != null).map((e) => ({ id: `a-${e.node.id}`, coord: [e.node.lon!, e.node.lat!] as [number, number], label: e.node.title, group: t("map.alerts"), color: "#ff4d4f" })),
  ];
  if (q.loading && !q.data) return <LoadingState />;
  if (q.error && !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <PageLayout title={t("map.title")} subtitle={t("map.subtitle")} testId="hz-map">
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small">
            <div data-testid="hz-map-canvas">
              <DistrictMap points={points} height={560} />
            </div>
            <Typography.Text type="secondary" data-testid="hz-map-counts">
              {t("map.counts", { vehicles: q.data?.vehiclePositions.length ?? 0, segments: q.data?.roadSegments.length ?? 0 })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t("map.recentAlerts")}>
            <List
              size="small"
              data-testid="hz-map-alerts"
              dataSource={alerts.data?.alerts.edges.map((e) => e.node) ?? []}
              renderItem={(a) => (
                <List.Item>
                  <List.Item.Meta title={<span><StatusTag status={a.severity} /> {a.title}</span>} description={`${t(`rule.${a.rule}`, { defaultValue: a.rule })} · ${fmt.dateTime(a.raisedAt)}`} />
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={t("map.segments")} style={{ marginTop: 16 }}>
            <List size="small" dataSource={q.data?.roadSegments ?? []} renderItem={(s) => <List.Item>{s.name} {s.restricted ? <Tag color="red">{t("roads.restricted")}</Tag> : <Tag>{`${s.speedLimitKmh} km/h`}</Tag>}</List.Item>} />
          </Card>
        </Col>
      </Row>
    </PageLayout>
  );
}
