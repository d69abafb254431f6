import { useMutation, useQuery } from "@apollo/client/react";
import { useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, ExportButton, FilterBar, PageLayout, StatusTag, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { Button, Drawer, Form, Input, InputNumber, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { districtName, num, useDateFormat, useDistrictOptions } from "../format.js";
import { HzCreateManifestDocument, HzManifestFormOptionsDocument, HzManifestsDocument, type HzManifestRowFragment, type ManifestState, type PhysicalForm } from "../graphql/generated.js";
import { NS } from "../module.js";

export const MANIFEST_STATES: ManifestState[] = ["DRAFT", "SUBMITTED", "PICKED_UP", "RECEIVED", "ACCEPTED", "PARTLY_REJECTED", "REJECTED", "DISPOSED", "CLOSED", "CANCELLED"];
const STATE_COLORS: Record<string, string> = { DRAFT: "default", SUBMITTED: "blue", PICKED_UP: "processing", RECEIVED: "cyan", ACCEPTED: "green", PARTLY_REJECTED: "orange", REJECTED: "red", DISPOSED: "purple", CLOSED: "success", CANCELLED: "default" };
export const stateColor = (s: string) => STATE_COLORS[s] ?? "default";

/** 转移联单列表：按状态、区县、编号筛选，游标分页，导出，移出人新建联单。 */
export function ManifestsPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const navigate = useNavigate();
  const fmt = useDateFormat();
  const districts = useDistrictOptions();
  const { viewer } = useViewer();
  const [filters, setFilters] = useState<FilterValues>(() => {
    const s = new URLSearchParams(window.location.search).get("state");
    return s ? { states: [s] } : {};
  });
  const [creating, setCreating] = useState(false);
  const filter = {
    states: (filters.states as ManifestState[] | undefined) ?? undefined,
    districtId: (filters.districtId as string | undefined) ?? undefined,
    number: (filters.number as string | undefined) ?? undefined,
    discrepancyFlagged: filters.flagged === "yes" ? true : undefined,
    createdFrom: (filters.created as string[] | undefined)?.[0],
    createdTo: (filters.created as string[] | undefined)?.[1],
  };
  const isProducer = viewer?.org?.kind === "hazardous.unit";
  return (
    <PageLayout
      title={t("manifests.title")}
      subtitle={t("manifests.subtitle")}
      testId="hz-manifests"
      extra={
        <Space>
          {isProducer || viewer?.role === "STAFF" ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="hz-manifest-new">
              {t("manifests.new")}
            </Button>
          ) : null}
          <ExportButton name="hazardous.manifests" filter={{ states: filter.states, districtId: filter.districtId, createdFrom: filter.createdFrom, createdTo: filter.createdTo }} />
        </Space>
      }
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "states", label: t("manifests.state"), type: "select", multiple: true, options: MANIFEST_STATES.map((s) => ({ value: s, label: t(`state.${s}`) })) },
            { name: "districtId", label: t("common.district"), type: "select", options: districts },
            { name: "number", label: t("manifests.number"), type: "text" },
            { name: "flagged", label: t("manifests.flagged"), type: "select", options: [{ value: "yes", label: t("manifests.flaggedOnly") }] },
            { name: "created", label: t("manifests.created"), type: "dateRange" },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="hz-manifests-table"
        query={HzManifestsDocument}
        variables={{ filter }}
        select={(d) => d.transferManifests}
        onRowClick={(m: HzManifestRowFragment) => navigate(`/manifests/${encodeURIComponent(m.id)}`)}
        columns={[
          { title: t("manifests.number"), dataIndex: "number", key: "number", render: (v: string) => <span data-testid="hz-manifest-number">{v}</span> },
          { title: t("manifests.state"), dataIndex: "state", key: "state", render: (s: string) => <Tag color={stateColor(s)} data-state={s}>{t(`state.${s}`)}</Tag> },
          { title: t("manifests.producer"), key: "producer", render: (_: unknown, m: HzManifestRowFragment) => m.producer.name },
          { title: t("manifests.carrier"), key: "carrier", render: (_: unknown, m: HzManifestRowFragment) => m.carrier.name },
          { title: t("manifests.receiver"), key: "receiver", render: (_: unknown, m: HzManifestRowFragment) => m.receiver.name },
          { title: t("manifests.declaredKg"), dataIndex: "declaredKg", key: "declared", align: "right", render: (v: string) => num(v) },
          {
            title: t("manifests.receivedKg"),
            key: "received",
            align: "right",
            render: (_: unknown, m: HzManifestRowFragment) => (
              <span>
                {num(m.receivedKg)}
                {m.discrepancyFlagged ? <StatusTag status="HIGH" color="red" /> : null}
              </span>
            ),
          },
          { title: t("common.district"), key: "district", render: (_: unknown, m: HzManifestRowFragment) => districtName(m.district, lng) },
          { title: t("manifests.created"), dataIndex: "createdAt", key: "createdAt", render: fmt.dateTime },
        ]}
      />
      <Drawer open={creating} onClose={() => setCreating(false)} title={t("manifests.new")} size={720} destroyOnHidden>
        <CreateManifestForm
          onCreated={(id) => {
            setCreating(false);
            navigate(`/manifests/${encodeURIComponent(id)}`);
          }}
        />
      </Drawer>
    </PageLayout>
  );
}

