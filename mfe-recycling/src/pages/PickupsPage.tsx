import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, StatusTag, localName, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Steps, Table, Typography } from "antd";
import { useState } from "react";
import { kg, useDateFormat, useReference } from "../format.js";
import { RecyclingAdvancePickupDocument, RecyclingPickupDetailDocument, RecyclingPickupsDocument, RecyclingRequestPickupDocument, RecyclingStationPointsDocument, type HouseholdPickupAction, type HouseholdPickupStatus, type RecPickupFragment } from "../graphql/generated.js";
import { NS } from "../module.js";

const CHAIN: HouseholdPickupStatus[] = ["REQUESTED", "ASSIGNED", "COLLECTED", "AT_STATION", "ON_TRUCK", "AT_SORTING_CENTRE", "SOLD"];
const NEEDS: Record<HouseholdPickupAction, string[]> = {
  assign: ["stationId", "collector"],
  collect: ["weightGrams", "material"],
  toStation: ["weightGrams"],
  loadTruck: ["weightGrams", "truckPlate"],
  toSortingCentre: ["weightGrams", "sortingCentreId"],
  sell: ["weightGrams", "recycler"],
  cancel: ["note"],
};

/** 上门回收（虎哥模式）：一键呼叫的回收单，从家庭到再生利用企业的全程交接与每一环节的重量、损耗。 */
export function PickupsPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { districtOptions } = useReference();
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<RecPickupFragment | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [requesting, setRequesting] = useState(false);
  const { viewer } = useViewer();
  const writable = canWrite(viewer, "recycling") && (!viewer?.org || viewer.org.kind === "recycling.enterprise");
  const filter = { districtId: filters.districtId as string | undefined, status: filters.status as HouseholdPickupStatus[] | undefined, search: filters.search as string | undefined };
  return (
    <PageLayout
      title={t("pickups.title")}
      subtitle={t("pickups.subtitle")}
      testId="rec-pickups"
      extra={
        <Space>
          {writable ? (
            <Button type="primary" onClick={() => setRequesting(true)} data-testid="rec-pickup-new">
              {t("pickups.new")}
            </Button>
          ) : null}
          <ExportButton name="recycling.pickups" filter={filter} />
        </Space>
      }
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("pickups.search"), type: "text" },
            { name: "districtId", label: t("common.district"), type: "select", options: districtOptions },
            { name: "status", label: t("pickups.status"), type: "select", multiple: true, options: [...CHAIN, "CANCELLED"].map((s) => ({ value: s, label: t(`status.${s}`) })) },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="rec-pickups-table"
        query={RecyclingPickupsDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.householdPickups}
        onRowClick={setOpen}
        columns={[
          { title: t("pickups.number"), dataIndex: "number", key: "n", render: (v: string) => <code>{v}</code> },
          { title: t("pickups.status"), dataIndex: "status", key: "s", render: (s: string) => <StatusTag status={s} ns={NS} /> },
          { title: t("pickups.requestedAt"), dataIndex: "requestedAt", key: "r", render: fmt.dateTime },
          { title: t("pickups.station"), key: "st", render: (_: unknown, p: RecPickupFragment) => p.station?.name ?? "—" },
          { title: t("pickups.collected"), dataIndex: "collectedGrams", key: "c", align: "right", render: (v: number | null) => kg(v) },
          { title: t("pickups.current"), dataIndex: "currentGrams", key: "cur", align: "right", render: (v: number | null) => kg(v) },
          { title: t("pickups.loss"), dataIndex: "lossGrams", key: "l", align: "right", render: (v: number | null) => kg(v) },
          { title: t("common.district"), key: "d", render: (_: unknown, p: RecPickupFragment) => localName(p.district, lng) },
        ]}
      />
      <PickupDrawer pickup={open} onClose={() => setOpen(null)} onChanged={() => setRefresh((x) => x + 1)} />
      <Modal open={requesting} title={t("pickups.new")} footer={null} onCancel={() => setRequesting(false)} destroyOnHidden>
        <RequestForm
          districtOptions={districtOptions}
          defaultDistrict={viewer?.district?.id}
          onDone={() => {
            setRequesting(false);
            setRefresh((x) => x + 1);
          }}
        />
      </Modal>
    </PageLayout>
  );
}

