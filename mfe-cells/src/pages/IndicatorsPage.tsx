import { useMutation, useQuery } from "@apollo/client/react";
import { ApiForm, DetailDrawer, ErrorState, ExportButton, LoadingState, PageLayout, localName, useLanguage, LineChart } from "@zw/ui";
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { CellsStatus, currentQuarter, fmtDecimal, useDistrictOptions, useDistricts, useNs, useRole } from "../common.js";
import { IndicatorBoardDocument, IndicatorGroupsDocument, IndicatorSeriesDocument, ReportIndicatorActualDocument, type IndicatorBoardQuery } from "../graphql/generated.js";

type Row = IndicatorBoardQuery["indicatorBoard"]["rows"][number];

/** The indicator board: targets against the latest values, their standing; series per indicator; reporting. */
export function IndicatorsPage() {
  const { t } = useNs();
  const lng = useLanguage();
  const role = useRole();
  const now = currentQuarter();
  const [year, setYear] = useState(Math.min(now.year, 2026));
  const [districtId, setDistrictId] = useState<string | undefined>();
  const [groupId, setGroupId] = useState<string | undefined>();
  const [mine, setMine] = useState(false);
  const [open, setOpen] = useState<Row | null>(null);
  const [reporting, setReporting] = useState<Row | null>(null);
  const districtOptions = useDistrictOptions(true);
  const { districts } = useDistricts();
  const cityId = districts.find((d) => d.level === "CITY")?.id;
  const groups = useQuery(IndicatorGroupsDocument);
  const q = useQuery(IndicatorBoardDocument, { variables: { year, districtId, groupId } });
  const board = q.data?.indicatorBoard;
  const rows = useMemo(() => (board?.rows ?? []).filter((r) => !mine || r.indicator.mine), [board, mine]);
  const s = board?.summary;

  return (
    <PageLayout
      title={t("ind.title")}
      subtitle={t("ind.subtitle")}
      testId="cells-indicators"
      extra={role.reads ? <ExportButton name="cells.indicatorBoard" filter={{ year, districtId }} /> : null}
      filters={
        <Space wrap>
          <Select value={year} onChange={setYear} options={[2021, 2022, 2023, 2024, 2025, 2026].map((y) => ({ value: y, label: `${y}` }))} style={{ width: 100 }} data-testid="ind-year" />
          {role.districtCode ? null : <Select allowClear placeholder={t("common.city")} value={districtId} onChange={setDistrictId} options={districtOptions} style={{ width: 160 }} data-testid="ind-district" />}
          <Select allowClear placeholder={t("ind.group")} value={groupId} onChange={setGroupId} options={(groups.data?.indicatorGroups ?? []).map((g) => ({ value: g.id, label: localName(g, lng) }))} style={{ width: 220 }} />
          <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="ind-mine">
            {t("ind.mineOnly")}
          </Checkbox>
        </Space>
      }
    >
      {q.loading && !q.data ? (
        <LoadingState />
      ) : q.error && !q.data ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : board ? (
        <>
          {s ? (
            <Alert
              type="info"
              showIcon
              data-testid="ind-summary"
              title={t("ind.summary", { pct: s.onTrackSharePct ?? "—", good: s.achieved + s.onTrack, data: s.total - s.noData, noData: s.noData })}
              description={t("ind.rule")}
            />
          ) : null}
          <Card size="small" title={`${localName(board.district, lng)} · ${board.year}`}>
            <Table
              size="small"
              rowKey={(r) => r.indicator.id}
              dataSource={rows}
              pagination={false}
              data-testid="ind-table"
              scroll={{ x: "max-content" }}
              onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: "pointer" } })}
              columns={[
                { title: t("ind.group"), render: (_, r) => localName(r.indicator.group, lng), width: 140 },
                {
                  title: t("ind.indicator"),
                  render: (_, r) => (
                    <Space size={4} wrap>
                      <span data-testid="ind-name">{localName(r.indicator, lng)}</span>
                      {r.indicator.mandatory ? <Tag color="blue">{t("ind.mandatory")}</Tag> : null}
                    </Space>
                  ),
                },
                { title: t("ind.unit"), render: (_, r) => r.indicator.unit },
                { title: t("ind.direction"), render: (_, r) => t(`ind.${r.indicator.direction}`) },
                { title: t("ind.target"), align: "right", render: (_, r) => fmtDecimal(r.target) },
                { title: t("ind.latest"), align: "right", render: (_, r) => (r.latestValue == null ? "—" : `${fmtDecimal(r.latestValue)}（Q${r.latestQuarter}）`) },
                { title: t("ind.expected"), align: "right", render: (_, r) => fmtDecimal(r.expected) },
                { title: t("ind.progress"), width: 140, render: (_, r) => (r.progressPct == null ? "—" : <Progress percent={Number(r.progressPct)} size="small" status={r.status === "OFF_TRACK" ? "exception" : r.status === "ACHIEVED" ? "success" : "normal"} />) },
                { title: t("common.status"), render: (_, r) => <CellsStatus status={r.status} /> },
                { title: t("ind.department"), render: (_, r) => localName(r.indicator.responsibleDepartment, lng) },
                {
                  title: t("common.actions"),
                  render: (_, r) =>
                    r.indicator.mine || role.isOffice ? (
                      <Button
                        size="small"
                        onClick={(e) => {
                          e.stopPropagation();
                          setReporting(r);
                        }}
                        data-testid={`ind-report-${r.indicator.code}`}
                      >
                        {t("ind.report")}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
        </>
      ) : null}
      {open ? <SeriesDrawer row={open} districtId={districtId} onClose={() => setOpen(null)} /> : null}
      {reporting ? (
        <ReportModal
          row={reporting}
          year={year}
          districtId={districtId ?? role.viewer?.district?.id ?? cityId}
          districtOptions={districtOptions}
          onClose={() => setReporting(null)}
          onDone={() => {
            setReporting(null);
            void q.refetch();
          }}
        />
      ) : null}
    </PageLayout>
  );
}

