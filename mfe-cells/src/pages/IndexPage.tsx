import { useQuery } from "@apollo/client/react";
import { DetailDrawer, ErrorState, ExportButton, LoadingState, PageLayout, localName, useLanguage, BarChart, DistrictMap, LineChart } from "@zw/ui";
import { Alert, Card, Col, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { fmtDecimal, useNs, useRole } from "../common.js";
import { IndexDetailDocument, IndexHistoryDocument, IndexRankingDocument, type IndexEntryFragment } from "../graphql/generated.js";

function quarters(): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  const s = new Date(Date.now() + 8 * 3600_000);
  const ny = s.getUTCFullYear();
  const nq = Math.floor(s.getUTCMonth() / 3) + 1;
  for (let y = ny; y >= 2021; y--) for (let q = 4; q >= 1; q--) if (y < ny || q <= nq) out.push({ value: `${y}-${q}`, label: `${y} Q${q}` });
  return out;
}

/** The zero-waste index: ranking of the districts, their trend, the province's ranking, drill-down. */
export function IndexPage() {
  const { t } = useNs();
  const lng = useLanguage();
  const role = useRole();
  const [period, setPeriod] = useState<string | undefined>();
  const [drill, setDrill] = useState<IndexEntryFragment | null>(null);
  const [y, qn] = period ? period.split("-").map(Number) : [undefined, undefined];
  const q = useQuery(IndexRankingDocument, { variables: { year: y, quarter: qn } });
  const r = q.data?.zeroWasteIndexRanking;
  const history = useQuery(IndexHistoryDocument, { variables: {} });
  const perDistrict = useHistories(r?.districts.map((d) => d.district.id) ?? []);
  const values = useMemo(() => Object.fromEntries((r?.districts ?? []).map((d) => [d.district.adcode, Number(d.value)])), [r]);

  return (
    <PageLayout
      title={t("index.title")}
      subtitle={t("index.subtitle")}
      testId="cells-index"
      extra={
        <Space>
          <Select allowClear placeholder={t("index.period")} value={period} onChange={setPeriod} options={quarters()} style={{ width: 140 }} data-testid="index-period" />
          {role.readsOverview ? <ExportButton name="cells.zeroWasteIndex" filter={r ? { year: r.year, quarter: r.quarter } : {}} /> : null}
        </Space>
      }
    >
      {q.loading && !q.data ? (
        <LoadingState />
      ) : q.error && !q.data ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !r ? (
        <Alert type="info" title={t("index.method")} />
      ) : (
        <>
          <Alert type="info" showIcon title={t("index.method")} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card
                size="small"
                title={`${t("common.quarterLabel", { year: r.year, q: r.quarter })}${r.city ? ` · ${localName(r.city.district, lng)} ${r.city.value}` : ""}`}
                extra={r.shaoxingProvincialRank ? <Tag color="gold" data-testid="index-provincial-rank">{t("index.shaoxing", { rank: r.shaoxingProvincialRank })}</Tag> : null}
              >
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(x) => x.district.id}
                  dataSource={r.districts}
                  data-testid="index-ranking"
                  scroll={{ x: "max-content" }}
                  onRow={(x) => ({ onClick: () => setDrill(x), style: { cursor: "pointer" } })}
                  columns={[
                    { title: t("index.rank"), dataIndex: "rank", render: (v: number) => <Tag color={v === 1 ? "gold" : v === 2 ? "default" : undefined}>#{v}</Tag> },
                    { title: t("common.district"), render: (_, x) => <span data-testid="index-district" style={{ whiteSpace: "nowrap" }}>{localName(x.district, lng)}</span> },
                    { title: t("index.value"), dataIndex: "value", align: "right", render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
                    {
                      title: t("index.change"),
                      align: "right",
                      render: (_, x) => {
                        if (x.previousValue == null) return "—";
                        const d = Number(x.value) - Number(x.previousValue);
                        return <Typography.Text type={d >= 0 ? "success" : "danger"}>{`${d >= 0 ? "+" : ""}${d.toFixed(2)}`}</Typography.Text>;
                      },
                    },
                    ...x5(r.districts[0]?.groupScores ?? []).map((g) => ({
                      title: localName(g.group, lng),
                      align: "right" as const,
                      render: (_: unknown, x: IndexEntryFragment) => x.groupScores.find((s) => s.group.id === g.group.id)?.score ?? "—",
                    })),
                    { title: t("index.coverage"), align: "right", render: (_, x) => `${Math.round(Number(x.coverage) * 100)}%` },
                  ]}
                />
              </Card>
              <Card size="small" title={t("index.history")} style={{ marginTop: 16 }}>
                <LineChart
                  categories={(history.data?.zeroWasteIndexHistory ?? []).map((h) => `${h.year}Q${h.quarter}`)}
                  series={[
                    { name: r.city ? localName(r.city.district, lng) : t("common.city"), data: (history.data?.zeroWasteIndexHistory ?? []).map((h) => Number(h.value)) },
                    ...perDistrict.map((d) => ({ name: localName(r.districts.find((x) => x.district.id === d.id)!.district, lng), data: d.values })),
                  ]}
                  height={320}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t("index.value")}>
                <DistrictMap values={values} valueName={t("index.value")} height={320} onSelect={(code) => setDrill(r.districts.find((x) => x.district.adcode === code) ?? null)} />
              </Card>
              <Card size="small" title={t("index.provincial")} style={{ marginTop: 16 }}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="cityZh"
                  dataSource={r.provincial}
                  data-testid="index-provincial"
                  rowClassName={(x) => (x.cityZh === "绍兴市" ? "ant-table-row-selected" : "")}
                  columns={[
                    { title: t("index.rank"), dataIndex: "rank" },
                    { title: t("common.district"), render: (_, x) => (lng === "en" ? x.cityEn : x.cityZh) },
                    { title: t("index.value"), dataIndex: "value", align: "right" },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
      {drill ? <DrillDrawer entry={drill} onClose={() => setDrill(null)} /> : null}
    </PageLayout>
  );
}

function x5<T>(a: T[]): T[] {
  return a.slice(0, 5);
}

/** Index histories of the districts (one small query each, batched by Apollo's cache). */
function useHistories(ids: string[]): { id: string; values: number[] }[] {
  const a = useQuery(IndexHistoryDocument, { variables: { districtId: ids[0] }, skip: !ids[0] });
  const b = useQuery(IndexHistoryDocument, { variables: { districtId: ids[1] }, skip: !ids[1] });
  const c = useQuery(IndexHistoryDocument, { variables: { districtId: ids[2] }, skip: !ids[2] });
  const d = useQuery(IndexHistoryDocument, { variables: { districtId: ids[3] }, skip: !ids[3] });
  const e = useQuery(IndexHistoryDocument, { variables: { districtId: ids[4] }, skip: !ids[4] });
  const f = useQuery(IndexHistoryDocument, { variables: { districtId: ids[5] }, skip: !ids[5] });
  return [a, b, c, d, e, f].flatMap((q, i) => (ids[i] && q.data ? [{ id: ids[i]!, values: q.data.zeroWasteIndexHistory.map((h) => Number(h.value)) }] : []));
}

function DrillDrawer({ entry, onClose }: { entry: IndexEntryFragment; onClose: () => void }) {
  const { t } = useNs();
  const lng = useLanguage();
  const q = useQuery(IndexDetailDocument, { variables: { districtId: entry.district.id, year: entry.year, quarter: entry.quarter } });
  const d = q.data?.zeroWasteIndexDetail;
  return (
    <DetailDrawer
      open
      width={900}
      onClose={onClose}
      loading={q.loading && !d}
      error={q.error}
      title={t("index.drill", { name: `${localName(entry.district, lng)} ${t("common.quarterLabel", { year: entry.year, q: entry.quarter })}` })}
      items={[
        { label: t("index.value"), value: <span data-testid="drill-value">{entry.value}</span> },
        { label: t("index.rank"), value: entry.rank ?? "—" },
      ]}
    >
      {d ? (
        <Space direction="vertical" style={{ width: "100%", marginTop: 16 }}>
          <Card size="small" title={t("index.groups")}>
            <BarChart categories={d.entry.groupScores.map((g) => localName(g.group, lng))} series={[{ name: t("index.score"), data: d.entry.groupScores.map((g) => Number(g.score)) }]} height={220} />
          </Card>
          <Table
            size="small"
            pagination={false}
            rowKey={(c) => c.indicator.id}
            dataSource={d.components}
            data-testid="drill-components"
            scroll={{ x: "max-content" }}
            columns={[
              { title: t("ind.group"), render: (_, c) => localName(c.indicator.group, lng) },
              { title: t("ind.indicator"), render: (_, c) => localName(c.indicator, lng) },
              { title: t("index.actual"), align: "right", render: (_, c) => (c.actual == null ? "—" : `${fmtDecimal(c.actual)}${c.actualQuarter ? ` (Q${c.actualQuarter})` : ""}`) },
              { title: t("index.target"), align: "right", render: (_, c) => fmtDecimal(c.target) },
              { title: t("index.score"), dataIndex: "score", align: "right", render: (v: string) => <Typography.Text type={Number(v) < 60 ? "danger" : undefined}>{v}</Typography.Text> },
              { title: t("index.weight"), dataIndex: "weight", align: "right", render: (v: string) => `${(Number(v) * 100).toFixed(2)}%` },
              { title: t("index.contribution"), dataIndex: "contribution", align: "right" },
            ]}
          />
        </Space>
      ) : null}
    </DetailDrawer>
  );
}
