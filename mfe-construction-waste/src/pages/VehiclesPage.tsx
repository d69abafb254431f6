import { ConnectionTable, ExportButton, FilterBar, PageLayout, StatusTag, useTranslation, type FilterValues } from "@zw/ui";
import { Tag } from "antd";
import { useState } from "react";
import { useDistricts, useFormat } from "../format.js";
import { CwVehiclesDocument, type CwVehiclesQuery, type VehicleStatus } from "../graphql/generated.js";
import { NS } from "../module.js";

type V = CwVehiclesQuery["spoilVehicles"]["edges"][number]["node"];

/** 运输车辆：统一技术标准、GPS 终端、当前有效准运证。 */
export function VehiclesPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const { options: districts } = useDistricts();
  const [filters, setFilters] = useState<FilterValues>({});
  const filter = {
    districtId: (filters.districtId as string) || undefined,
    status: (filters.status as VehicleStatus) || undefined,
    standardCompliant: filters.compliant === "yes" ? true : filters.compliant === "no" ? false : undefined,
    search: (filters.search as string) || undefined,
  };
  return (
    <PageLayout
      title={t("vehicles.title")}
      subtitle={t("vehicles.subtitle")}
      testId="cw-vehicles"
      extra={<ExportButton name="construction.vehicles" filter={{ districtId: filter.districtId, status: filter.status, search: filter.search }} />}
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
        select={(d) => d.spoilVehicles}
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
    </PageLayout>
  );
}