function SeriesDrawer({ row, districtId, onClose }: { row: Row; districtId?: string; onClose: () => void }) {
  const { t } = useNs();
  const lng = useLanguage();
  const q = useQuery(IndicatorSeriesDocument, { variables: { indicatorId: row.indicator.id, districtId } });
  const s = q.data?.indicatorSeries;
  const categories = (s?.actuals ?? []).map((a) => `${a.year}Q${a.quarter}`);
  const targetByYear = new Map((s?.targets ?? []).map((x) => [x.year, Number(x.target)]));
  return (
    <DetailDrawer
      open
      width={760}
      onClose={onClose}
      loading={q.loading && !s}
      error={q.error}
      title={localName(row.indicator, lng)}
      items={[
        { label: t("ind.group"), value: `${localName(row.indicator.group, lng)} · ${lng === "en" ? row.indicator.categoryEn : row.indicator.categoryZh}` },
        { label: t("ind.unit"), value: `${row.indicator.unit} · ${t(`ind.${row.indicator.direction}`)}` },
        { label: t("ind.formula"), value: row.indicator.formula },
        { label: t("ind.department"), value: localName(row.indicator.responsibleDepartment, lng) },
        { label: t("ind.target"), value: fmtDecimal(row.target) },
        { label: t("ind.latest"), value: fmtDecimal(row.latestValue) },
      ]}
    >
      {s ? (
        <Card size="small" title={t("ind.series")} style={{ marginTop: 16 }} data-testid="ind-series">
          <LineChart
            categories={categories}
            series={[
              { name: t("ind.seriesActual"), data: s.actuals.map((a) => Number(a.value)) },
              { name: t("ind.seriesTarget"), data: s.actuals.map((a) => targetByYear.get(a.year) ?? NaN) },
            ]}
            height={300}
          />
        </Card>
      ) : null}
    </DetailDrawer>
  );
}

function ReportModal({
  row,
  year,
  districtId,
  districtOptions,
  onClose,
  onDone,
}: {
  row: Row;
  year: number;
  districtId?: string;
  districtOptions: { value: string; label: string }[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useNs();
  const lng = useLanguage();
  const { message } = App.useApp();
  const now = currentQuarter();
  const [report] = useMutation(ReportIndicatorActualDocument);
  return (
    <Modal open title={t("ind.reportTitle", { name: localName(row.indicator, lng) })} footer={null} onCancel={onClose} destroyOnHidden>
      <ApiForm
        submitText={t("ind.report")}
        initialValues={{ year, quarter: year === now.year ? now.quarter : 4, districtId }}
        onSubmit={async (v: Record<string, unknown>) => {
          const r = await report({
            variables: { input: { indicatorId: row.indicator.id, districtId: v.districtId as string, year: v.year as number, quarter: v.quarter as number, value: String(v.value), evidence: v.evidence as string, note: (v.note as string) || undefined } },
          });
          return r.data?.reportIndicatorActual;
        }}
        onSuccess={() => {
          message.success(t("ind.reported"));
          onDone();
        }}
      >
        <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
          <Select options={districtOptions} />
        </Form.Item>
        <Space>
          <Form.Item name="year" label={t("common.year")} rules={[{ required: true }]}>
            <InputNumber min={2021} max={now.year} />
          </Form.Item>
          <Form.Item name="quarter" label={t("common.quarter")} rules={[{ required: true }]}>
            <Select options={[1, 2, 3, 4].map((x) => ({ value: x, label: `Q${x}` }))} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name="value" label={`${t("ind.value")}（${row.indicator.unit}）`} rules={[{ required: true }]}>
            <InputNumber stringMode min={row.indicator.unit === "%" ? "0" : undefined} max={row.indicator.unit === "%" ? "100" : undefined} style={{ width: 140 }} data-testid="report-value" />
          </Form.Item>
        </Space>
        <Form.Item name="evidence" label={t("ind.evidence")} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="report-evidence" />
        </Form.Item>
        <Form.Item name="note" label={t("ind.note")}>
          <Input maxLength={1000} />
        </Form.Item>
        <Typography.Text type="secondary">{row.indicator.formula}</Typography.Text>
      </ApiForm>
    </Modal>
  );
}
