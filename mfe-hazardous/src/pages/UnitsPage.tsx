import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { Button, Drawer, Form, Input, Select, Switch, Tag } from "antd";
import { useState } from "react";
import { districtName, num, useDateFormat, useDistrictOptions } from "../format.js";
import { HzRegisterUnitDocument, HzUnitDetailDocument, HzUnitsDocument, HzUpdateUnitDocument, type HazardousUnitKind, type HzUnitsQuery } from "../graphql/generated.js";
import { NS } from "../module.js";

type Unit = HzUnitsQuery["hazardousUnits"]["edges"][number]["node"];
export const UNIT_KINDS: HazardousUnitKind[] = ["ENTERPRISE", "LABORATORY", "AUTO_REPAIR", "HOSPITAL", "SCHOOL", "OTHER_SOCIAL"];

/** 产废单位名录（动态清单）：企业与社会源，按区县、类型、小微筛选；登记新单位（校验统一社会信用代码）；导出。 */
export function UnitsPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const districts = useDistrictOptions();
  const { viewer } = useViewer();
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<Unit | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Unit | null>(null);
  const writable = canWrite(viewer, "hazardous") && !viewer?.org;
  const [refresh, setRefresh] = useState(0);
  const detail = useQuery(HzUnitDetailDocument, { variables: { id: open?.id ?? "" }, skip: !open });
  const filter = {
    districtId: (filters.districtId as string | undefined) ?? undefined,
    kinds: (filters.kinds as HazardousUnitKind[] | undefined) ?? undefined,
    smallMicro: filters.size === "small" ? true : filters.size === "large" ? false : undefined,
    social: filters.group === "social" ? true : filters.group === "industrial" ? false : undefined,
    search: (filters.search as string | undefined) ?? undefined,
    active: filters.active === "no" ? false : filters.active === "all" ? undefined : true,
  };
  const openHazards = detail.data?.node && "openHazards" in detail.data.node ? detail.data.node.openHazards : null;
  return (
    <PageLayout
      title={t("units.title")}
      subtitle={t("units.subtitle")}
      testId="hz-units"
      extra={
        <>
          {canWrite(viewer, "hazardous") && !viewer?.org ? (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="hz-unit-new">
              {t("units.new")}
            </Button>
          ) : null}
          <ExportButton name="hazardous.units" filter={{ districtId: filter.districtId, kinds: filter.kinds, smallMicro: filter.smallMicro }} />
        </>
      }
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("units.search"), type: "text" },
            { name: "districtId", label: t("common.district"), type: "select", options: districts },
            { name: "group", label: t("units.group"), type: "select", options: [{ value: "industrial", label: t("units.industrial") }, { value: "social", label: t("units.social") }] },
            { name: "kinds", label: t("units.kind"), type: "select", multiple: true, options: UNIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })) },
            { name: "size", label: t("units.size"), type: "select", options: [{ value: "small", label: t("units.small") }, { value: "large", label: t("units.large") }] },
            { name: "active", label: t("units.listStatus"), type: "select", options: [{ value: "no", label: t("units.offList") }, { value: "all", label: t("units.all") }] },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="hz-units-table"
        query={HzUnitsDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.hazardousUnits}
        onRowClick={setOpen}
        columns={[
          { title: t("units.name"), dataIndex: "name", key: "name", render: (n: string, u: Unit) => <>{n}{u.active ? null : <Tag style={{ marginLeft: 6 }} data-testid="hz-unit-off">{t("units.offList")}</Tag>}</> },
          { title: t("units.creditCode"), dataIndex: "creditCode", key: "code", render: (v: string) => <code>{v}</code> },
          { title: t("units.kind"), dataIndex: "kind", key: "kind", render: (k: string, u: Unit) => <>{t(`kind.${k}`)}{u.smallMicro ? <Tag color="blue" style={{ marginLeft: 6 }}>{t("units.small")}</Tag> : null}</> },
          { title: t("units.industry"), dataIndex: "industry", key: "industry" },
          { title: t("common.district"), key: "district", render: (_: unknown, u: Unit) => districtName(u.district, lng) },
          { title: t("units.annual"), dataIndex: "annualGenerationT", key: "annual", align: "right", render: (v: string) => num(v) },
          { title: t("units.registeredOn"), dataIndex: "registeredOn", key: "reg", render: fmt.date },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open?.name ?? ""}
        extra={
          writable && open ? (
            <Button data-testid="hz-unit-edit" onClick={() => setEditing(open)}>
              {t("registers.editAction")}
            </Button>
          ) : null
        }
        items={
          open
            ? [
                { label: t("units.creditCode"), value: open.creditCode },
                { label: t("units.kind"), value: t(`kind.${open.kind}`) },
                { label: t("units.small"), value: open.smallMicro ? t("common.yes") : t("common.no") },
                { label: t("units.industry"), value: open.industry },
                { label: t("units.address"), value: open.address },
                { label: t("units.contact"), value: `${open.contact} ${open.phone}` },
                { label: t("common.district"), value: districtName(open.district, lng) },
                { label: t("units.annual"), value: num(open.annualGenerationT) },
                { label: t("units.censusOn"), value: fmt.date(open.censusCheckedOn) },
                { label: t("units.openHazards"), value: openHazards ?? "…" },
              ]
            : []
        }
      />
      <Drawer open={!!editing} title={t("units.edit")} onClose={() => setEditing(null)} size={560} destroyOnHidden>
        {editing ? (
          <UpdateUnitForm
            unit={editing}
            onDone={() => {
              setEditing(null);
              setOpen(null);
              setRefresh((x) => x + 1);
            }}
          />
        ) : null}
      </Drawer>
      <Drawer open={adding} title={t("units.new")} onClose={() => setAdding(false)} size={560} destroyOnHidden>
        <RegisterUnitForm
          onDone={() => {
            setAdding(false);
            setRefresh((x) => x + 1);
          }}
        />
      </Drawer>
    </PageLayout>
  );
}

function RegisterUnitForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { viewer } = useViewer();
  const own = viewer?.district?.id;
  // District staff register units of their own district only.
  const districts = useDistrictOptions().filter((d) => !own || d.value === own);
  const [register] = useMutation(HzRegisterUnitDocument);
  return (
    <ApiForm<{ name: string; creditCode: string; kind: HazardousUnitKind; smallMicro: boolean; districtId: string; industry?: string; address?: string }>
      initialValues={{ kind: "ENTERPRISE", smallMicro: false, districtId: own }}
      onSubmit={async (v) => (await register({ variables: { input: { ...v, smallMicro: !!v.smallMicro, creditCode: v.creditCode.trim().toUpperCase() } } })).data?.registerHazardousUnit}
      onSuccess={onDone}
    >
      <Form.Item name="name" label={t("units.name")} rules={[{ required: true }]}>
        <Input data-testid="hz-unit-name" />
      </Form.Item>
      <Form.Item name="creditCode" label={t("units.creditCode")} rules={[{ required: true, len: 18 }]} extra={t("units.creditCodeHint")}>
        <Input data-testid="hz-unit-code" maxLength={18} />
      </Form.Item>
      <Form.Item name="kind" label={t("units.kind")} rules={[{ required: true }]}>
        <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="smallMicro" label={t("units.small")} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
        <Select data-testid="hz-unit-district" options={districts} />
      </Form.Item>
      <Form.Item name="industry" label={t("units.industry")}>
        <Input />
      </Form.Item>
      <Form.Item name="address" label={t("units.address")}>
        <Input />
      </Form.Item>
    </ApiForm>
  );
}

type UnitEdit = { name: string; kind: HazardousUnitKind; smallMicro: boolean; industry: string; address: string; contact: string; phone: string; annualGenerationT: string; active: boolean };

/** 修改单位（动态清单：更名、类型、规模、联系人、年产生量，停产注销时移出名录）。只提交改动的字段。 */
export function UpdateUnitForm({ unit, onDone }: { unit: Unit; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const [update] = useMutation(HzUpdateUnitDocument);
  const initial: UnitEdit = { name: unit.name, kind: unit.kind as HazardousUnitKind, smallMicro: unit.smallMicro, industry: unit.industry, address: unit.address, contact: unit.contact, phone: unit.phone, annualGenerationT: unit.annualGenerationT ?? "", active: unit.active };
  return (
    <ApiForm<UnitEdit>
      initialValues={initial}
      onSubmit={async (v) => {
        const changes = Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== undefined && x !== initial[k as keyof UnitEdit] && !(k === "annualGenerationT" && x === "")));
        return (await update({ variables: { input: { id: unit.id, ...changes } } })).data?.updateHazardousUnit;
      }}
      onSuccess={onDone}
    >
      <Form.Item name="name" label={t("units.name")} rules={[{ required: true }]}>
        <Input data-testid="hz-unit-edit-name" />
      </Form.Item>
      <Form.Item name="kind" label={t("units.kind")}>
        <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="smallMicro" label={t("units.small")} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="industry" label={t("units.industry")}>
        <Input />
      </Form.Item>
      <Form.Item name="address" label={t("units.address")}>
        <Input />
      </Form.Item>
      <Form.Item name="contact" label={t("units.contact")}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label={t("registers.phone")}>
        <Input />
      </Form.Item>
      <Form.Item name="annualGenerationT" label={t("units.annual")}>
        <Input suffix="t" />
      </Form.Item>
      <Form.Item name="active" label={t("units.onList")} valuePropName="checked" extra={t("units.onListHint")}>
        <Switch data-testid="hz-unit-edit-active" />
      </Form.Item>
    </ApiForm>
  );
}
