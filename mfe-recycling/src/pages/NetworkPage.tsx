import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, StatusTag, localName, useLanguage, useTranslation, type FilterValues, BarChart, DistrictMap } from "@zw/ui";
import type { MapPoint } from "@zw/ui/charts";
import { App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Segmented, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { addDays, kg, num, today, useDateFormat, useReference } from "../format.js";
import {
  RecyclingCreateEnterpriseDocument,
  RecyclingCreateStationDocument,
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
  const { viewer } = useViewer();
  const [creating, setCreating] = useState<"station" | "enterprise" | null>(null);
  const [refresh, setRefresh] = useState(0);
  const writable = canWrite(viewer, "recycling") && (!viewer?.org || viewer.org.kind === "recycling.enterprise");
  const staff = writable && !viewer?.org;
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
      extra={
        <Space>
          {staff ? (
            <Button onClick={() => setCreating("enterprise")} data-testid="rec-enterprise-new">
              {t("network.newEnterprise")}
            </Button>
          ) : null}
          {writable ? (
            <Button type="primary" onClick={() => setCreating("station")} data-testid="rec-station-new">
              {t("network.newStation")}
            </Button>
          ) : null}
          <ExportButton name="recycling.stations" filter={filter} />
        </Space>
      }
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
              refreshToken={refresh}
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
              refreshToken={refresh}
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
      <Modal open={!!creating} title={creating === "enterprise" ? t("network.newEnterprise") : t("network.newStation")} footer={null} onCancel={() => setCreating(null)} destroyOnHidden width={640}>
        {creating === "enterprise" ? (
          <EnterpriseForm districtOptions={districtOptions} defaultDistrict={viewer?.district?.id} onDone={() => { setCreating(null); setView("enterprises"); setRefresh((x) => x + 1); void points.refetch(); }} />
        ) : creating === "station" ? (
          <StationForm districtOptions={districtOptions} defaultDistrict={viewer?.district?.id} ownEnterprise={viewer?.org?.kind === "recycling.enterprise" ? { id: viewer.org.id, name: viewer.org.name ?? "" } : null} onDone={() => { setCreating(null); setView("stations"); setRefresh((x) => x + 1); void points.refetch(); }} />
        ) : null}
      </Modal>
    </PageLayout>
  );
}

const CODE_RULE = /^[A-Za-z0-9._-]{2,40}$/;

/** 登记回收企业（工作人员）。 */
function EnterpriseForm({ districtOptions, defaultDistrict, onDone }: { districtOptions: { value: string; label: string }[]; defaultDistrict?: string; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [create] = useMutation(RecyclingCreateEnterpriseDocument);
  return (
    <ApiForm<{ code: string; name: string; creditCode?: string; districtId: string; coop?: boolean; contact?: string; phone?: string; address?: string }>
      initialValues={{ districtId: defaultDistrict, coop: false }}
      onSubmit={async (v) => {
        const input = { ...v, creditCode: v.creditCode?.trim() || undefined, contact: v.contact?.trim() || undefined, phone: v.phone?.trim() || undefined, address: v.address?.trim() || undefined };
        return (await create({ variables: { input } })).data?.createRecyclingEnterprise;
      }}
      onSuccess={() => {
        message.success(t("network.saved"));
        onDone();
      }}
    >
      <Form.Item name="code" label={t("network.code")} rules={[{ required: true }, { pattern: CODE_RULE, message: t("merchants.codeRule") }]}>
        <Input maxLength={40} data-testid="rec-enterprise-code" />
      </Form.Item>
      <Form.Item name="name" label={t("network.name")} rules={[{ required: true }, { min: 2, max: 100 }]}>
        <Input maxLength={100} data-testid="rec-enterprise-name" />
      </Form.Item>
      <Form.Item name="creditCode" label={t("network.creditCode")} rules={[{ pattern: /^[0-9A-Z]{18}$/, message: t("network.creditCodeRule") }]}>
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
        <Select options={districtOptions} />
      </Form.Item>
      <Form.Item name="coop" valuePropName="checked">
        <Checkbox>{t("network.coopNetwork")}</Checkbox>
      </Form.Item>
      <Space>
        <Form.Item name="contact" label={t("network.contact")}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t("pickups.phone")} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t("pickups.phoneRule") }]}>
          <Input maxLength={20} />
        </Form.Item>
      </Space>
      <Form.Item name="address" label={t("network.address")}>
        <Input maxLength={200} />
      </Form.Item>
    </ApiForm>
  );
}

