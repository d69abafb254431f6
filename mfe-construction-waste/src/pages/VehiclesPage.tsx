import { useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, StatusTag, useTranslation, type FilterValues } from "@zw/ui";
import { App as AntApp, Button, Drawer, Space, Tag } from "antd";
import { useState } from "react";
import { useDistricts, useFormat } from "../format.js";
import { CwVehicleDetailDocument, CwVehiclesDocument, type CwVehiclesQuery, type VehicleStatus } from "../graphql/generated.js";
import { NS } from "../module.js";
import { VehicleForm } from "./forms/VehicleForm.js";
import { History } from "./History.js";

type V = CwVehiclesQuery["spoilVehicles"]["edges"][number]["node"];

/** 运输车辆：统一技术标准、GPS 终端、当前有效准运证；登记与修改（工作人员）。 */
export function VehiclesPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const { options: districts } = useDistricts();
  const { viewer } = useViewer();
  const { message } = AntApp.useApp();
  const writer = canWrite(viewer, "construction") && !viewer?.org;
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<V | null>(null);
  const [form, setForm] = useState<"new" | "edit" | null>(null);
  const [refresh, setRefresh] = useState(0);
  const detail = useQuery(CwVehicleDetailDocument, { variables: { id: open?.id ?? "" }, skip: !open });
  const node = detail.data?.node && "plate" in detail.data.node ? detail.data.node : null;
  const filter = {
    districtId: (filters.districtId as string) || undefined,
    status: (filters.status as VehicleStatus) || undefined,
    standardCompliant: filters.compliant === "yes" ? true : filters.compliant === "no" ? false : undefined,
    search: (filters.search as string) || undefined,
  };
  const saved = () => {
    setForm(null);
    message.success(t("common.saved"));
    setRefresh((x) => x + 1);
    if (open) void detail.refetch();
  };
  return (
    <PageLayout
      title={t("vehicles.title")}
      subtitle={t("vehicles.subtitle")}
      testId="cw-vehicles"
      extra={
        <Space>
          {writer ? (
            <Button type="primary" onClick={() => setForm("new")} data-testid="cw-vehicle-new">
              {t("vehicles.new")}
            </Button>
          ) : null}
          <ExportButton name="construction.vehicles" filter={{ districtId: filter.districtId, status: filter.status, search: filter.search }} />
        </Space>
      }
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("vehicles.plate"), type: "text" },
            { name: "districtId", label: t("common.district"), type: "select", options: districts, allowAll: true },
            { name: "status", label: t("common.status"), type: "select", allowAll: true, options: ["ACTIVE", "SUSPENDED", "RETIRED"].map((s) => ({ value: s, label: t(`status.${s}`) })) },
            { name: "compliant", label: t("vehicles.standard"), type: "select", allowAll: true, options: [{ value: "yes", label: t("common.yes") }, { value: "no", label: t("common.no") }] },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="cw-vehicles-table"
        query={CwVehiclesDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.spoilVehicles}
        onRowClick={setOpen}
        columns={[
          { title: t("vehicles.plate"), dataIndex: "plate", key: "plate", render: (p: string) => <b data-testid="cw-vehicle-plate">{p}</b> },
          { title: t("vehicles.company"), key: "company", render: (_: unknown, v: V) => v.company?.name ?? "—" },
          { title: t("vehicles.kind"), dataIndex: "kind", key: "kind", render: (k: string) => t(`vehicleKind.${k}`) },
          { title: t("vehicles.load"), dataIndex: "loadM3", key: "load", align: "right" },
          { title: t("vehicles.terminal"), dataIndex: "terminalId", key: "terminal" },
          { title: t("vehicles.standard"), dataIndex: "standardCompliant", key: "std", render: (b: boolean) => (b ? <Tag color="green">{t("common.yes")}</Tag> : <Tag color="red">{t("common.no")}</Tag>) },
          { title: t("vehicles.permit"), key: "permit", render: (_: unknown, v: V) => (v.activePermit ? `${v.activePermit.number} (${f.day(v.activePermit.validTo)})` : "—") },
          { title: t("common.status"), dataIndex: "status", key: "status", render: (s: string) => <StatusTag status={s} ns={NS} /> },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open?.plate ?? ""}
        loading={detail.loading && !node}
        extra={
          writer && node ? (
            <Button size="small" onClick={() => setForm("edit")} data-testid="cw-vehicle-edit">
              {t("common.edit")}
            </Button>
          ) : null
        }
        items={
          node
            ? [
                { label: t("vehicles.company"), value: node.company?.name ?? "—" },
                { label: t("vehicles.kind"), value: t(`vehicleKind.${node.kind}`) },
                { label: t("vehicles.load"), value: `${node.loadM3} m³` },
                { label: t("vehicles.terminal"), value: node.terminalId ?? "—" },
                { label: t("vehicles.standard"), value: node.standardCompliant ? t("common.yes") : t("common.no") },
                { label: t("vehicles.permit"), value: node.activePermit ? `${node.activePermit.number} (${f.day(node.activePermit.validTo)})` : "—" },
                { label: t("common.status"), value: <StatusTag status={node.status} ns={NS} /> },
              ]
            : []
        }
      >
        <History entries={node?.history} />
      </DetailDrawer>
      <Drawer open={!!form} title={form === "edit" ? `${t("common.edit")} ${node?.plate ?? ""}` : t("vehicles.new")} onClose={() => setForm(null)} size={520} destroyOnHidden>
        {form === "new" ? (
          <VehicleForm onDone={saved} />
        ) : form === "edit" && node ? (
          <VehicleForm vehicleId={node.id} initial={{ loadM3: Number(node.loadM3), terminalId: node.terminalId ?? undefined, standardCompliant: node.standardCompliant, status: node.status }} onDone={saved} />
        ) : null}
      </Drawer>
    </PageLayout>
  );
}
