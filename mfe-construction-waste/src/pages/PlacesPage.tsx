import { useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, StatusTag, useTranslation, type FilterValues, BarChart } from "@zw/ui";
import { App as AntApp, Button, Drawer, Progress, Space, Typography } from "antd";
import { useState } from "react";
import { grouped, useDistricts, useFormat } from "../format.js";
import { CwPlaceHistoryDocument, CwPlacesDocument, CwThroughputDocument, type CwPlacesQuery, type DisposalKind } from "../graphql/generated.js";
import { NS } from "../module.js";
import { PlaceForm } from "./forms/PlaceForm.js";
import { History } from "./History.js";

type Place = CwPlacesQuery["disposalPlaces"]["edges"][number]["node"];
const KINDS: DisposalKind[] = ["DISPOSAL_SITE", "SOLIDIFICATION_CENTRE", "UTILISATION_PLANT", "WHARF", "GREEN_COMPLEX"];

function usedPct(p: Place): number {
  const cap = Number(p.capacity);
  return cap > 0 ? Math.min(100, Math.round(((cap - Number(p.remainingCapacity)) / cap) * 1000) / 10) : 0;
}

/** 消纳场所：库容、剩余库容、日受纳量；设施日处理量与设计能力对比（如上虞绿色综合体 500 吨/日）。 */
export function PlacesPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const { options: districts } = useDistricts();
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<Place | null>(null);
  const tp = useQuery(CwThroughputDocument, { variables: { placeId: open?.id ?? "", days: 30 }, skip: !open });
  const hist = useQuery(CwPlaceHistoryDocument, { variables: { id: open?.id ?? "" }, skip: !open });
  const histNode = hist.data?.node && "history" in hist.data.node ? hist.data.node : null;
  const { viewer } = useViewer();
  const { message } = AntApp.useApp();
  const writer = canWrite(viewer, "construction") && !viewer?.org;
  const [form, setForm] = useState<"new" | "edit" | null>(null);
  const [refresh, setRefresh] = useState(0);
  const saved = () => {
    setForm(null);
    setOpen(null);
    message.success(t("common.saved"));
    setRefresh((x) => x + 1);
  };
  const filter = { districtId: (filters.districtId as string) || undefined, kind: (filters.kind as DisposalKind) || undefined, search: (filters.search as string) || undefined };
  const unit = (p: Place) => (p.capacityUnit === "T" ? t("unit.t") : "m³");
  return (
    <PageLayout
      title={t("places.title")}
      subtitle={t("places.subtitle")}
      testId="cw-places"
      extra={
        <Space>
          {writer ? (
            <Button type="primary" onClick={() => setForm("new")} data-testid="cw-place-new">
              {t("places.new")}
            </Button>
          ) : null}
          <ExportButton name="construction.disposalPlaces" filter={{ districtId: filter.districtId, search: filter.search }} />
        </Space>
      }
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("common.search"), type: "text" },
            { name: "districtId", label: t("common.district"), type: "select", options: districts, allowAll: true },
            { name: "kind", label: t("places.kind"), type: "select", allowAll: true, options: KINDS.map((k) => ({ value: k, label: t(`placeKind.${k}`) })) },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="cw-places-table"
        query={CwPlacesDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.disposalPlaces}
        onRowClick={setOpen}
        columns={[
          { title: t("common.name"), dataIndex: "name", key: "name" },
          { title: t("places.kind"), dataIndex: "kind", key: "kind", render: (k: string) => t(`placeKind.${k}`) },
          { title: t("common.district"), key: "district", render: (_: unknown, p: Place) => f.district(p.district) },
          { title: t("places.capacity"), key: "cap", align: "right", render: (_: unknown, p: Place) => `${grouped(p.capacity)} ${unit(p)}${p.capacityBasis === "ANNUAL" ? t("places.perYear") : ""}` },
          { title: t("places.remaining"), dataIndex: "remainingCapacity", key: "rem", align: "right", render: grouped },
          { title: t("places.used"), key: "used", render: (_: unknown, p: Place) => <Progress percent={usedPct(p)} size="small" status={usedPct(p) >= p.alertThresholdPct ? "exception" : "normal"} /> },
          { title: t("places.today"), dataIndex: "intakeToday", key: "today", align: "right", render: grouped },
          { title: t("common.status"), dataIndex: "status", key: "status", render: (s: string) => <StatusTag status={s} ns={NS} /> },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open?.name ?? ""}
        width={680}
        extra={
          writer && open ? (
            <Button size="small" onClick={() => setForm("edit")} data-testid="cw-place-edit">
              {t("common.edit")}
            </Button>
          ) : null
        }
        items={
          open
            ? [
                { label: t("places.code"), value: open.code },
                { label: t("places.kind"), value: t(`placeKind.${open.kind}`) },
                { label: t("places.capacity"), value: `${grouped(open.capacity)} ${unit(open)}${open.capacityBasis === "ANNUAL" ? t("places.perYear") : ""}` },
                { label: t("places.daily"), value: open.dailyCapacity ? `${grouped(open.dailyCapacity)} ${unit(open)}${t("places.perDay")}` : "—" },
                { label: t("places.remaining"), value: `${grouped(open.remainingCapacity)} ${unit(open)}` },
                { label: t("places.threshold"), value: `${open.alertThresholdPct}%` },
                { label: t("common.status"), value: <StatusTag status={open.status} ns={NS} /> },
                { label: t("places.openFrom"), value: histNode?.openFrom ?? "—" },
              ]
            : []
        }
      >
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t("places.throughput")}
        </Typography.Title>
        <div data-testid="cw-throughput">
          <BarChart
            height={260}
            categories={(tp.data?.facilityThroughput ?? []).map((d) => d.day.slice(5))}
            series={[{ name: open?.capacityUnit === "T" ? t("unit.t") : "m³", data: (tp.data?.facilityThroughput ?? []).map((d) => Number(open?.capacityUnit === "T" ? d.receivedT : d.receivedM3)) }]}
          />
        </div>
        {open?.dailyCapacity ? (
          <Typography.Paragraph type="secondary" data-testid="cw-utilisation">
            {t("places.utilisation", {
              design: grouped(open.dailyCapacity),
              avg: (() => {
                const d = tp.data?.facilityThroughput ?? [];
                return d.length ? (d.reduce((a, x) => a + (x.utilisationPct ?? 0), 0) / d.length).toFixed(1) : "0";
              })(),
            })}
          </Typography.Paragraph>
        ) : null}
        <History entries={histNode?.history} />
      </DetailDrawer>
      <Drawer open={!!form} title={form === "edit" ? `${t("common.edit")} ${open?.name ?? ""}` : t("places.new")} onClose={() => setForm(null)} size={600} destroyOnHidden>
        {form === "new" ? (
          <PlaceForm onDone={saved} />
        ) : form === "edit" && open ? (
          <PlaceForm placeId={open.id} initial={{ capacity: open.capacity, dailyCapacity: open.dailyCapacity, alertThresholdPct: open.alertThresholdPct, status: open.status }} onDone={saved} />
        ) : null}
      </Drawer>
    </PageLayout>
  );
}
