import { useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ConnectionTable, ExportButton, FilterBar, PageLayout, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { Button, Drawer, Space, Table, Tabs, Tag } from "antd";
import { useState, type ReactNode } from "react";
import { CarrierForm, PersonForm, RenewLicenceForm, VehicleForm } from "../components/TransportForms.js";
import { districtName, num, useDateFormat } from "../format.js";
import { HzCarrierListDocument, HzCarriersDocument, HzPeopleDocument, HzVehiclesDocument, type HzCarrierListQuery, type HzPeopleQuery, type HzVehiclesQuery, type TransportRole } from "../graphql/generated.js";
import { NS } from "../module.js";

type V = HzVehiclesQuery["transportVehicles"]["edges"][number]["node"];
type P = HzPeopleQuery["transportPeople"]["edges"][number]["node"];
type C = HzCarrierListQuery["transportCarriers"]["edges"][number]["node"];

export function ExpiryTag({ days, valid }: { days: number; valid: boolean }) {
  const { t } = useTranslation(NS);
  if (!valid) return <Tag color="red" data-testid="hz-expired">{t("transport.expiredDays", { days: -days })}</Tag>;
  if (days <= 30) return <Tag color="orange" data-testid="hz-expiring">{t("transport.expiresIn", { days })}</Tag>;
  return <Tag color="green">{t("transport.valid")}</Tag>;
}

type Editing =
  | { kind: "carrier"; row: C | null }
  | { kind: "vehicle"; row: V | null }
  | { kind: "person"; row: P | null }
  | { kind: "renew"; id: string; label: string; current: string };

/**
 * 危货运输监管：运输企业、车辆、驾驶员与押运员（登记、修改、停运/离职、证照续期）及其证照有效期
 * （过期或停运不可绑定联单）；持证接受单位（续期）。
 */
export function TransportPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { viewer } = useViewer();
  const carriers = useQuery(HzCarriersDocument);
  const [filters, setFilters] = useState<FilterValues>({});
  const [editing, setEditing] = useState<Editing | null>(null);
  const [refresh, setRefresh] = useState(0);
  const writable = canWrite(viewer, "hazardous") && !viewer?.org;
  const filter = {
    carrierId: (filters.carrierId as string | undefined) ?? undefined,
    expiringWithinDays: filters.expiry ? Number(filters.expiry) : undefined,
    search: (filters.search as string | undefined) ?? undefined,
    active: filters.active === "yes" ? true : filters.active === "no" ? false : undefined,
  };
  const carrierOptions = (carriers.data?.hazardousCarriers ?? []).map((c) => ({ value: c.id, label: c.name }));
  const expiryOptions = [
    { value: "0", label: t("transport.expiredOnly") },
    { value: "30", label: t("transport.within30") },
    { value: "90", label: t("transport.within90") },
  ];
  const bar = (
    <FilterBar
      value={filters}
      onChange={setFilters}
      fields={[
        { name: "carrierId", label: t("transport.carrier"), type: "select", options: carrierOptions },
        { name: "expiry", label: t("transport.expiry"), type: "select", options: expiryOptions },
        { name: "search", label: t("transport.search"), type: "text" },
        { name: "active", label: t("registers.inService"), type: "select", options: [{ value: "yes", label: t("common.yes") }, { value: "no", label: t("common.no") }] },
      ]}
    />
  );
  const done = () => {
    setEditing(null);
    setRefresh((x) => x + 1);
    void carriers.refetch();
  };
  const renewButton = (id: string, label: string, current: string, testId: string) =>
    writable ? (
      <Button size="small" data-testid={testId} onClick={() => setEditing({ kind: "renew", id, label, current })}>
        {t("registers.renew")}
      </Button>
    ) : null;
  const add = (label: string, e: Editing, testId: string): ReactNode =>
    writable ? (
      <Button type="primary" data-testid={testId} onClick={() => setEditing(e)}>
        {label}
      </Button>
    ) : null;
  const inactive = (active: boolean, word: string) => (active ? null : <Tag data-testid="hz-inactive">{word}</Tag>);

  const drawerTitle = !editing
    ? ""
    : editing.kind === "renew"
      ? t("registers.renewTitle")
      : t(editing.row ? `registers.edit.${editing.kind}` : `registers.new.${editing.kind}`);

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
                <Space style={{ display: "flex", justifyContent: "flex-end", margin: "8px 0" }}>
                  {add(t("registers.new.vehicle"), { kind: "vehicle", row: null }, "hz-vehicle-new")}
                  <ExportButton name="hazardous.vehicles" filter={{ carrierId: filter.carrierId }} />
                </Space>
                <ConnectionTable
                  testId="hz-vehicles-table"
                  query={HzVehiclesDocument}
                  variables={{ filter }}
                  refreshToken={refresh}
                  select={(d) => d.transportVehicles}
                  columns={[
                    { title: t("transport.plate"), dataIndex: "plate", key: "plate", render: (p: string, v: V) => <>{p} {inactive(v.active, t("registers.outOfService"))}</> },
                    { title: t("transport.carrier"), key: "c", render: (_: unknown, v: V) => v.carrier.name },
                    { title: t("transport.type"), dataIndex: "vehicleType", key: "type" },
                    { title: t("transport.load"), dataIndex: "loadKg", key: "load", align: "right", render: (x: string) => num(x) },
                    { title: t("transport.licenceNo"), dataIndex: "licenceNo", key: "no" },
                    { title: t("transport.validTo"), dataIndex: "licenceValidTo", key: "to", render: fmt.date },
                    { title: t("transport.status"), key: "s", render: (_: unknown, v: V) => <ExpiryTag days={v.licenceDaysLeft} valid={v.licenceValid} /> },
                    { title: t("transport.terminal"), dataIndex: "terminalId", key: "term" },
                    ...(writable
                      ? [
                          {
                            title: "",
                            key: "act",
                            render: (_: unknown, v: V) => (
                              <Space size={4}>
                                <Button size="small" data-testid="hz-vehicle-edit" onClick={() => setEditing({ kind: "vehicle", row: v })}>
                                  {t("registers.editAction")}
                                </Button>
                                {renewButton(v.id, v.plate, v.licenceNo, "hz-vehicle-renew")}
                              </Space>
                            ),
                          },
                        ]
                      : []),
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
                <Space style={{ display: "flex", justifyContent: "flex-end", margin: "8px 0" }}>
                  {add(t("registers.new.person"), { kind: "person", row: null }, "hz-person-new")}
                  <ExportButton name="hazardous.people" />
                </Space>
                <ConnectionTable
                  testId="hz-people-table"
                  query={HzPeopleDocument}
                  variables={{ filter: { ...filter, role: (filters.role as TransportRole | undefined) ?? undefined } }}
                  refreshToken={refresh}
                  select={(d) => d.transportPeople}
                  columns={[
                    { title: t("transport.name"), dataIndex: "name", key: "name", render: (n: string, p: P) => <>{n} {inactive(p.active, t("registers.left"))}</> },
                    { title: t("transport.role"), dataIndex: "role", key: "role", render: (r: string) => t(`transport.${r}`) },
                    { title: t("transport.carrier"), key: "c", render: (_: unknown, p: P) => p.carrier.name },
                    { title: t("registers.phone"), dataIndex: "phone", key: "phone" },
                    { title: t("transport.qualification"), dataIndex: "qualificationNo", key: "no" },
                    { title: t("transport.validTo"), dataIndex: "qualificationValidTo", key: "to", render: fmt.date },
                    { title: t("transport.status"), key: "s", render: (_: unknown, p: P) => <ExpiryTag days={p.licenceDaysLeft} valid={p.licenceValid} /> },
                    ...(writable
                      ? [
                          {
                            title: "",
                            key: "act",
                            render: (_: unknown, p: P) => (
                              <Space size={4}>
                                <Button size="small" data-testid="hz-person-edit" onClick={() => setEditing({ kind: "person", row: p })}>
                                  {t("registers.editAction")}
                                </Button>
                                {renewButton(p.id, `${p.name}（${t(`transport.${p.role}`)}）`, p.qualificationNo, "hz-person-renew")}
                              </Space>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              </>
            ),
          },
          {
            key: "carriers",
            label: t("transport.carriers"),
            children: <CarriersTab refresh={refresh} writable={writable} onEdit={(row) => setEditing({ kind: "carrier", row })} renewButton={renewButton} />,
          },
          {
            key: "facilities",
            label: t("transport.facilities"),
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                data-testid="hz-facilities-table"
                dataSource={carriers.data?.hazardousFacilities ?? []}
                columns={[
                  { title: t("transport.facility"), dataIndex: "name" },
                  { title: t("transport.licenceNo"), dataIndex: "licenceNo" },
                  { title: t("transport.validTo"), dataIndex: "licenceValidTo", render: fmt.date },
                  { title: t("transport.capacities"), render: (_: unknown, f) => f.capacities.map((c) => <Tag key={`${c.category}-${c.method}-${c.startsOn}`}>{`${c.category} ${t(`method.${c.method}`)} ${num(c.tonnesPerYear)} t/a`}</Tag>) },
                  { title: t("common.district"), render: (_: unknown, f) => districtName(f.district, lng) },
                  ...(writable ? [{ title: "", key: "act", render: (_: unknown, f: { id: string; name: string; licenceNo: string }) => renewButton(f.id, f.name, f.licenceNo, "hz-facility-renew") }] : []),
                ]}
              />
            ),
          },
        ]}
      />
      <Drawer open={!!editing} title={drawerTitle} onClose={() => setEditing(null)} size={560} destroyOnHidden>
        {editing?.kind === "carrier" ? <CarrierForm carrier={editing.row} onDone={done} /> : null}
        {editing?.kind === "vehicle" ? <VehicleForm vehicle={editing.row} onDone={done} /> : null}
        {editing?.kind === "person" ? <PersonForm person={editing.row} onDone={done} /> : null}
        {editing?.kind === "renew" ? <RenewLicenceForm id={editing.id} label={editing.label} current={editing.current} onDone={done} /> : null}
      </Drawer>
    </PageLayout>
  );
}

function CarriersTab({ refresh, writable, onEdit, renewButton }: { refresh: number; writable: boolean; onEdit: (row: C | null) => void; renewButton: (id: string, label: string, current: string, testId: string) => ReactNode }) {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const [filters, setFilters] = useState<FilterValues>({});
  const filter = { search: (filters.search as string | undefined) ?? undefined, expiringWithinDays: filters.expiry ? Number(filters.expiry) : undefined };
  return (
    <>
      <FilterBar
        value={filters}
        onChange={setFilters}
        fields={[
          { name: "search", label: t("registers.carrierSearch"), type: "text" },
          { name: "expiry", label: t("transport.permit"), type: "select", options: [{ value: "0", label: t("transport.expiredOnly") }, { value: "30", label: t("transport.within30") }, { value: "90", label: t("transport.within90") }] },
        ]}
      />
      <Space style={{ display: "flex", justifyContent: "flex-end", margin: "8px 0" }}>
        {writable ? (
          <Button type="primary" data-testid="hz-carrier-new" onClick={() => onEdit(null)}>
            {t("registers.new.carrier")}
          </Button>
        ) : null}
        <ExportButton name="hazardous.carriers" />
      </Space>
      <ConnectionTable
        testId="hz-carriers-table"
        query={HzCarrierListDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.transportCarriers}
        columns={[
          { title: t("transport.carrier"), dataIndex: "name", key: "name" },
          { title: t("units.creditCode"), dataIndex: "creditCode", key: "code", render: (v: string) => <code>{v}</code> },
          { title: t("transport.permit"), dataIndex: "permitNo", key: "permit" },
          { title: t("transport.validTo"), dataIndex: "permitValidTo", key: "to", render: fmt.date },
          { title: t("transport.status"), key: "s", render: (_: unknown, c: C) => <ExpiryTag days={c.permitDaysLeft} valid={c.permitValid} /> },
          { title: t("transport.vehicleCount"), dataIndex: "vehicleCount", key: "v", align: "right" },
          { title: t("transport.personCount"), dataIndex: "personCount", key: "p", align: "right" },
          { title: t("common.district"), key: "d", render: (_: unknown, c: C) => districtName(c.district, lng) },
          ...(writable
            ? [
                {
                  title: "",
                  key: "act",
                  render: (_: unknown, c: C) => (
                    <Space size={4}>
                      <Button size="small" data-testid="hz-carrier-edit" onClick={() => onEdit(c)}>
                        {t("registers.editAction")}
                      </Button>
                      {renewButton(c.id, c.name, c.permitNo, "hz-carrier-renew")}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
