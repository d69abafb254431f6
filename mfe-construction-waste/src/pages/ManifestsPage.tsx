import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, ExportButton, FilterBar, PageLayout, StatusTag, useTranslation, type FilterValues } from "@zw/ui";
import { Button, Drawer, Form, Input, InputNumber, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useDistricts, useFormat } from "../format.js";
import { CwGateScanDocument, CwManifestsDocument, CwPlacesDocument, CwReceiveManifestDocument, CwSitesDocument, type CwManifestsQuery, type ManifestStatus } from "../graphql/generated.js";
import { NS } from "../module.js";

type M = CwManifestsQuery["tripManifests"]["edges"][number]["node"];

/** 电子联单：出场扫码开单（或驶出工地围栏自动开单），消纳场所签收；出场与签收方量比对。 */
export function ManifestsPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const { options: districts } = useDistricts();
  const { viewer } = useViewer();
  const staff = canWrite(viewer, "construction") && !viewer?.org;
  const [filters, setFilters] = useState<FilterValues>({});
  const [scan, setScan] = useState(false);
  const [receiving, setReceiving] = useState<M | null>(null);
  const [refresh, setRefresh] = useState(0);
  const filter = { districtId: (filters.districtId as string) || undefined, status: (filters.status as ManifestStatus[] | undefined)?.length ? (filters.status as ManifestStatus[]) : undefined };
  return (
    <PageLayout
      title={t("manifests.title")}
      subtitle={t("manifests.subtitle")}
      testId="cw-manifests"
      extra={
        <Space>
          {canWrite(viewer, "construction") ? (
            <Button type="primary" onClick={() => setScan(true)} data-testid="cw-gate-scan">
              {t("manifests.gateScan")}
            </Button>
          ) : null}
          <ExportButton name="construction.manifests" filter={filter} />
        </Space>
      }
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "districtId", label: t("common.district"), type: "select", options: districts, allowAll: true },
            { name: "status", label: t("common.status"), type: "select", multiple: true, options: ["OPEN", "CLOSED", "VOIDED"].map((s) => ({ value: s, label: t(`status.${s}`) })) },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="cw-manifests-table"
        query={CwManifestsDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.tripManifests}
        columns={[
          { title: t("manifests.number"), dataIndex: "number", key: "number", render: (v: string) => <span data-testid="cw-manifest-number">{v}</span> },
          { title: t("vehicles.plate"), key: "plate", render: (_: unknown, m: M) => m.vehicle?.plate ?? "—" },
          { title: t("permits.site"), key: "site", render: (_: unknown, m: M) => m.site?.name ?? "—" },
          { title: t("manifests.opened"), key: "opened", render: (_: unknown, m: M) => `${f.time(m.openedAt)} · ${t(`via.${m.openedVia}`)}` },
          { title: t("manifests.sent"), dataIndex: "sentVolumeM3", key: "sent", align: "right" },
          { title: t("manifests.received"), key: "recv", align: "right", render: (_: unknown, m: M) => (m.receivedVolumeM3 ? <>{m.receivedVolumeM3}{m.volumeDiffFlagged ? <Tag color="red" style={{ marginLeft: 4 }}>{t("manifests.diff")} {m.volumeDiffM3}</Tag> : null}</> : "—") },
          { title: t("permits.place"), key: "place", render: (_: unknown, m: M) => m.disposalPlace?.name ?? m.plannedPlace?.name ?? "—" },
          {
            title: t("common.status"),
            key: "status",
            render: (_: unknown, m: M) => (
              <Space>
                <StatusTag status={m.status} ns={NS} />
                {staff && m.status === "OPEN" ? (
                  <Button size="small" onClick={() => setReceiving(m)} data-testid="cw-manifest-receive">
                    {t("manifests.receive")}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Drawer open={scan} title={t("manifests.gateScan")} onClose={() => setScan(false)} size={480} destroyOnHidden>
        <GateScanForm onDone={() => { setScan(false); setRefresh((x) => x + 1); }} />
      </Drawer>
      <Drawer open={!!receiving} title={`${t("manifests.receive")} ${receiving?.number ?? ""}`} onClose={() => setReceiving(null)} size={480} destroyOnHidden>
        {receiving ? <ReceiveForm m={receiving} onDone={() => { setReceiving(null); setRefresh((x) => x + 1); }} /> : null}
      </Drawer>
    </PageLayout>
  );
}

function GateScanForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation(NS);
  const sites = useQuery(CwSitesDocument, { variables: { first: 100, filter: { status: ["REGISTERED", "ACTIVE"] } } });
  const [scan] = useMutation(CwGateScanDocument);
  return (
    <ApiForm<{ plate: string; siteId: string }> onSubmit={async (v) => (await scan({ variables: { input: { plate: v.plate.trim(), siteId: v.siteId } } })).data?.gateScan} onSuccess={onDone}>
      <Form.Item name="plate" label={t("vehicles.plate")} rules={[{ required: true }]}>
        <Input data-testid="cw-scan-plate" placeholder="浙D12345" />
      </Form.Item>
      <Form.Item name="siteId" label={t("permits.site")} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" data-testid="cw-scan-site" options={sites.data?.excavationSites.edges.map((e) => ({ value: e.node.id, label: e.node.name })) ?? []} />
      </Form.Item>
    </ApiForm>
  );
}

function ReceiveForm({ m, onDone }: { m: M; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const places = useQuery(CwPlacesDocument, { variables: { first: 100, filter: { status: "OPEN" } } });
  const [receive] = useMutation(CwReceiveManifestDocument);
  return (
    <ApiForm<{ disposalPlaceId: string; receivedVolumeM3: number; receivedWeightT?: number }>
      initialValues={{ disposalPlaceId: m.plannedPlace?.id, receivedVolumeM3: Number(m.sentVolumeM3) }}
      onSubmit={async (v) => (await receive({ variables: { input: { manifestId: m.id, disposalPlaceId: v.disposalPlaceId, receivedVolumeM3: String(v.receivedVolumeM3), receivedWeightT: v.receivedWeightT != null ? String(v.receivedWeightT) : undefined } } })).data?.receiveManifest}
      onSuccess={onDone}
    >
      <Form.Item name="disposalPlaceId" label={t("permits.place")} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" options={places.data?.disposalPlaces.edges.map((e) => ({ value: e.node.id, label: e.node.name })) ?? []} />
      </Form.Item>
      <Form.Item name="receivedVolumeM3" label={t("manifests.received")} rules={[{ required: true }]}>
        <InputNumber min={0} step={0.5} addonAfter="m³" data-testid="cw-receive-volume" />
      </Form.Item>
      <Form.Item name="receivedWeightT" label={t("manifests.weight")}>
        <InputNumber min={0} step={0.1} addonAfter={t("unit.t")} />
      </Form.Item>
    </ApiForm>
  );
}
