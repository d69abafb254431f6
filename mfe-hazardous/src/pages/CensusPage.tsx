import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, PageLayout, useLanguage, useTranslation } from "@zw/ui";
import { Button, DatePicker, Drawer, Form, Input, Select, Space, Table, Tabs, Tag } from "antd";
import { RecordInspectionForm } from "../components/StaffForms.js";
import { dayOf, type Dayjs } from "../components/TransportForms.js";
import { UnitPicker } from "../components/UnitPicker.js";
import { useState } from "react";
import { districtName, useDateFormat, useDistrictOptions } from "../format.js";
import { HzInspectionsDocument, HzRecordTrainingDocument, HzTrainingAttendeesDocument, HzTrainingDocument, type HzInspectionsQuery, type HzTrainingQuery, type InspectionKind } from "../graphql/generated.js";
import { NS } from "../module.js";

type Training = HzTrainingQuery["trainingSessions"]["edges"][number]["node"];
type Insp = HzInspectionsQuery["hazardousInspections"]["edges"][number]["node"];

/** 大排查：培训批次与签到人次；检查记录（排查、日常、禁塑限塑、酒店一次性用品），含发现的问题与立案。 */
export function CensusPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const [kind, setKind] = useState<InspectionKind | "ALL">("ALL");
  const [recording, setRecording] = useState(false);
  const [training, setTraining] = useState(false);
  const [openSession, setOpenSession] = useState<Training | null>(null);
  const [refresh, setRefresh] = useState(0);
  const { viewer } = useViewer();
  const staff = canWrite(viewer, "hazardous") && !viewer?.org;
  return (
    <PageLayout
      title={t("census.title")}
      subtitle={t("census.subtitle")}
      testId="hz-census"
      extra={
        staff ? (
          <Space>
            <Button onClick={() => setTraining(true)} data-testid="hz-training-new">
              {t("census.recordTraining")}
            </Button>
            <Button type="primary" onClick={() => setRecording(true)} data-testid="hz-inspection-new">
              {t("census.record")}
            </Button>
          </Space>
        ) : null
      }
    >
      <Drawer open={recording} title={t("census.record")} onClose={() => setRecording(false)} size={720} destroyOnHidden>
        <RecordInspectionForm
          onDone={() => {
            setRecording(false);
            setRefresh((x) => x + 1);
          }}
        />
      </Drawer>
      <Drawer open={training} title={t("census.recordTraining")} onClose={() => setTraining(false)} size={720} destroyOnHidden>
        <RecordTrainingForm
          onDone={() => {
            setTraining(false);
            setRefresh((x) => x + 1);
          }}
        />
      </Drawer>
      <Drawer open={!!openSession} title={openSession?.title ?? ""} onClose={() => setOpenSession(null)} size={560} destroyOnHidden>
        {openSession ? <Attendees id={openSession.id} /> : null}
      </Drawer>
      <Tabs
        items={[
          {
            key: "training",
            label: t("census.training"),
            children: (
              <ConnectionTable
                testId="hz-training-table"
                query={HzTrainingDocument}
                refreshToken={refresh}
                onRowClick={setOpenSession}
                select={(d) => d.trainingSessions}
                columns={[
                  { title: t("census.session"), dataIndex: "title", key: "title" },
                  { title: t("census.heldOn"), dataIndex: "heldOn", key: "heldOn", render: fmt.date },
                  { title: t("census.trainer"), dataIndex: "trainer", key: "trainer" },
                  { title: t("census.attendees"), dataIndex: "attendeeCount", key: "n", align: "right" },
                  { title: t("common.district"), key: "d", render: (_: unknown, s: Training) => districtName(s.district, lng) },
                ]}
              />
            ),
          },
          {
            key: "inspections",
            label: t("census.inspections"),
            children: (
              <>
                <Tabs
                  size="small"
                  activeKey={kind}
                  onChange={(k) => setKind(k as InspectionKind | "ALL")}
                  items={(["ALL", "CENSUS", "ROUTINE", "PLASTIC_BAN", "HOTEL_SUPPLIES"] as const).map((k) => ({ key: k, label: t(`inspectionKind.${k}`) }))}
                />
                <ConnectionTable
                  testId="hz-inspections-table"
                  query={HzInspectionsDocument}
                  variables={{ filter: kind === "ALL" ? {} : { kind } }}
                  refreshToken={refresh}
                  select={(d) => d.hazardousInspections}
                  columns={[
                    { title: t("census.inspectedOn"), dataIndex: "inspectedOn", key: "on", render: fmt.date },
                    { title: t("census.kind"), dataIndex: "kind", key: "kind", render: (k: string) => t(`inspectionKind.${k}`) },
                    { title: t("census.subject"), dataIndex: "subjectName", key: "s" },
                    { title: t("census.findings"), key: "f", render: (_: unknown, i: Insp) => (i.findingCount ? i.findings.map((f, k) => <Tag key={k} color={f.serious ? "red" : "orange"}>{f.description}</Tag>) : <Tag color="green">{t("census.noFindings")}</Tag>) },
                    { title: t("census.case"), key: "c", render: (_: unknown, i: Insp) => (i.case ? `${i.case.number}` : "—") },
                    { title: t("census.inspector"), dataIndex: "inspector", key: "by" },
                    { title: t("common.district"), key: "d", render: (_: unknown, i: Insp) => districtName(i.district, lng) },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </PageLayout>
  );
}

function Attendees({ id }: { id: string }) {
  const { t } = useTranslation(NS);
  const q = useQuery(HzTrainingAttendeesDocument, { variables: { id } });
  const node = q.data?.node && "attendees" in q.data.node ? q.data.node : null;
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.personName}-${r.unitName ?? ""}`}
      loading={q.loading}
      data-testid="hz-attendees"
      pagination={{ pageSize: 50 }}
      dataSource={node?.attendees ?? []}
      columns={[
        { title: t("census.person"), dataIndex: "personName" },
        { title: t("census.role"), dataIndex: "role" },
        { title: t("census.unit"), dataIndex: "unitName", render: (v: string | null) => v ?? "—" },
      ]}
    />
  );
}

type TrainingValues = { title: string; districtId: string; heldOn?: Dayjs; trainer?: string; attendees: { personName: string; role?: string; unitId?: string }[]; bulk?: string };

/** Splits pasted attendee lines "姓名,岗位" (one a line) into attendees. */
export function parseAttendees(text: string): { personName: string; role?: string }[] {
  return text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name, role] = l.split(/[,，\t]/).map((x) => x.trim());
      return role ? { personName: name!, role } : { personName: name! };
    });
}

/** 记录培训批次与签到：逐个添加参训人员（可选所属单位），或粘贴名单（每行“姓名,岗位”）。 */
export function RecordTrainingForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { viewer } = useViewer();
  const own = viewer?.district?.id;
  const districts = useDistrictOptions().filter((d) => !own || d.value === own);
  const [record] = useMutation(HzRecordTrainingDocument);
  return (
    <ApiForm<TrainingValues>
      initialValues={{ districtId: own, attendees: [{ personName: "" }] }}
      onSubmit={async (v) => {
        const listed = (v.attendees ?? []).filter((a) => a?.personName?.trim()).map((a) => ({ personName: a.personName.trim(), role: a.role || undefined, unitId: a.unitId || undefined }));
        const attendees = [...listed, ...parseAttendees(v.bulk ?? "")];
        return (await record({ variables: { input: { title: v.title, districtId: v.districtId, heldOn: dayOf(v.heldOn), trainer: v.trainer || undefined, attendees } } })).data?.recordTrainingSession;
      }}
      onSuccess={onDone}
    >
      <Form.Item name="title" label={t("census.session")} rules={[{ required: true }]}>
        <Input data-testid="hz-training-title" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
          <Select options={districts} style={{ minWidth: 160 }} data-testid="hz-training-district" />
        </Form.Item>
        <Form.Item name="heldOn" label={t("census.heldOn")} rules={[{ required: true }]}>
          <DatePicker data-testid="hz-training-date" />
        </Form.Item>
        <Form.Item name="trainer" label={t("census.trainer")}>
          <Input />
        </Form.Item>
      </Space>
      <Form.List name="attendees">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start">
                <Form.Item name={[f.name, "personName"]} label={i === 0 ? t("census.person") : undefined}>
                  <Input data-testid={`hz-attendee-${i}`} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[f.name, "role"]} label={i === 0 ? t("census.role") : undefined}>
                  <Input style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[f.name, "unitId"]} label={i === 0 ? t("census.unit") : undefined} style={{ width: 240 }}>
                  <UnitPicker />
                </Form.Item>
                <Button onClick={() => remove(f.name)} style={{ marginTop: i === 0 ? 30 : 0 }}>
                  {t("common.remove")}
                </Button>
              </Space>
            ))}
            <Button onClick={() => add({ personName: "" })} style={{ marginBottom: 16 }}>
              {t("census.addAttendee")}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="bulk" label={t("census.bulk")} extra={t("census.bulkHint")}>
        <Input.TextArea rows={4} data-testid="hz-training-bulk" />
      </Form.Item>
    </ApiForm>
  );
}
