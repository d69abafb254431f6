import { useQuery } from "@apollo/client/react";
import { ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, StatusTag, localName, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { BarChart, DistrictMap, type MapPoint } from "@zw/ui/charts";
import { Card, Col, Row, Segmented, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { addDays, kg, num, today, useDateFormat, useReference } from "../format.js";
import {
  RecyclingEnterprisesDocument,
  RecyclingStationDetailDocument,
  RecyclingStationPointsDocument,
  RecyclingStationsDocument,
  type RecyclingStationKind,
  type RecyclingStationsQuery,
} from "../graphql/generated.js";
import { NS } from "../module.js";

type Station = RecyclingStationsQuery["recyclingStations"]["edges"][number]["node"];
const KIND_COLOR: Record<RecyclingStationKind, string> = { SERVICE_STATION: "#1677ff", SORTING_CENTRE: "#fa541c", SMART_BIN: "#52c41a" };
const KINDS: RecyclingStationKind[] = ["SERVICE_STATION", "SORTING_CENTRE", "SMART_BIN"];

/** 网点：回收站点地图与名录（服务站、分拣中心、智能回收箱，含农村回收点）、回收企业。 */
export function NetworkPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const { districtOptions } = useReference();
  const [view, setView] = useState<"stations" | "enterprises">("stations");
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<Station | null>(null);
  const filter = {
    districtId: filters.districtId as string | undefined,
    kind: filters.kind as RecyclingStationKind | undefined,
    rural: filters.rural === "rural" ? true : filters.rural === "urban" ? false : undefined,
    search: filters.search as string | undefined,
  };
  const points = useQuery(RecyclingStationPointsDocument, { variables: { districtId: filter.districtId, kind: filter.kind } });
  const mapPoints: MapPoint[] = (points.data?.recyclingStationPoints ?? []).map((p) => ({ id: p.id, coord: [p.lon, p.lat], label: p.name, group: t(`stationKind.${p.kind}`), color: KIND_COLOR[p.kind] }));
  const counts = KINDS.map((k) => [k, (points.data?.recyclingStationPoints ?? []).filter((p) => p.kind === k).length] as const);
  return (
    <PageLayout
      title={t("network.title")}
      subtitle={t("network.subtitle")}
      testId="rec-network"
      extra={<ExportButton name="recycling.stations" filter={filter} />}
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("common.search"), type: "text" },
            { name: "districtId", label: t("common.district"), type: "select", options: districtOptions },
            { name: "kind", label: t("network.kind"), type: "select", options: KINDS.map((k) => ({ value: k, label: t(`stationKind.${k}`) })) },
            { name: "rural", label: t("network.rural"), type: "select", options: [{ value: "rural", label: t("network.ruralOnly") }, { value: "urban", label: t("network.urbanOnly") }] },
          ]}
        />
      }
    >
      <Row gutter={12}>
        <Col xs={24} lg={10}>
          <Card size="small" data-testid="rec-network-map">
            <DistrictMap points={mapPoints} height={420} />
            <Typography.Text type="secondary" data-testid="rec-network-counts">
              {counts.map(([k, n]) => `${t(`stationKind.${k}`)} ${n}`).join(" · ")}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Segmented value={view} onChange={(v) => setView(v as typeof view)} options={[{ value: "stations", label: t("network.stations") }, { value: "enterprises", label: t("network.enterprises") }]} style={{ marginBottom: 8 }} />
          {view === "stations" ? (
            <ConnectionTable
              testId="rec-stations-table"
              query={RecyclingStationsDocument}
              variables={{ filter }}
              select={(d) => d.recyclingStations}
              onRowClick={setOpen}
              columns={[
                { title: t("network.code"), dataIndex: "code", key: "code", render: (v: string) => <code>{v}</code> },
                { title: t("network.name"), dataIndex: "name", key: "name" },
                { title: t("network.kind"), dataIndex: "kind", key: "kind", render: (k: RecyclingStationKind, s: Station) => <>{<Tag color={KIND_COLOR[k]}>{t(`stationKind.${k}`)}</Tag>}{s.rural ? <Tag>{t("network.ruralTag")}</Tag> : null}</> },
                { title: t("common.district"), key: "district", render: (_: unknown, s: Station) => localName(s.district, lng) },
                { title: t("network.enterprise"), key: "ent", render: (_: unknown, s: Station) => s.enterprise.name },
                { title: t("network.capacity"), dataIndex: "capacityTpd", key: "cap", align: "right", render: (v: string) => num(v) },
              ]}
            />
          ) : (
            <ConnectionTable
              testId="rec-enterprises-table"
              query={RecyclingEnterprisesDocument}
              variables={{ filter: { districtId: filter.districtId, search: filter.search } }}
              select={(d) => d.recyclingEnterprises}
              columns={[
                { title: t("network.code"), dataIndex: "code", key: "code" },
                { title: t("network.name"), dataIndex: "name", key: "name", render: (v: string, e) => <>{v} {e.coop ? <Tag color="gold">{t("network.coop")}</Tag> : null}</> },
                { title: t("common.district"), key: "d", render: (_: unknown, e) => localName(e.district, lng) },
                { title: t("network.stationCount"), dataIndex: "stationCount", key: "n", align: "right" },
                { title: t("network.contact"), key: "c", render: (_: unknown, e) => `${e.contact} ${e.phone}` },
              ]}
            />
          )}
        </Col>
      </Row>
      <StationDrawer station={open} onClose={() => setOpen(null)} />
    </PageLayout>
  );
}

