import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, StatusTag, useTranslation, type FilterValues } from "@zw/ui";
import { App as AntApp, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Switch } from "antd";
import { useState } from "react";
import { grouped, useDistricts, useFormat } from "../format.js";
import { CwApplySiteDocument, CwSiteDetailDocument, CwSitesDocument, CwTransitionSiteDocument, type CwSitesQuery, type SiteAction, type SiteStatus } from "../graphql/generated.js";
import { NS } from "../module.js";
import { AddCarrier } from "./forms/AddCarrier.js";
import { History } from "./History.js";

type Site = CwSitesQuery["excavationSites"]["edges"][number]["node"];
const STATUSES: SiteStatus[] = ["APPLIED", "REGISTERED", "ACTIVE", "COMPLETED", "REJECTED"];
const ACTIONS: Record<SiteStatus, SiteAction[]> = { APPLIED: ["register", "reject"], REGISTERED: ["start", "complete"], ACTIVE: ["complete"], COMPLETED: [], REJECTED: [] };

/** 出土工地：备案登记、审核（备案/驳回）、开工与完工；已外运量来自已签收联单。 */
export function SitesPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const { options: districts } = useDistricts();
  const { viewer } = useViewer();
  const { message } = AntApp.useApp();
  const writer = canWrite(viewer, "construction") && !viewer?.org;
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<Site | null>(null);
  const [adding, setAdding] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const detail = useQuery(CwSiteDetailDocument, { variables: { id: open?.id ?? "" }, skip: !open });
  const [transition] = useMutation(CwTransitionSiteDocument);
  const filter = { districtId: (filters.districtId as string) || undefined, status: (filters.status as SiteStatus[] | undefined)?.length ? (filters.status as SiteStatus[]) : undefined, search: (filters.search as string) || undefined };
  const node = detail.data?.node && "carriers" in detail.data.node ? detail.data.node : null;
  const act = async (action: SiteAction) => {
    const reason = action === "reject" ? window.prompt(t("sites.rejectReason")) ?? "" : undefined;
    if (action === "reject" && !reason) return;
    const r = await transition({ variables: { id: open!.id, action, reason } });
    const errs = r.data?.transitionSite.userErrors ?? [];
    if (errs.length) message.error(errs.map((e) => e.message).join("；"));
    else {
      message.success(t("common.saved"));
      setRefresh((x) => x + 1);
      void detail.refetch();
    }
  };
  return (
    <PageLayout
      title={t("sites.title")}
      subtitle={t("sites.subtitle")}
      testId="cw-sites"
      extra={
        <Space>
          {writer ? (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="cw-site-new">
              {t("sites.new")}
            </Button>
          ) : null}
          <ExportButton name="construction.sites" filter={filter} />
        </Space>
      }
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("common.search"), type: "text" },
            { name: "districtId", label: t("common.district"), type: "select", options: districts, allowAll: true },
            { name: "status", label: t("common.status"), type: "select", multiple: true, options: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="cw-sites-table"
        query={CwSitesDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.excavationSites}
        onRowClick={setOpen}
        columns={[
          { title: t("sites.code"), dataIndex: "code", key: "code", render: (v: string | null) => v ?? "—" },
          { title: t("common.name"), dataIndex: "name", key: "name" },
          { title: t("common.district"), key: "district", render: (_: unknown, s: Site) => f.district(s.district) },
          { title: t("sites.planned"), dataIndex: "plannedVolumeM3", key: "planned", align: "right", render: grouped },
          { title: t("sites.moved"), dataIndex: "movedVolumeM3", key: "moved", align: "right", render: grouped },
          { title: t("sites.period"), key: "period", render: (_: unknown, s: Site) => `${s.periodFrom} ~ ${s.periodTo}` },
          { title: t("common.status"), dataIndex: "status", key: "status", render: (s: string) => <StatusTag status={s} ns={NS} /> },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open?.name ?? ""}
        loading={detail.loading && !node}
        extra={
          writer && open ? (
            <Space>
              {ACTIONS[(node?.status ?? open.status) as SiteStatus].map((a) => (
                <Button key={a} size="small" danger={a === "reject"} onClick={() => void act(a)} data-testid={`cw-site-${a}`}>
                  {t(`sites.action.${a}`)}
                </Button>
              ))}
            </Space>
          ) : null
        }
        items={
          node
            ? [
                { label: t("sites.code"), value: node.code ?? "—" },
                { label: t("common.status"), value: <StatusTag status={node.status} ns={NS} /> },
                { label: t("sites.material"), value: t(`material.${node.material}`) },
                { label: t("sites.planned"), value: `${grouped(node.plannedVolumeM3)} m³` },
                { label: t("sites.moved"), value: `${grouped(node.movedVolumeM3)} m³` },
                { label: t("sites.period"), value: `${node.periodFrom} ~ ${node.periodTo}` },
                { label: t("sites.builder"), value: node.builder },
                { label: t("sites.contractor"), value: node.contractor || "—" },
                { label: t("sites.gate"), value: `${node.gateCameras} · ${node.washingFacility ? t("sites.washing") : t("sites.noWashing")}` },
                { label: t("sites.carriers"), value: node.carriers.map((c) => c.name).join("、") || "—" },
                { label: t("sites.location"), value: `${node.lon.toFixed(5)}, ${node.lat.toFixed(5)}` },
                ...(node.rejectionReason ? [{ label: t("sites.rejectReason"), value: node.rejectionReason }] : []),
              ]
            : []
        }
      >
        {writer && node && (node.status === "REGISTERED" || node.status === "ACTIVE") ? (
          <AddCarrier
            siteId={node.id}
            exclude={node.carriers.map((c) => c.id)}
            onDone={() => {
              setRefresh((x) => x + 1);
              void detail.refetch();
            }}
          />
        ) : null}
        <History entries={node?.history} />
      </DetailDrawer>
      <Drawer open={adding} title={t("sites.new")} onClose={() => setAdding(false)} size={560} destroyOnHidden>
        <ApplySiteForm
          onDone={() => {
            setAdding(false);
            setRefresh((x) => x + 1);
          }}
        />
      </Drawer>
    </PageLayout>
  );
}

function ApplySiteForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { options: districts } = useDistricts();
  const [apply] = useMutation(CwApplySiteDocument);
  type V = { name: string; districtId: string; lon: number; lat: number; plannedVolumeM3: number; period: [{ format: (f: string) => string }, { format: (f: string) => string }]; builder: string; gateCameras: number; washingFacility: boolean; material: "SPOIL" | "MUD" };
  return (
    <ApiForm<V>
      initialValues={{ lon: 120.58, lat: 30.0, gateCameras: 2, washingFacility: true, material: "SPOIL" }}
      onSubmit={async (v) =>
        (
          await apply({
            variables: {
              input: { name: v.name, districtId: v.districtId, lon: v.lon, lat: v.lat, material: v.material, plannedVolumeM3: String(v.plannedVolumeM3), periodFrom: v.period[0].format("YYYY-MM-DD"), periodTo: v.period[1].format("YYYY-MM-DD"), builder: v.builder, gateCameras: v.gateCameras, washingFacility: !!v.washingFacility },
            },
          })
        ).data?.applySiteRegistration
      }
      onSuccess={onDone}
    >
      <Form.Item name="name" label={t("common.name")} rules={[{ required: true }]}>
        <Input data-testid="cw-site-name" />
      </Form.Item>
      <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
        <Select options={districts} data-testid="cw-site-district" />
      </Form.Item>
      <Space>
        <Form.Item name="lon" label={t("sites.lon")} rules={[{ required: true }]}>
          <InputNumber min={119.9} max={121.4} step={0.001} />
        </Form.Item>
        <Form.Item name="lat" label={t("sites.lat")} rules={[{ required: true }]}>
          <InputNumber min={29.2} max={30.4} step={0.001} />
        </Form.Item>
      </Space>
      <Form.Item name="material" label={t("sites.material")}>
        <Select options={["SPOIL", "MUD"].map((m) => ({ value: m, label: t(`material.${m}`) }))} />
      </Form.Item>
      <Form.Item name="plannedVolumeM3" label={t("sites.planned")} rules={[{ required: true }]}>
        <InputNumber min={1} style={{ width: 200 }} data-testid="cw-site-planned" addonAfter="m³" />
      </Form.Item>
      <Form.Item name="period" label={t("sites.period")} rules={[{ required: true }]}>
        <DatePicker.RangePicker data-testid="cw-site-period" />
      </Form.Item>
      <Form.Item name="builder" label={t("sites.builder")} rules={[{ required: true }]}>
        <Input data-testid="cw-site-builder" />
      </Form.Item>
      <Form.Item name="gateCameras" label={t("sites.cameras")}>
        <InputNumber min={0} max={50} />
      </Form.Item>
      <Form.Item name="washingFacility" label={t("sites.washing")} valuePropName="checked">
        <Switch />
      </Form.Item>
    </ApiForm>
  );
}