/** 一键呼叫：居民（由热线、小程序或企业客服代录）预约上门回收；有积分卡时收集后积分入卡。 */
function RequestForm({ districtOptions, defaultDistrict, onDone }: { districtOptions: { value: string; label: string }[]; defaultDistrict?: string; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [request] = useMutation(RecyclingRequestPickupDocument);
  return (
    <ApiForm<{ districtId: string; address: string; contactName?: string; phone?: string; cardNo?: string }>
      initialValues={{ districtId: defaultDistrict }}
      submitText={t("pickups.submitRequest")}
      onSubmit={async (v) => {
        const input = { districtId: v.districtId, address: v.address.trim(), contactName: v.contactName?.trim() || undefined, phone: v.phone?.trim() || undefined, cardNo: v.cardNo?.trim().toUpperCase() || undefined };
        const r = (await request({ variables: { input } })).data?.requestHouseholdPickup;
        if (r?.pickup) message.success(t("pickups.requested", { number: r.pickup.number }));
        return r;
      }}
      onSuccess={onDone}
    >
      <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" options={districtOptions} data-testid="rec-request-district" />
      </Form.Item>
      <Form.Item name="address" label={t("pickups.address")} rules={[{ required: true, whitespace: true }, { min: 2, max: 200 }]}>
        <Input maxLength={200} data-testid="rec-request-address" />
      </Form.Item>
      <Form.Item name="contactName" label={t("pickups.contact")}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="phone" label={t("pickups.phone")} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t("pickups.phoneRule") }]}>
        <Input maxLength={20} data-testid="rec-request-phone" />
      </Form.Item>
      <Form.Item name="cardNo" label={t("cards.cardNo")} extra={t("pickups.cardHint")}>
        <Input maxLength={40} data-testid="rec-request-card" />
      </Form.Item>
    </ApiForm>
  );
}

