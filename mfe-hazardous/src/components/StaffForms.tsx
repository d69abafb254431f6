/** Staff forms of the census: report a hazard, record an inspection (with findings, hazards or a case). */
import { useMutation } from "@apollo/client/react";
import { useViewer } from "@zw/client";
import { ApiForm, useTranslation } from "@zw/ui";
import { Button, DatePicker, Form, Input, Select, Space, Switch } from "antd";
import { useState } from "react";
import { useDistrictOptions } from "../format.js";
import { HzRecordInspectionDocument, HzReportHazardDocument, type InspectionKind, type Severity } from "../graphql/generated.js";
import { NS } from "../module.js";
import { UnitPicker } from "./UnitPicker.js";

type Day = { format(f: string): string };
const CATEGORIES = ["STORAGE", "LABELLING", "LEDGER", "TRANSFER", "DISPOSAL", "POLLUTION_CONTROL", "OTHER"];
const SEVERITIES: Severity[] = ["HIGH", "MEDIUM", "LOW"];

export function ReportHazardForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation(NS);
  const [report] = useMutation(HzReportHazardDocument);
  const [form] = Form.useForm();
  return (
    <ApiForm<{ unitId: string; category: string; severity: Severity; description: string; responsibleUnit: string; foundOn: Day; deadline: Day }>
      form={form}
      initialValues={{ severity: "MEDIUM", category: "STORAGE" }}
      onSubmit={async (v) => (await report({ variables: { input: { ...v, foundOn: v.foundOn.format("YYYY-MM-DD"), deadline: v.deadline.format("YYYY-MM-DD") } } })).data?.reportHazard}
      onSuccess={onDone}
    >
      <Form.Item name="unitId" label={t("hazards.unit")} rules={[{ required: true }]}>
        <UnitPicker onChange={(id, name) => form.setFieldsValue({ unitId: id, responsibleUnit: form.getFieldValue("responsibleUnit") || name })} testId="hz-report-unit" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="category" label={t("hazards.category")} rules={[{ required: true }]}>
          <Select style={{ width: 160 }} options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="severity" label={t("hazards.severity")} rules={[{ required: true }]}>
          <Select style={{ width: 120 }} options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
        </Form.Item>
      </Space>
      <Form.Item name="description" label={t("hazards.description")} rules={[{ required: true }]}>
        <Input.TextArea />
      </Form.Item>
      <Form.Item name="responsibleUnit" label={t("hazards.responsible")} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="foundOn" label={t("hazards.foundOn")} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="deadline" label={t("hazards.deadline")} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Space>
    </ApiForm>
  );
}

export function RecordInspectionForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { viewer } = useViewer();
  const own = viewer?.district?.id;
  const districts = useDistrictOptions().filter((d) => !own || d.value === own);
  const [record] = useMutation(HzRecordInspectionDocument);
  const [withCase, setWithCase] = useState(false);
  const [form] = Form.useForm();
  return (
    <ApiForm<{ kind: InspectionKind; unitId?: string; subjectName: string; districtId: string; inspectedOn: Day; inspector: string; findings?: { item: string; description: string; serious?: boolean }[]; violationType?: string; fineYuan?: string }>
      form={form}
      initialValues={{ kind: "ROUTINE", districtId: own, findings: [] }}
      onSubmit={async (v) =>
        (
          await record({
            variables: {
              input: {
                kind: v.kind,
                unitId: v.unitId || null,
                subjectName: v.subjectName,
                districtId: v.districtId,
                inspectedOn: v.inspectedOn.format("YYYY-MM-DD"),
                inspector: v.inspector,
                findings: (v.findings ?? []).map((f) => ({ ...f, serious: !!f.serious })),
                openCase: withCase && v.violationType ? { violationType: v.violationType, fineYuan: v.fineYuan || undefined } : undefined,
              },
            },
          })
        ).data?.recordHazardousInspection
      }
      onSuccess={onDone}
    >
      <Form.Item name="kind" label={t("census.kind")} rules={[{ required: true }]}>
        <Select options={(["CENSUS", "ROUTINE", "PLASTIC_BAN", "HOTEL_SUPPLIES"] as const).map((k) => ({ value: k, label: t(`inspectionKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="unitId" label={t("census.unitOptional")}>
        <UnitPicker onChange={(id, name) => form.setFieldsValue({ unitId: id, subjectName: name })} />
      </Form.Item>
      <Form.Item name="subjectName" label={t("census.subject")} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
          <Select style={{ width: 140 }} options={districts} />
        </Form.Item>
        <Form.Item name="inspectedOn" label={t("census.inspectedOn")} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="inspector" label={t("census.inspector")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      </Space>
      <Form.List name="findings">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap>
                <Form.Item name={[f.name, "item"]} label={t("census.item")} rules={[{ required: true }]}>
                  <Input style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name={[f.name, "description"]} label={t("census.findings")} rules={[{ required: true }]}>
                  <Input style={{ width: 240 }} />
                </Form.Item>
                <Form.Item name={[f.name, "serious"]} label={t("census.serious")} valuePropName="checked">
                  <Switch />
                </Form.Item>
                <Button onClick={() => remove(f.name)}>{t("common.remove")}</Button>
              </Space>
            ))}
            <Button onClick={() => add({ serious: false })} style={{ marginBottom: 16 }}>
              {t("census.addFinding")}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item label={t("census.openCase")}>
        <Switch checked={withCase} onChange={setWithCase} />
      </Form.Item>
      {withCase ? (
        <Space wrap>
          <Form.Item name="violationType" label={t("census.violation")} rules={[{ required: true }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="fineYuan" label={t("census.fine")}>
            <Input style={{ width: 140 }} suffix="元" />
          </Form.Item>
        </Space>
      ) : null}
    </ApiForm>
  );
}
