import { useMutation, useQuery } from "@apollo/client/react";
import { ApiForm, useTranslation } from "@zw/ui";
import { Form, Input, InputNumber, Select, Switch } from "antd";
import { useState } from "react";
import { CwCompanyOptionsDocument, CwRegisterVehicleDocument, CwUpdateVehicleDocument, type VehicleKind, type VehicleStatus } from "../../graphql/generated.js";
import { NS } from "../../module.js";

/** GA 36 plate: province character, a letter, 5 or 6 letters/digits (no I or O). Same rule as the API. */
export const PLATE_RE = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警]$/;
export const normalisePlate = (p: string) => p.replace(/[\s·.-]/g, "").toUpperCase();

export interface VehicleValues {
  plate?: string;
  companyId?: string;
  kind?: VehicleKind;
  loadM3: number;
  terminalId?: string;
  standardCompliant: boolean;
  status?: VehicleStatus;
}

/** 登记车辆（车牌按 GA 36 校验）或修改车辆（载方、GPS 终端、技术标准、状态；报废不可恢复）。 */
export function VehicleForm({ vehicleId, initial, onDone }: { vehicleId?: string; initial?: Partial<VehicleValues>; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const [search, setSearch] = useState<string>();
  const companies = useQuery(CwCompanyOptionsDocument, { variables: { search }, skip: !!vehicleId });
  const [register] = useMutation(CwRegisterVehicleDocument);
  const [update] = useMutation(CwUpdateVehicleDocument);
  const editing = !!vehicleId;
  const retired = initial?.status === "RETIRED";
  return (
    <ApiForm<VehicleValues & Record<string, unknown>>
      initialValues={{ kind: "DUMP_TRUCK", standardCompliant: true, ...initial }}
      submitText={editing ? t("common.save") : t("vehicles.new")}
      onSubmit={async (v) => {
        const terminalId = v.terminalId?.trim() ? v.terminalId.trim() : undefined;
        if (editing) return (await update({ variables: { input: { id: vehicleId, loadM3: String(v.loadM3), terminalId: terminalId ?? null, standardCompliant: !!v.standardCompliant, status: v.status } } })).data?.updateSpoilVehicle;
        return (await register({ variables: { input: { plate: normalisePlate(v.plate ?? ""), companyId: v.companyId ?? "", kind: v.kind, loadM3: String(v.loadM3), terminalId, standardCompliant: !!v.standardCompliant } } })).data?.registerSpoilVehicle;
      }}
      onSuccess={() => onDone()}
    >
      {editing ? null : (
        <>
          <Form.Item
            name="plate"
            label={t("vehicles.plate")}
            extra={t("vehicles.plateHint")}
            rules={[{ required: true, message: t("form.required") }, { validator: async (_, v: string | undefined) => { if (v && !PLATE_RE.test(normalisePlate(v))) throw new Error(t("form.plate")); } }]}
          >
            <Input data-testid="cw-vehicle-plate-input" maxLength={12} />
          </Form.Item>
          <Form.Item name="companyId" label={t("vehicles.company")} rules={[{ required: true, message: t("form.required") }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={(s) => setSearch(s || undefined)}
              data-testid="cw-vehicle-company"
              options={(companies.data?.transportCompanies.edges ?? []).map((e) => ({ value: e.node.id, label: `${e.node.name}${e.node.qualificationStatus === "VALID" ? "" : ` (${t(`status.${e.node.qualificationStatus}`)})`}` }))}
            />
          </Form.Item>
          <Form.Item name="kind" label={t("vehicles.kind")}>
            <Select options={(["DUMP_TRUCK", "MUD_TANKER"] as const).map((k) => ({ value: k, label: t(`vehicleKind.${k}`) }))} />
          </Form.Item>
        </>
      )}
      <Form.Item name="loadM3" label={t("vehicles.load")} rules={[{ required: true, message: t("form.required") }]}>
        <InputNumber min={0.5} max={60} step={0.5} style={{ width: 200 }} suffix="m³" data-testid="cw-vehicle-load" />
      </Form.Item>
      <Form.Item name="terminalId" label={t("vehicles.terminal")} rules={[{ pattern: /^[A-Za-z0-9_-]{4,40}$/, message: t("form.terminal") }]}>
        <Input data-testid="cw-vehicle-terminal" maxLength={40} />
      </Form.Item>
      <Form.Item name="standardCompliant" label={t("vehicles.standard")} valuePropName="checked">
        <Switch data-testid="cw-vehicle-standard" />
      </Form.Item>
      {editing ? (
        <Form.Item name="status" label={t("common.status")}>
          <Select disabled={retired} data-testid="cw-vehicle-status" options={(["ACTIVE", "SUSPENDED", "RETIRED"] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        </Form.Item>
      ) : null}
    </ApiForm>
  );
}
