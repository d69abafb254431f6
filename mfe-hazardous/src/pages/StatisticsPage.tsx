import { useQuery } from "@apollo/client/react";
import { ErrorState, FilterBar, LoadingState, PageLayout, useLanguage, useTranslation, type FilterValues, BarChart, PieChart } from "@zw/ui";
import { Card, Col, Row, Table, Typography } from "antd";
import { useState, useMemo } from "react";
import { districtName, num, thisYear, useDistrictOptions } from "../format.js";
import { HzStatisticsDocument, type HzStatisticsQuery } from "../graphql/generated.js";
import { NS } from "../module.js";

type Row = HzStatisticsQuery["hazardousStatistics"]["districts"][number];

/** 统计：按区县和期间的排查、隐患、联单、小微收运数字；联单按状态；产生量与利用处置能力匹配（缺口标红）。 */
export function StatisticsPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const districts = useDistrictOptions();
  const y = useMemo(thisYear, []);
  const [filters, setFilters] = useState<FilterValues>({});
  const [from, to] = (filters.period as [string, string] | undefined) ?? [y.from, y.to];
  const districtId = (filters.districtId as string | undefined) ?? undefined;
  const year = new Date(new Date(to).getTime() - 1 + 8 * 3600_000).getUTCFullYear();
  const q = useQuery(HzStatisticsDocument, { variables: { from, to, districtId, year } });
  const s = q.data?.hazardousStatistics;
  const rows: (Row & { key: string })[] = s ? [...s.districts.map((d) => ({ ...d, key: d.district?.id ?? "" })), { ...s.total, district: null, key: "total" } as Row & { key: string }] : [];
  return (
    <PageLayout
      title={t("stats.title")}
      subtitle={t("stats.subtitle")}
      testId="hz-statistics"
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "period", label: t("stats.period"), type: "dateRange" },
            { name: "districtId", label: t("common.district"), type: "select", options: districts },
          ]}
        />
      }
    >
      {q.loading && !q.data ? (
        <LoadingState />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <Card size="small" title={t("stats.byDistrict")}>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              data-testid="hz-stats-table"
              dataSource={rows}
              scroll={{ x: "max-content" }}
              rowClassName={(r) => (r.key === "total" ? "hz-total-row" : "")}
              columns={[
                { title: t("common.district"), render: (_: unknown, r) => (r.district ? districtName(r.district, lng) : <b>{t("stats.total")}</b>) },
                { title: t("stats.enterprises"), dataIndex: "enterprises", align: "right", render: (v: number) => num(v) },
                { title: t("stats.smallMicro"), dataIndex: "smallMicro", align: "right", render: (v: number) => num(v) },
                { title: t("stats.social"), dataIndex: "socialSources", align: "right", render: (v: number) => num(v) },
                { title: t("stats.found"), dataIndex: "hazardsFound", align: "right", render: (v: number) => num(v) },
                { title: t("stats.rectified"), dataIndex: "hazardsRectified", align: "right", render: (v: number) => num(v) },
                { title: t("stats.open"), dataIndex: "hazardsOpen", align: "right", render: (v: number) => num(v) },
                { title: t("stats.trained"), dataIndex: "trainingAttendees", align: "right", render: (v: number) => num(v) },
                { title: t("stats.manifests"), dataIndex: "manifestsCreated", align: "right", render: (v: number) => num(v) },
                { title: t("stats.receivedT"), dataIndex: "receivedTonnes", align: "right", render: (v: string) => num(v) },
                { title: t("stats.inTransit"), dataIndex: "manifestsInTransit", align: "right", render: (v: number) => num(v) },
                { title: t("stats.runs"), dataIndex: "collectionRuns", align: "right", render: (v: number) => num(v) },
                { title: t("stats.collectedT"), dataIndex: "collectionTonnes", align: "right", render: (v: string) => num(v) },
              ]}
            />
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t("stats.hazardsByDistrict")}>
                <BarChart
                  categories={(s?.districts ?? []).map((d) => districtName(d.district, lng))}
                  series={[
                    { name: t("stats.found"), data: (s?.districts ?? []).map((d) => d.hazardsFound) },
                    { name: t("stats.rectified"), data: (s?.districts ?? []).map((d) => d.hazardsRectified) },
                  ]}
                  height={300}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t("stats.manifestsByState")}>
                <PieChart data={(s?.manifestsByState ?? []).filter((m) => m.count > 0).map((m) => ({ name: t(`state.${m.state}`), value: m.count }))} height={300} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t("stats.capacity", { year })}>
            <Typography.Paragraph type="secondary">{t("stats.capacityHint")}</Typography.Paragraph>
            <Table
              size="small"
              pagination={{ pageSize: 20 }}
              rowKey={(r) => `${r.district.id}-${r.category}`}
              data-testid="hz-capacity-table"
              dataSource={q.data?.hazardousCapacityMatching ?? []}
              columns={[
                { title: t("common.district"), render: (_: unknown, r) => districtName(r.district, lng) },
                { title: t("stats.category"), dataIndex: "category" },
                { title: t("stats.generated"), dataIndex: "generatedT", align: "right", render: (v: string) => num(v) },
                { title: t("stats.previous"), dataIndex: "previousGeneratedT", align: "right", render: (v: string) => num(v) },
                { title: t("stats.utilisation"), dataIndex: "utilisationT", align: "right", render: (v: string) => num(v) },
                { title: t("stats.disposal"), dataIndex: "disposalT", align: "right", render: (v: string) => num(v) },
                { title: t("stats.shortfall"), dataIndex: "shortfallT", align: "right", render: (v: string) => (Number(v) > 0 ? <Typography.Text type="danger" strong data-testid="hz-shortfall">{num(v)}</Typography.Text> : <Typography.Text type="success">{t("stats.enough")}</Typography.Text>) },
                { title: t("stats.projected"), render: (_: unknown, r) => `${num(r.projectedGeneratedT)} / ${num(r.projectedCapacityT)}` },
              ]}
            />
          </Card>
        </>
      )}
    </PageLayout>
  );
}
