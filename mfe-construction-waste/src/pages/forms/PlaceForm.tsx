import { useMutation } from "@apollo/client/react";
import { ApiForm, useTranslation } from "@zw/ui";
import { Form, Input, InputNumber, Select, Space } from "antd";
import { useDistricts } from "../../format.js";
import { CwCreatePlaceDocument, CwUpdatePlaceDocument, type CapacityBasis, type CapacityUnit, type DisposalKind, type DisposalPlaceStatus } from "../../graphql/generated.js";
import { NS } from "../../module.js";

export const PLACE_KINDS: DisposalKind[] = ["DISPOSAL_SITE", "SOLIDIFICATION_CENTRE", "UTILISATION_PLANT", "WHARF", "GREEN_COMPLEX"];

export interface PlaceValues {
  name?: string;
  kind?: DisposalKind;
  districtId?: string;
  address?: string;
  lon?: number;
  lat?: number;
  geofence?: string;
  capacityBasis?: CapacityBasis;
  capacity: number | string;
  capacityUnit?: CapacityUnit;
  dailyCapacity?: number | string | null;
  alertThresholdPct?: number;
  openFrom?: string;
  status?: DisposalPlaceStatus;
}

const num = (v: number | string | null | undefined) => (v === null || v === undefined || v === "" ? undefined : String(v));

/**
 * 登记消纳场所（类型、位置与电子围栏、库容口径与单位、日处理能力、预警阈值、启用日期），或修改库容、日处理能力、阈值与状态。
 * The geofence is optional GeoJSON polygon coordinates; without it the API draws a 500 m square around the point.
 */
export function PlaceForm({ placeId, initial, onDone }: { placeId?: string; initial?: Partial<PlaceValues>; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { options: districts } = useDistricts();
  const [create] = useMutation(CwCreatePlaceDocument);
  const [update] = useMutation(CwUpdatePlaceDocument);
  const editing = !!placeId;
  return (
    <ApiForm<PlaceValues & Record<string, unknown>>
      initialValues={{ kind: "DISPOSAL_SITE", capacityBasis: "TOTAL", capacityUnit: "M3", alertThresholdPct: 90, lon: 120.58, lat: 30.0, ...initial }}
      submitText={editing ? t("common.save") : t("places.new")}
      onSubmit={async (v) => {
        if (editing) return (await update({ variables: { input: { id: placeId, capacity: num(v.capacity), dailyCapacity: num(v.dailyCapacity) ?? null, alertThresholdPct: v.alertThresholdPct, status: v.status } } })).data?.updateDisposalPlace;
        let geofence: unknown;
        if (v.geofence?.trim()) {
          try {
            geofence = JSON.parse(v.geofence);
          } catch {
            return { userErrors: [{ field: "input.geofence", message: t("form.json") }] };
          }
        }
        return (
          await create({
            variables: {
              input: {
                name: (v.name ?? "").trim(),
                kind: v.kind ?? "DISPOSAL_SITE",
                districtId: v.districtId ?? "",
                address: v.address?.trim() || undefined,
                lon: Number(v.lon),
                lat: Number(v.lat),
                geofence,
                capacityBasis: v.capacityBasis ?? "TOTAL",
                capacity: num(v.capacity) ?? "",
                capacityUnit: v.capacityUnit ?? "M3",
                dailyCapacity: num(v.dailyCapacity),
                alertThresholdPct: v.alertThresholdPct,
                openFrom: v.openFrom ?? "",
              },
            },
          })
        ).data?.createDisposalPlace;
      }}
      onSuccess={() => onDone()}
    >
      {editing ? null : (
        <>
          <Form.Item name="name" label={t("common.name")} rules={[{ required: true, message: t("form.required") }]}>
            <Input data-testid="cw-place-name" maxLength={100} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="kind" label={t("places.kind")} rules={[{ required: true }]}>
              <Select style={{ width: 200 }} options={PLACE_KINDS.map((k) => ({ value: k, label: t(`placeKind.${k}`) }))} data-testid="cw-place-kind" />
            </Form.Item>
            <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true, message: t("form.required") }]}>
              <Select style={{ width: 160 }} options={districts} data-testid="cw-place-district" />
            </Form.Item>
          </Space>
          <Form.Item name="address" label={t("companies.address")}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="lon" label={t("sites.lon")} rules={[{ required: true }]}>
              <InputNumber min={119.9} max={121.4} step={0.001} />
            </Form.Item>
            <Form.Item name="lat" label={t("sites.lat")} rules={[{ required: true }]}>
              <InputNumber min={29.2} max={30.4} step={0.001} />
            </Form.Item>
          </Space>
          <Form.Item name="geofence" label={t("places.geofence")} extra={t("places.geofenceHint")}>
            <Input.TextArea rows={2} data-testid="cw-place-geofence" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="capacityBasis" label={t("places.basis")}>
              <Select style={{ width: 160 }} options={(["TOTAL", "ANNUAL"] as const).map((b) => ({ value: b, label: t(`basis.${b}`) }))} />
            </Form.Item>
            <Form.Item name="capacityUnit" label={t("places.unit")}>
              <Select style={{ width: 100 }} options={[{ value: "M3", label: "m³" }, { value: "T", label: t("unit.t") }]} />
            </Form.Item>
            <Form.Item name="openFrom" label={t("places.openFrom")} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t("form.date") }]}>
              <Input type="date" data-testid="cw-place-openFrom" />
            </Form.Item>
          </Space>
        </>
      )}
      <Space wrap>
        <Form.Item name="capacity" label={t("places.capacity")} rules={[{ required: true, message: t("form.required") }]}>
          <InputNumber min={1} style={{ width: 200 }} data-testid="cw-place-capacity" stringMode />
        </Form.Item>
        <Form.Item name="dailyCapacity" label={t("places.daily")}>
          <InputNumber min={1} style={{ width: 160 }} data-testid="cw-place-daily" stringMode />
        </Form.Item>
        <Form.Item name="alertThresholdPct" label={t("places.threshold")}>
          <InputNumber min={50} max={100} suffix="%" data-testid="cw-place-threshold" />
        </Form.Item>
      </Space>
      {editing ? (
        <Form.Item name="status" label={t("common.status")}>
          <Select style={{ width: 160 }} data-testid="cw-place-status" options={(["OPEN", "FULL", "CLOSED"] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        </Form.Item>
      ) : null}
    </ApiForm>
  );
}
