import { useMutation } from "@apollo/client/react";
import { errorMessage } from "@zw/client";
import { ApiForm, ConnectionTable, ExportButton, FilterBar, PageLayout, localName, useLanguage, type FilterValues } from "@zw/ui";
import { App, Button, Form, Input, Modal, Select } from "antd";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { CellsStatus, fmtDate, useCellTypes, useDistrictOptions, useNs, useRole } from "../common.js";
import { CellUnitsDocument, CreateCellUnitDocument, StartCellApplicationDocument, type CellUnitFilter, type CellUnitStatus, type UnitRowFragment } from "../graphql/generated.js";

const STATUSES: CellUnitStatus[] = ["NONE", "APPLYING", "CERTIFIED", "EXPIRED", "REVOKED"];

/** Units: the register of organisations applying to become cells; staff register them and apply on their behalf. */
export function UnitsPage() {
  const { t } = useNs();
  const lng = useLanguage();
  const role = useRole();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<FilterValues>({});
  const [refresh, setRefresh] = useState(0);
  const [creating, setCreating] = useState(false);
  const { types } = useCellTypes();
  const districtOptions = useDistrictOptions();
  const [create] = useMutation(CreateCellUnitDocument);
  const [start] = useMutation(StartCellApplicationDocument);
  const variables = useMemo(() => {
    const f: CellUnitFilter = {};
    if (filter.districtId) f.districtId = filter.districtId as string;
    if (filter.cellTypeId) f.cellTypeId = filter.cellTypeId as string;
    if (filter.cellStatus) f.cellStatus = filter.cellStatus as CellUnitStatus[];
    if (filter.search) f.search = filter.search as string;
    return { filter: f };
  }, [filter]);

  const apply = async (u: UnitRowFragment) => {
    try {
      const r = await start({ variables: { unitId: u.id } });
      const p = r.data?.startCellApplication;
      if (p?.userErrors.length) message.error(p.userErrors.map((e) => e.message).join("；"));
      else if (p?.application) {
        message.success(t("home.started", { number: p.application.number }));
        navigate(`/applications?open=${encodeURIComponent(p.application.id)}`);
      }
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <PageLayout
      title={t("units.title")}
      subtitle={t("units.subtitle")}
      testId="cells-units"
      extra={
        <>
          {role.reads ? <ExportButton name="cells.units" filter={variables.filter as Record<string, unknown>} /> : null}
          {role.writes ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="unit-register">
              {t("units.register")}
            </Button>
          ) : null}
        </>
      }
      filters={
        <FilterBar
          value={filter}
          onChange={setFilter}
          fields={[
            { name: "districtId", label: t("common.district"), type: "select", options: districtOptions },
            { name: "cellTypeId", label: t("common.cellType"), type: "select", options: types.map((x) => ({ value: x.id, label: localName(x, lng) })) },
            { name: "cellStatus", label: t("common.status"), type: "select", multiple: true, options: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
            { name: "search", label: t("units.name"), type: "text" },
          ]}
        />
      }
    >
      <ConnectionTable
        query={CellUnitsDocument}
        variables={variables}
        select={(d) => d.cellUnits}
        refreshToken={refresh}
        testId="units-table"
        columns={[
          { title: t("units.name"), dataIndex: "name" },
          { title: t("common.cellType"), render: (_, r: UnitRowFragment) => localName(r.cellType, lng) },
          { title: t("common.district"), render: (_, r: UnitRowFragment) => localName(r.district, lng) },
          { title: t("common.status"), render: (_, r: UnitRowFragment) => <CellsStatus status={r.cellStatus} /> },
          { title: t("units.certificateNo"), dataIndex: "certificateNo", render: (v: string | null) => v ?? "—" },
          { title: t("units.certifiedUntil"), render: (_, r: UnitRowFragment) => fmtDate(r.certifiedUntil, lng) },
          { title: t("units.contact"), render: (_, r: UnitRowFragment) => `${r.contactName} ${r.contactPhone}` },
          ...(role.writes
            ? [
                {
                  title: t("common.actions"),
                  render: (_: unknown, r: UnitRowFragment) =>
                    r.cellStatus !== "APPLYING" ? (
                      <Button size="small" onClick={() => void apply(r)} data-testid="unit-start">
                        {t("units.apply")}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Modal open={creating} title={t("units.register")} footer={null} onCancel={() => setCreating(false)} destroyOnHidden>
        <ApiForm
          submitText={t("common.save")}
          onSubmit={async (v: Record<string, unknown>) => {
            const r = await create({ variables: { input: { name: v.name as string, cellTypeId: v.cellTypeId as string, districtId: v.districtId as string, address: (v.address as string) || undefined, lon: (v.lon as string) || undefined, lat: (v.lat as string) || undefined, contactName: (v.contactName as string) || undefined, contactPhone: (v.contactPhone as string) || undefined } } });
            return r.data?.createCellUnit;
          }}
          onSuccess={(p) => {
            const u = (p as { unit?: { name: string } }).unit;
            message.success(t("units.registered", { name: u?.name ?? "" }));
            setCreating(false);
            setRefresh((n) => n + 1);
          }}
        >
          <Form.Item name="name" label={t("units.name")} rules={[{ required: true }]}>
            <Input maxLength={80} data-testid="unit-name-input" />
          </Form.Item>
          <Form.Item name="cellTypeId" label={t("common.cellType")} rules={[{ required: true }]}>
            <Select options={types.map((x) => ({ value: x.id, label: localName(x, lng) }))} />
          </Form.Item>
          <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
            <Select options={districtOptions} />
          </Form.Item>
          <Form.Item name="address" label={t("units.address")}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="lon" label={t("units.lon")}>
            <Input placeholder="120.58" />
          </Form.Item>
          <Form.Item name="lat" label={t("units.lat")}>
            <Input placeholder="30.00" />
          </Form.Item>
          <Form.Item name="contactName" label={t("units.contact")}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t("units.phone")}>
            <Input maxLength={20} />
          </Form.Item>
        </ApiForm>
      </Modal>
    </PageLayout>
  );
}
