import { useQuery } from "@apollo/client/react";
import { ConnectionTable, ExportButton, FilterBar, PageLayout, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { Table, Tabs, Tag } from "antd";
import { useState } from "react";
import { districtName, num, useDateFormat } from "../format.js";
import { HzCarriersDocument, HzPeopleDocument, HzVehiclesDocument, type HzPeopleQuery, type HzVehiclesQuery, type TransportRole } from "../graphql/generated.js";
import { NS } from "../module.js";

type V = HzVehiclesQuery["transportVehicles"]["edges"][number]["node"];
type P = HzPeopleQuery["transportPeople"]["edges"][number]["node"];

export function ExpiryTag({ days, valid }: { days: number; valid: boolean }) {
  const { t } = useTranslation(NS);
  if (!valid) return <Tag color="red" data-testid="hz-expired">{t("transport.expiredDays", { days: -days })}</Tag>;
  if (days <= 30) return <Tag color="orange" data-testid="hz-expiring">{t("transport.expiresIn", { days })}</Tag>;
  return <Tag color="green">{t("transport.valid")}</Tag>;
}

/** 危货运输监管：运输企业、车辆、驾驶员与押运员及其证照有效期（过期不可绑定联单）；持证接受单位。 */
export function TransportPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const carriers = useQuery(HzCarriersDocument);
  const [filters, setFilters] = useState<FilterValues>({});
  const filter = {
    carrierId: (filters.carrierId as string | undefined) ?? undefined,
    expiringWithinDays: filters.expiry ? Number(filters.expiry) : undefined,
    search: (filters.search as string | undefined) ?? undefined,
  };
  const carrierOptions = (carriers.data?.hazardousCarriers ?? []).map((c) => ({ value: c.id, label: c.name }));
  const bar = (
    <FilterBar
      value={filters}
      onChange={setFilters}
      fields={[
        { name: "carrierId", label: t("transport.carrier"), type: "select", options: carrierOptions },
        { name: "expiry", label: t("transport.expiry"), type: "select", options: [{ value: "0", label: t("transport.expiredOnly") }, { value: "30", label: t("transport.within30") }, { value: "90", label: t("transport.within90") }] },
        { name: "search", label: t("transport.search"), type: "text" },
      ]}
    />
  );
  return (
    <PageLayout title={t("transport.title")} subtitle={t("transport.subtitle")} testId="hz-transport">
      <Tabs
        items={[
          {
            key: "vehicles",
            label: t("transport.vehicles"),
            children: (
              <>
                {bar}
                <div style={{ textAlign: "right", margin: "8px 0" }}>
                  <ExportButton name="hazardous.vehicles" filter={{ carrierId: filter.carrierId }} />
                </div>
                <ConnectionTable
                  testId="hz-vehicles-table"
                  query={HzVehiclesDocument}
                  variables={{ filter }}
                  select={(d) => d.transportVehicles}
                  columns={[
                    { title: t("transport.plate"), dataIndex: "plate", key: "plate" },
                    { title: t("transport.carrier"), key: "c", render: (_: unknown, v: V) => v.carrier.name },
                    { title: t("transport.type"), dataIndex: "vehicleType", key: "type" },
                    { title: t("transport.load"), dataIndex: "loadKg", key: "load", align: "right", render: (x: string) => num(x) },
                    { title: t("transport.licenceNo"), dataIndex: "licenceNo", key: "no" },
                    { title: t("transport.validTo"), dataIndex: "licenceValidTo", key: "to", render: fmt.date },
                    { title: t("transport.status"), key: "s", render: (_: unknown, v: V) => <ExpiryTag days={v.licenceDaysLeft} valid={v.licenceValid} /> },
                    { title: t("transport.terminal"), dataIndex: "terminalId", key: "term" },
                  ]}
                />
              </>
            ),
          },
          {
            key: "people",
            label: t("transport.people"),
            children: (
              <>
                {bar}
                <div style={{ textAlign: "right", margin: "8px 0" }}>
                  <ExportButton name="hazardous.people" />
                </div>
                <ConnectionTable
                  testId="hz-people-table"
                  query={HzPeopleDocument}
                  variables={{ filter: { ...filter, role: (filters.role as TransportRole | undefined) ?? undefined } }}
                  select={(d) => d.transportPeople}
                  columns={[
                    { title: t("transport.name"), dataIndex: "name", key: "name" },
                    { title: t("transport.role"), dataIndex: "role", key: "role", render: (r: string) => t(`transport.${r}`) },
                    { title: t("transport.carrier"), key: "c", render: (_: unknown, p: P) => p.carrier.name },
                    { title: t("transport.qualification"), dataIndex: "qualificationNo", key: "no" },
                    { title: t("transport.validTo"), dataIndex: "qualificationValidTo", key: "to", render: fmt.date },
                    { title: t("transport.status"), key: "s", render: (_: unknown, p: P) => <ExpiryTag days={p.licenceDaysLeft} valid={p.licenceValid} /> },
                  ]}
                />
              </>
            ),
          },
          {
            key: "carriers",
            label: t("transport.carriers"),
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                data-testid="hz-carriers-table"
                dataSource={carriers.data?.hazardousCarriers ?? []}
                columns={[
                  { title: t("transport.carrier"), dataIndex: "name" },
                  { title: t("transport.permit"), dataIndex: "permitNo" },
                  { title: t("transport.validTo"), dataIndex: "permitValidTo", render: fmt.date },
                  { title: t("transport.vehicleCount"), dataIndex: "vehicleCount", align: "right" },
                  { title: t("transport.personCount"), dataIndex: "personCount", align: "right" },
                  { title: t("common.district"), render: (_: unknown, c) => districtName(c.district, lng) },
                ]}
              />
            ),
          },
          {
            key: "facilities",
            label: t("transport.facilities"),
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={carriers.data?.hazardousFacilities ?? []}
                columns={[
                  { title: t("transport.facility"), dataIndex: "name" },
                  { title: t("transport.licenceNo"), dataIndex: "licenceNo" },
                  { title: t("transport.validTo"), dataIndex: "licenceValidTo", render: fmt.date },
                  { title: t("transport.capacities"), render: (_: unknown, f) => f.capacities.map((c) => <Tag key={`${c.category}-${c.method}-${c.startsOn}`}>{`${c.category} ${t(`method.${c.method}`)} ${num(c.tonnesPerYear)} t/a`}</Tag>) },
                  { title: t("common.district"), render: (_: unknown, f) => districtName(f.district, lng) },
                ]}
              />
            ),
          },
        ]}
      />
    </PageLayout>
  );
}
