/**
 * Forms of the transport registers: carrier, vehicle, person (create and edit), and licence renewal.
 * Licence numbers and expiry are set at registration and changed only by renewal (the API's rule).
 */
import { useMutation, useQuery } from "@apollo/client/react";
import { useViewer } from "@zw/client";
import { ApiForm, useTranslation } from "@zw/ui";
import { DatePicker, Form, Input, Select, Switch } from "antd";
import { useDistrictOptions } from "../format.js";
import {
  HzCarriersDocument,
  HzRegisterCarrierDocument,
  HzRegisterPersonDocument,
  HzRegisterVehicleDocument,
  HzRenewLicenceDocument,
  HzUpdateCarrierDocument,
  HzUpdatePersonDocument,
  HzUpdateVehicleDocument,
  type TransportRole,
} from "../graphql/generated.js";
import { NS } from "../module.js";

/** A DatePicker value (a dayjs object) → "YYYY-MM-DD" (the API's day format). */
export type Dayjs = { format(f: string): string };
export const dayOf = (d: Dayjs | string | null | undefined): string => (!d ? "" : typeof d === "string" ? d : d.format("YYYY-MM-DD"));

export interface CarrierRow {
  id: string;
  name: string;
  district?: { id: string } | null;
}
export interface VehicleRow {
  id: string;
  plate: string;
  vehicleType: string;
  loadKg: string;
  terminalId?: string | null;
  active: boolean;
}
export interface PersonRow {
  id: string;
  name: string;
  phone: string;
  active: boolean;
}