function StationDrawer({ station, onClose }: { station: Station | null; onClose: () => void }) {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const to = addDays(today(), 1);
  const from = addDays(to, -60);
  const q = useQuery(RecyclingStationDetailDocument, { variables: { id: station?.id ?? "", from, to }, skip: !station });
  const node = q.data?.node && "devices" in q.data.node ? q.data.node : null;
  const daily = q.data?.recyclingStationDaily ?? [];
  return (
    <DetailDrawer
      open={!!station}
      onClose={onClose}
      title={station?.name ?? ""}
      loading={q.loading}
      width={640}
      items={
        station
          ? [
              { label: t("network.code"), value: station.code },
              { label: t("network.kind"), value: t(`stationKind.${station.kind}`) },
              { label: t("network.enterprise"), value: station.enterprise.name },
              { label: t("common.district"), value: localName(station.district, lng) },
              { label: t("network.address"), value: station.address },
              { label: t("network.households"), value: num(station.households) },
              { label: t("network.capacity"), value: num(station.capacityTpd) },
              { label: t("network.openedOn"), value: fmt.date(station.openedOn) },
              { label: t("network.location"), value: `${station.lon.toFixed(4)}, ${station.lat.toFixed(4)}` },
            ]
          : []
      }
    >
      <Typography.Title level={5}>{t("network.daily60")}</Typography.Title>
      <div data-testid="rec-station-daily">
        <BarChart categories={daily.map((d) => d.day.slice(5))} series={[{ name: t("common.kg"), data: daily.map((d) => Number(d.weightGrams) / 1000) }]} height={220} />
        <Typography.Text type="secondary">{t("network.daily60Total", { kg: kg(daily.reduce((s, d) => s + Number(d.weightGrams), 0)), n: daily.reduce((s, d) => s + d.records, 0) })}</Typography.Text>
      </div>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("network.devices")}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={node?.devices ?? []}
        columns={[
          { title: t("devices.code"), dataIndex: "code" },
          { title: t("devices.kind"), dataIndex: "kind", render: (k: string) => t(`deviceKind.${k}`) },
          { title: t("devices.lastSeen"), dataIndex: "lastSeenAt", render: fmt.dateTime },
          { title: t("devices.state"), key: "s", render: (_, d) => (d.silent ? <Tag color="red">{t("devices.silent")}</Tag> : <StatusTag status={d.status} />) },
        ]}
      />
    </DetailDrawer>
  );
}