interface LineValues {
  wasteCode: string;
  physicalForm: PhysicalForm;
  packaging: string;
  packageCount: number;
  quantityKg: string;
}

function CreateManifestForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const opts = useQuery(HzManifestFormOptionsDocument);
  const [create] = useMutation(HzCreateManifestDocument);
  const [producerId, setProducerId] = useState<string | undefined>(undefined);
  const org = opts.data?.me.org;
  const producer = org?.kind === "hazardous.unit" ? org.id : producerId;
  return (
    <ApiForm<{ producerId?: string; carrierId: string; receiverId: string; lines: LineValues[] }>
      initialValues={{ lines: [{ wasteCode: "", physicalForm: "LIQUID", packaging: "", packageCount: 1, quantityKg: "" }] }}
      submitText={t("manifests.createDraft")}
      onSubmit={async (v) => {
        const r = await create({ variables: { input: { producerId: producer ?? v.producerId ?? "", carrierId: v.carrierId, receiverId: v.receiverId, lines: v.lines.map((l) => ({ ...l, packageCount: Number(l.packageCount), quantityKg: String(l.quantityKg) })) } } });
        return r.data?.createTransferManifest;
      }}
      onSuccess={(p) => onCreated((p as { manifest: { id: string } }).manifest.id)}
    >
      {org?.kind === "hazardous.unit" ? (
        <Form.Item label={t("manifests.producer")}>
          <Input value={org.name ?? ""} disabled />
        </Form.Item>
      ) : (
        <Form.Item name="producerId" label={t("manifests.producerId")} rules={[{ required: true }]}>
          <Input placeholder="HazardousUnit ID" onChange={(e) => setProducerId(e.target.value)} />
        </Form.Item>
      )}
      <Form.Item name="carrierId" label={t("manifests.carrier")} rules={[{ required: true }]}>
        <Select data-testid="hz-form-carrier" options={(opts.data?.hazardousCarriers ?? []).map((c) => ({ value: c.id, label: c.name }))} showSearch optionFilterProp="label" />
      </Form.Item>
      <Form.Item name="receiverId" label={t("manifests.receiver")} rules={[{ required: true }]}>
        <Select data-testid="hz-form-receiver" options={(opts.data?.hazardousFacilities ?? []).map((f) => ({ value: f.id, label: `${f.name}（${f.capacities.map((c) => c.category).join("、")}）` }))} showSearch optionFilterProp="label" />
      </Form.Item>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap data-testid="hz-form-line">
                <Form.Item name={[f.name, "wasteCode"]} label={t("manifests.wasteCode")} rules={[{ required: true }]}>
                  <Select style={{ width: 260 }} showSearch optionFilterProp="label" options={(opts.data?.hazardousWasteCodes ?? []).map((w) => ({ value: w.code, label: `${w.code} ${lng === "en" ? w.nameEn : w.nameZh}`.slice(0, 60) }))} />
                </Form.Item>
                <Form.Item name={[f.name, "physicalForm"]} label={t("manifests.form")} rules={[{ required: true }]}>
                  <Select style={{ width: 110 }} options={["SOLID", "SEMI_SOLID", "LIQUID", "GAS"].map((x) => ({ value: x, label: t(`form.${x}`) }))} />
                </Form.Item>
                <Form.Item name={[f.name, "packaging"]} label={t("manifests.packaging")} rules={[{ required: true }]}>
                  <Input style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name={[f.name, "packageCount"]} label={t("manifests.packages")} rules={[{ required: true }]}>
                  <InputNumber min={1} style={{ width: 80 }} />
                </Form.Item>
                <Form.Item name={[f.name, "quantityKg"]} label={t("manifests.quantityKg")} rules={[{ required: true }]}>
                  <Input style={{ width: 120 }} />
                </Form.Item>
                {fields.length > 1 ? <Button onClick={() => remove(f.name)}>{t("common.remove")}</Button> : null}
              </Space>
            ))}
            <Button onClick={() => add({ physicalForm: "SOLID", packageCount: 1 })}>{t("manifests.addLine")}</Button>
          </>
        )}
      </Form.List>
    </ApiForm>
  );
}