/** 登记回收站点（工作人员为任一企业，企业为自己）。 */
function StationForm({ districtOptions, defaultDistrict, ownEnterprise, onDone }: { districtOptions: { value: string; label: string }[]; defaultDistrict?: string; ownEnterprise: { id: string; name: string } | null; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [create] = useMutation(RecyclingCreateStationDocument);
  const ents = useQuery(RecyclingEnterprisesDocument, { variables: { first: 100 }, skip: !!ownEnterprise });
  const entOptions = ownEnterprise ? [{ value: ownEnterprise.id, label: ownEnterprise.name }] : (ents.data?.recyclingEnterprises.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name }));
  return (
    <ApiForm<{ code: string; name: string; kind: RecyclingStationKind; enterpriseId: string; districtId: string; rural?: boolean; lon: number; lat: number; address?: string; households?: number; capacityTpd?: number; openedOn?: string }>
      initialValues={{ kind: "SERVICE_STATION", districtId: defaultDistrict, enterpriseId: ownEnterprise?.id, rural: false }}
      onSubmit={async (v) => {
        const input = { ...v, address: v.address?.trim() || undefined, capacityTpd: v.capacityTpd != null ? String(v.capacityTpd) : undefined, openedOn: v.openedOn || undefined };
        return (await create({ variables: { input } })).data?.createRecyclingStation;
      }}
      onSuccess={() => {
        message.success(t("network.saved"));
        onDone();
      }}
    >
      <Space wrap>
        <Form.Item name="code" label={t("network.code")} rules={[{ required: true }, { pattern: CODE_RULE, message: t("merchants.codeRule") }]}>
          <Input maxLength={40} data-testid="rec-station-code" />
        </Form.Item>
        <Form.Item name="name" label={t("network.name")} rules={[{ required: true }, { min: 2, max: 100 }]}>
          <Input maxLength={100} style={{ width: 300 }} data-testid="rec-station-name" />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="kind" label={t("network.kind")} rules={[{ required: true }]}>
          <Select style={{ width: 160 }} options={KINDS.map((k) => ({ value: k, label: t(`stationKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="enterpriseId" label={t("network.enterprise")} rules={[{ required: true }]}>
          <Select style={{ width: 260 }} showSearch optionFilterProp="label" disabled={!!ownEnterprise} options={entOptions} data-testid="rec-station-enterprise" />
        </Form.Item>
        <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
          <Select style={{ width: 140 }} options={districtOptions} data-testid="rec-station-district" />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="lon" label={t("merchants.lon")} rules={[{ required: true }]}>
          <InputNumber min={118} max={122} step={0.0001} style={{ width: 150 }} data-testid="rec-station-lon" />
        </Form.Item>
        <Form.Item name="lat" label={t("merchants.lat")} rules={[{ required: true }]}>
          <InputNumber min={28} max={31} step={0.0001} style={{ width: 150 }} data-testid="rec-station-lat" />
        </Form.Item>
        <Form.Item name="rural" valuePropName="checked" label=" ">
          <Checkbox>{t("network.ruralOnly")}</Checkbox>
        </Form.Item>
      </Space>
      <Form.Item name="address" label={t("network.address")}>
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="households" label={t("network.households")}>
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="capacityTpd" label={t("network.capacity")}>
          <InputNumber min={0} max={100000} step={0.5} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="openedOn" label={t("network.openedOn")}>
          <Input type="date" style={{ width: 170 }} />
        </Form.Item>
      </Space>
    </ApiForm>
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