function PickupDrawer({ pickup, onClose, onChanged }: { pickup: RecPickupFragment | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { viewer } = useViewer();
  const q = useQuery(RecyclingPickupDetailDocument, { variables: { id: pickup?.id ?? "" }, skip: !pickup });
  const p = q.data?.node && "handovers" in q.data.node ? q.data.node : null;
  const writable = canWrite(viewer, "recycling") && (!viewer?.org || viewer.org.kind === "recycling.enterprise");
  const current = p ? CHAIN.indexOf(p.status) : -1;
  return (
    <DetailDrawer
      open={!!pickup}
      onClose={onClose}
      title={pickup ? `${pickup.number}` : ""}
      width={720}
      loading={q.loading}
      items={
        p
          ? [
              { label: t("pickups.status"), value: <StatusTag status={p.status} ns={NS} /> },
              { label: t("pickups.address"), value: p.address },
              { label: t("pickups.contact"), value: p.contactName },
              { label: t("cards.cardNo"), value: p.cardNo ?? "—" },
              { label: t("pickups.material"), value: p.material ? localName(p.material, lng) : "—" },
              { label: t("pickups.collector"), value: p.collector ?? "—" },
              { label: t("pickups.truck"), value: p.truckPlate ?? "—" },
              { label: t("pickups.recycler"), value: p.recycler ?? "—" },
              { label: t("pickups.lossTotal"), value: p.lossGrams != null && p.collectedGrams ? `${kg(p.lossGrams)} kg (${((p.lossGrams / p.collectedGrams) * 100).toFixed(1)}%)` : "—" },
            ]
          : []
      }
    >
      {p ? (
        <>
          {p.status !== "CANCELLED" ? <Steps size="small" current={current} style={{ margin: "12px 0" }} items={CHAIN.map((s) => ({ title: t(`status.${s}`) }))} /> : null}
          <Typography.Title level={5}>{t("pickups.chain")}</Typography.Title>
          <Table
            data-testid="rec-custody-chain"
            size="small"
            pagination={false}
            rowKey={(h) => `${h.action}-${h.at}`}
            dataSource={p.handovers}
            columns={[
              { title: t("pickups.step"), dataIndex: "action", render: (a: string) => t(`pickupAction.${a}`) },
              { title: t("pickups.when"), dataIndex: "at", render: fmt.dateTime },
              { title: t("pickups.from"), dataIndex: "fromParty" },
              { title: t("pickups.to"), dataIndex: "toParty" },
              { title: t("pickups.weight"), dataIndex: "weightGrams", align: "right", render: (v: number | null) => (v == null ? "—" : `${kg(v)} kg`) },
              { title: t("pickups.stepLoss"), dataIndex: "lossGrams", align: "right", render: (v: number | null) => (v == null ? "—" : <span data-testid="rec-step-loss">{kg(v)} kg</span>) },
            ]}
          />
          {writable && p.nextActions.length ? (
            <AdvanceForm
              pickup={p}
              onDone={() => {
                void q.refetch();
                onChanged();
              }}
            />
          ) : null}
        </>
      ) : null}
    </DetailDrawer>
  );
}

function AdvanceForm({ pickup, onDone }: { pickup: RecPickupFragment; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const { materials } = useReference();
  const [action, setAction] = useState<HouseholdPickupAction>(pickup.nextActions[0]!);
  const [advance] = useMutation(RecyclingAdvancePickupDocument);
  const stations = useQuery(RecyclingStationPointsDocument, { variables: { kind: action === "assign" ? "SERVICE_STATION" : "SORTING_CENTRE" }, skip: action !== "assign" && action !== "toSortingCentre" });
  const needs = NEEDS[action];
  const [form] = Form.useForm();
  return (
    <Card size="small" title={t("pickups.next")} style={{ marginTop: 12 }} data-testid="rec-pickup-advance">
      <Space style={{ marginBottom: 8 }}>
        <Select
          value={action}
          onChange={(a) => {
            setAction(a);
            form.resetFields();
          }}
          options={pickup.nextActions.map((a) => ({ value: a, label: t(`pickupAction.${a}`) }))}
          style={{ width: 200 }}
          data-testid="rec-pickup-action"
        />
      </Space>
      <ApiForm<Record<string, unknown>>
        form={form}
        layout="horizontal"
        onSubmit={async (v) => (await advance({ variables: { input: { id: pickup.id, action, ...v, weightGrams: v.weightKg != null ? Math.round(Number(v.weightKg) * 1000) : undefined, weightKg: undefined } as never } })).data?.advanceHouseholdPickup}
        onSuccess={onDone}
      >
        {needs.includes("stationId") ? (
          <Form.Item name="stationId" label={t("pickups.station")} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={(stations.data?.recyclingStationPoints ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        ) : null}
        {needs.includes("collector") ? (
          <Form.Item name="collector" label={t("pickups.collector")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        ) : null}
        {needs.includes("material") ? (
          <Form.Item name="material" label={t("pickups.material")} rules={[{ required: true }]}>
            <Select options={materials.filter((m) => m.unit === "KG" && m.active).map((m) => ({ value: m.code, label: localName(m, lng) }))} />
          </Form.Item>
        ) : null}
        {needs.includes("weightGrams") ? (
          <Form.Item name="weightKg" label={t("pickups.weightKg")} rules={[{ required: true }]}>
            <InputNumber min={0.001} step={0.1} precision={3} style={{ width: 180 }} data-testid="rec-pickup-weight" />
          </Form.Item>
        ) : null}
        {needs.includes("truckPlate") ? (
          <Form.Item name="truckPlate" label={t("pickups.truck")} rules={[{ required: true }]}>
            <Input maxLength={20} />
          </Form.Item>
        ) : null}
        {needs.includes("sortingCentreId") ? (
          <Form.Item name="sortingCentreId" label={t("pickups.sortingCentre")} rules={[{ required: true }]}>
            <Select options={(stations.data?.recyclingStationPoints ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        ) : null}
        {needs.includes("recycler") ? (
          <Form.Item name="recycler" label={t("pickups.recycler")} rules={[{ required: true }]}>
            <Input maxLength={120} />
          </Form.Item>
        ) : null}
        {needs.includes("note") ? (
          <Form.Item name="note" label={t("pickups.note")} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        ) : null}
      </ApiForm>
    </Card>
  );
}