export function CarrierForm({ carrier, onDone }: { carrier?: CarrierRow | null; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { viewer } = useViewer();
  const own = viewer?.district?.id;
  const districts = useDistrictOptions().filter((d) => !own || d.value === own);
  const [register] = useMutation(HzRegisterCarrierDocument);
  const [update] = useMutation(HzUpdateCarrierDocument);
  type V = { name: string; creditCode?: string; districtId: string; permitNo?: string; permitValidTo?: Dayjs };
  return (
    <ApiForm<V>
      initialValues={{ name: carrier?.name, districtId: carrier?.district?.id ?? own }}
      onSubmit={async (v) =>
        carrier
          ? (await update({ variables: { input: { id: carrier.id, name: v.name, districtId: v.districtId } } })).data?.updateCarrier
          : (await register({ variables: { input: { name: v.name, creditCode: (v.creditCode ?? "").trim().toUpperCase(), districtId: v.districtId, permitNo: v.permitNo ?? "", permitValidTo: dayOf(v.permitValidTo) } } })).data?.registerCarrier
      }
      onSuccess={onDone}
    >
      <Form.Item name="name" label={t("transport.carrier")} rules={[{ required: true, min: 2 }]}>
        <Input data-testid="hz-carrier-name" />
      </Form.Item>
      {carrier ? null : (
        <Form.Item name="creditCode" label={t("units.creditCode")} rules={[{ required: true, len: 18 }]}>
          <Input data-testid="hz-carrier-code" maxLength={18} />
        </Form.Item>
      )}
      <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
        <Select options={districts} data-testid="hz-carrier-district" />
      </Form.Item>
      {carrier ? null : (
        <>
          <Form.Item name="permitNo" label={t("transport.permit")} rules={[{ required: true, min: 4 }]}>
            <Input data-testid="hz-carrier-permit" />
          </Form.Item>
          <Form.Item name="permitValidTo" label={t("transport.validTo")} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </>
      )}
    </ApiForm>
  );
}

function useCarrierOptions() {
  const q = useQuery(HzCarriersDocument);
  return (q.data?.hazardousCarriers ?? []).map((c) => ({ value: c.id, label: c.name }));
}

export function VehicleForm({ vehicle, onDone }: { vehicle?: VehicleRow | null; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const carriers = useCarrierOptions();
  const [register] = useMutation(HzRegisterVehicleDocument);
  const [update] = useMutation(HzUpdateVehicleDocument);
  type V = { carrierId?: string; plate?: string; vehicleType?: string; loadKg: string; terminalId?: string; licenceNo?: string; licenceValidTo?: Dayjs; active?: boolean };
  return (
    <ApiForm<V>
      initialValues={vehicle ? { vehicleType: vehicle.vehicleType, loadKg: vehicle.loadKg, terminalId: vehicle.terminalId ?? "", active: vehicle.active } : { active: true }}
      onSubmit={async (v) =>
        vehicle
          ? (await update({ variables: { input: { id: vehicle.id, vehicleType: v.vehicleType ?? "", loadKg: v.loadKg, terminalId: v.terminalId ?? "", active: !!v.active } } })).data?.updateTransportVehicle
          : (
              await register({
                variables: {
                  input: { carrierId: v.carrierId ?? "", plate: (v.plate ?? "").trim().toUpperCase(), vehicleType: v.vehicleType || undefined, loadKg: v.loadKg, terminalId: v.terminalId || undefined, licenceNo: v.licenceNo ?? "", licenceValidTo: dayOf(v.licenceValidTo) },
                },
              })
            ).data?.registerTransportVehicle
      }
      onSuccess={onDone}
    >
      {vehicle ? (
        <p data-testid="hz-vehicle-edit-plate">{vehicle.plate}</p>
      ) : (
        <>
          <Form.Item name="carrierId" label={t("transport.carrier")} rules={[{ required: true }]}>
            <Select options={carriers} data-testid="hz-vehicle-carrier" />
          </Form.Item>
          <Form.Item name="plate" label={t("transport.plate")} rules={[{ required: true }]} extra={t("registers.plateHint")}>
            <Input data-testid="hz-vehicle-plate" />
          </Form.Item>
        </>
      )}
      <Form.Item name="vehicleType" label={t("transport.type")}>
        <Input />
      </Form.Item>
      <Form.Item name="loadKg" label={t("transport.load")} rules={[{ required: true, pattern: /^\d{1,11}(\.\d{1,3})?$/, message: t("registers.kgHint") }]}>
        <Input suffix="kg" data-testid="hz-vehicle-load" />
      </Form.Item>
      <Form.Item name="terminalId" label={t("transport.terminal")}>
        <Input />
      </Form.Item>
      {vehicle ? (
        <Form.Item name="active" label={t("registers.inService")} valuePropName="checked">
          <Switch data-testid="hz-vehicle-active" />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="licenceNo" label={t("registers.transportCertificate")} rules={[{ required: true, min: 4 }]}>
            <Input data-testid="hz-vehicle-licence" />
          </Form.Item>
          <Form.Item name="licenceValidTo" label={t("transport.validTo")} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </>
      )}
    </ApiForm>
  );
}

export function PersonForm({ person, onDone }: { person?: PersonRow | null; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const carriers = useCarrierOptions();
  const [register] = useMutation(HzRegisterPersonDocument);
  const [update] = useMutation(HzUpdatePersonDocument);
  type V = { carrierId?: string; name: string; role?: TransportRole; qualificationNo?: string; qualificationValidTo?: Dayjs; phone?: string; active?: boolean };
  return (
    <ApiForm<V>
      initialValues={person ? { name: person.name, phone: person.phone, active: person.active } : { role: "DRIVER" }}
      onSubmit={async (v) =>
        person
          ? (await update({ variables: { input: { id: person.id, name: v.name, phone: v.phone ?? "", active: !!v.active } } })).data?.updateTransportPerson
          : (
              await register({
                variables: { input: { carrierId: v.carrierId ?? "", name: v.name, role: v.role ?? "DRIVER", qualificationNo: v.qualificationNo ?? "", qualificationValidTo: dayOf(v.qualificationValidTo), phone: v.phone || undefined } },
              })
            ).data?.registerTransportPerson
      }
      onSuccess={onDone}
    >
      {person ? null : (
        <>
          <Form.Item name="carrierId" label={t("transport.carrier")} rules={[{ required: true }]}>
            <Select options={carriers} data-testid="hz-person-carrier" />
          </Form.Item>
          <Form.Item name="role" label={t("transport.role")} rules={[{ required: true }]}>
            <Select options={(["DRIVER", "ESCORT"] as const).map((r) => ({ value: r, label: t(`transport.${r}`) }))} />
          </Form.Item>
        </>
      )}
      <Form.Item name="name" label={t("transport.name")} rules={[{ required: true }]}>
        <Input data-testid="hz-person-name" />
      </Form.Item>
      <Form.Item name="phone" label={t("registers.phone")}>
        <Input data-testid="hz-person-phone" />
      </Form.Item>
      {person ? (
        <Form.Item name="active" label={t("registers.employed")} valuePropName="checked">
          <Switch data-testid="hz-person-active" />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="qualificationNo" label={t("transport.qualification")} rules={[{ required: true, min: 4 }]}>
            <Input data-testid="hz-person-qualification" />
          </Form.Item>
          <Form.Item name="qualificationValidTo" label={t("transport.validTo")} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </>
      )}
    </ApiForm>
  );
}

/** Renewal of one licence (vehicle, person, carrier, facility or collection operator — any ID the API takes). */
export function RenewLicenceForm({ id, label, current, onDone }: { id: string; label: string; current?: string; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const [renew] = useMutation(HzRenewLicenceDocument);
  return (
    <ApiForm<{ number: string; validTo?: Dayjs }>
      initialValues={{ number: current ?? "" }}
      onSubmit={async (v) => (await renew({ variables: { input: { id, number: v.number, validTo: dayOf(v.validTo) } } })).data?.renewHazardousLicence}
      onSuccess={onDone}
      submitText={t("registers.renew")}
    >
      <p data-testid="hz-renew-subject">{label}</p>
      <Form.Item name="number" label={t("registers.newNumber")} rules={[{ required: true, min: 4 }]}>
        <Input data-testid="hz-renew-number" />
      </Form.Item>
      <Form.Item name="validTo" label={t("transport.validTo")} rules={[{ required: true }]}>
        <DatePicker data-testid="hz-renew-date" />
      </Form.Item>
    </ApiForm>
  );
}
