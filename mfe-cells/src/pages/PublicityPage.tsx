import { useMutation, useQuery } from "@apollo/client/react";
import { ApiForm, ConnectionTable, ExportButton, FilterBar, PageLayout, localName, useLanguage, type FilterValues } from "@zw/ui";
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic } from "antd";
import { useMemo, useState } from "react";
import { currentQuarter, useDistrictOptions, useNs, useRole } from "../common.js";
import { PublicityActivitiesDocument, PublicitySummaryDocument, RecordPublicityActivityDocument, type PublicityActivitiesQuery, type PublicityFilter, type PublicityKind } from "../graphql/generated.js";

/** A date picker value (dayjs, through antd). */
type DateValue = { format(f: string): string };

const KINDS: PublicityKind[] = ["EVENT", "CAMPAIGN", "SCHOOL", "COMMUNITY", "MEDIA", "TRAINING"];
type Activity = PublicityActivitiesQuery["publicityActivities"]["edges"][number]["node"];

/** Publicity: activities with materials handed out and participants; totals and awareness for a year. */
export function PublicityPage() {
  const { t } = useNs();
  const lng = useLanguage();
  const role = useRole();
  const { message } = App.useApp();
  const [year, setYear] = useState(currentQuarter().year);
  const [filter, setFilter] = useState<FilterValues>({});
  const [refresh, setRefresh] = useState(0);
  const [recording, setRecording] = useState(false);
  const districtOptions = useDistrictOptions();
  const [record] = useMutation(RecordPublicityActivityDocument);
  const summary = useQuery(PublicitySummaryDocument, { variables: { from: `${year}-01-01`, to: `${year + 1}-01-01`, districtId: (filter.districtId as string) || undefined } });
  const variables = useMemo(() => {
    const f: PublicityFilter = { from: `${year}-01-01`, to: `${year + 1}-01-01` };
    if (filter.districtId) f.districtId = filter.districtId as string;
    if (filter.kind) f.kind = filter.kind as PublicityKind;
    return { filter: f };
  }, [filter, year]);
  const s = summary.data?.publicitySummary;
  return (
    <PageLayout
      title={t("pub.title")}
      subtitle={t("pub.subtitle")}
      testId="cells-publicity"
      extra={
        <Space>
          <Select value={year} onChange={setYear} options={[2021, 2022, 2023, 2024, 2025, 2026].map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />
          <ExportButton name="cells.publicity" filter={{ ...variables.filter }} />
          {role.writes ? (
            <Button type="primary" onClick={() => setRecording(true)}>
              {t("pub.record")}
            </Button>
          ) : null}
        </Space>
      }
      filters={
        <FilterBar
          value={filter}
          onChange={setFilter}
          fields={[
            { name: "districtId", label: t("common.district"), type: "select", options: districtOptions },
            { name: "kind", label: t("pub.kind"), type: "select", options: KINDS.map((k) => ({ value: k, label: t(`pub.kinds.${k}`) })) },
          ]}
        />
      }
    >
      <Card size="small" title={t("pub.summaryYear", { year })} data-testid="pub-summary">
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Statistic title={t("pub.activities")} value={s?.activities ?? 0} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t("pub.participants")} value={s?.participants ?? 0} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t("pub.posters")} value={s?.posters ?? 0} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t("pub.leaflets")} value={s?.leaflets ?? 0} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t("pub.awareness")} value={s?.awarenessPct ?? "—"} suffix={s?.awarenessPct ? "%" : undefined} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t("pub.satisfaction")} value={s?.satisfactionPct ?? "—"} suffix={s?.satisfactionPct ? "%" : undefined} />
          </Col>
        </Row>
      </Card>
      <ConnectionTable
        query={PublicityActivitiesDocument}
        variables={variables}
        select={(d) => d.publicityActivities}
        refreshToken={refresh}
        testId="publicity-table"
        columns={[
          { title: t("pub.activity"), dataIndex: "title" },
          { title: t("pub.kind"), render: (_, r: Activity) => t(`pub.kinds.${r.kind}`) },
          { title: t("common.district"), render: (_, r: Activity) => localName(r.district, lng) },
          { title: t("pub.organiser"), dataIndex: "organiser" },
          { title: t("pub.dates"), render: (_, r: Activity) => (r.startDate === r.endDate ? r.startDate : `${r.startDate} – ${r.endDate}`) },
          { title: t("pub.participants"), dataIndex: "participants", align: "right" },
          { title: t("pub.posters"), dataIndex: "posters", align: "right" },
          { title: t("pub.leaflets"), dataIndex: "leaflets", align: "right" },
        ]}
      />
      <Modal open={recording} title={t("pub.record")} footer={null} onCancel={() => setRecording(false)} destroyOnHidden>
        <ApiForm
          submitText={t("common.save")}
          initialValues={{ kind: "EVENT", participants: 0, posters: 0, leaflets: 0 }}
          onSubmit={async (v: Record<string, unknown>) => {
            const r = await record({
              variables: {
                input: {
                  title: v.title as string,
                  kind: v.kind as PublicityKind,
                  districtId: v.districtId as string,
                  organiser: v.organiser as string,
                  startDate: (v.startDate as DateValue).format("YYYY-MM-DD"),
                  endDate: ((v.endDate as DateValue | undefined) ?? (v.startDate as DateValue)).format("YYYY-MM-DD"),
                  location: (v.location as string) || undefined,
                  participants: v.participants as number,
                  posters: v.posters as number,
                  leaflets: v.leaflets as number,
                  description: (v.description as string) || undefined,
                },
              },
            });
            return r.data?.recordPublicityActivity;
          }}
          onSuccess={() => {
            message.success(t("pub.recorded"));
            setRecording(false);
            setRefresh((n) => n + 1);
            void summary.refetch();
          }}
        >
          <Form.Item name="title" label={t("pub.activity")} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="kind" label={t("pub.kind")} rules={[{ required: true }]}>
              <Select options={KINDS.map((k) => ({ value: k, label: t(`pub.kinds.${k}`) }))} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
              <Select options={districtOptions} style={{ width: 140 }} />
            </Form.Item>
          </Space>
          <Form.Item name="organiser" label={t("pub.organiser")} rules={[{ required: true }]}>
            <Input maxLength={80} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="startDate" label={t("pub.start")} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="endDate" label={t("pub.end")}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="location" label={t("pub.location")}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="participants" label={t("pub.participants")}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="posters" label={t("pub.posters")}>
              <InputNumber min={0} />
            </Form.Item>
            <Form.Item name="leaflets" label={t("pub.leaflets")}>
              <InputNumber min={0} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t("pub.description")}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </ApiForm>
      </Modal>
    </PageLayout>
  );
}
