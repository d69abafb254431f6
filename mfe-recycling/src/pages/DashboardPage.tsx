import { useQuery } from "@apollo/client/react";
import { AlertRaisedDocument, apolloLiveSource, useLiveRefresh, useViewer } from "@zw/client";
import { ErrorState, LoadingState, PageLayout, StatusTag, localName, useLanguage, useTranslation, BarChart, DistrictMap, LineChart, PieChart } from "@zw/ui";
import { Card, Col, Empty, Flex, Input, List, Row, Segmented, Select, Statistic, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { changePct, num, today, useDateFormat, useReference } from "../format.js";
import { RecyclingCoopDocument, RecyclingDashboardDocument, RecyclingOpenAlertsDocument, type PeriodGranularity, type RecIndicatorsFragment } from "../graphql/generated.js";
import { NS } from "../module.js";

const KINDS: PeriodGranularity[] = ["DAY", "MONTH", "QUARTER", "YEAR"];

/** The day a period selector means: any day inside the chosen day / month / quarter / year. */
function PeriodPicker({ kind, day, onChange }: { kind: PeriodGranularity; day: string; onChange: (kind: PeriodGranularity, day: string) => void }) {
  const { t } = useTranslation(NS);
  const year = Number(day.slice(0, 4));
  const years = Array.from({ length: 4 }, (_, i) => Number(today().slice(0, 4)) - i);
  return (
    <Flex gap={8} wrap align="center" data-testid="rec-period">
      <Segmented<PeriodGranularity>
        value={kind}
        onChange={(k) => onChange(k, day)}
        options={KINDS.map((k) => ({ value: k, label: <span data-testid={`rec-period-${k}`}>{t(`period.${k}`)}</span> }))}
      />
      {kind === "DAY" ? (
        <Input type="date" value={day} max={today()} onChange={(e) => e.target.value && onChange(kind, e.target.value)} style={{ width: 160 }} data-testid="rec-period-day" />
      ) : (
        <Select value={year} style={{ width: 100 }} onChange={(y) => onChange(kind, `${y}${day.slice(4)}`)} options={years.map((y) => ({ value: y, label: String(y) }))} />
      )}
      {kind === "MONTH" ? (
        <Select value={Number(day.slice(5, 7))} style={{ width: 90 }} onChange={(m) => onChange(kind, `${day.slice(0, 5)}${String(m).padStart(2, "0")}-01`)} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t("period.monthN", { n: i + 1 }) }))} />
      ) : null}
      {kind === "QUARTER" ? (
        <Select
          value={Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}
          style={{ width: 90 }}
          onChange={(q) => onChange(kind, `${day.slice(0, 5)}${String((q - 1) * 3 + 1).padStart(2, "0")}-01`)}
          options={[1, 2, 3, 4].map((q) => ({ value: q, label: t("period.quarterN", { n: q }) }))}
        />
      ) : null}
    </Flex>
  );
}

function Figure({ label, value, unit, current, previous, testId }: { label: string; value: string; unit?: string; current?: string | number | null; previous?: string | number | null; testId: string }) {
  const { t } = useTranslation(NS);
  const pct = changePct(current, previous);
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={label} value={value} suffix={unit} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {pct == null ? t("dashboard.noPrevious") : t("dashboard.yoy", { pct: `${pct > 0 ? "+" : ""}${pct}` })}
      </Typography.Text>
    </Card>
  );
}

function Indicators({ cur, prev }: { cur: RecIndicatorsFragment; prev: RecIndicatorsFragment | null | undefined }) {
  const { t } = useTranslation(NS);
  const items: [string, string, string | undefined, keyof RecIndicatorsFragment][] = [
    ["tonnes", num(cur.tonnes), "t", "tonnes"],
    ["records", num(cur.records), undefined, "records"],
    ["activeCards", num(cur.activeCards), undefined, "activeCards"],
    ["participation", cur.participationPct == null ? "—" : cur.participationPct.toFixed(1), "%", "participationPct"],
    ["pointsIssued", num(cur.pointsIssued), undefined, "pointsIssued"],
    ["pointsRedeemed", num(cur.pointsRedeemed), undefined, "pointsRedeemed"],
    ["redemptionYuan", num(cur.redemptionYuan), t("unit.yuan"), "redemptionYuan"],
    ["averagePrice", cur.averagePriceYuanPerKg ?? "—", t("unit.yuanPerKg"), "averagePriceYuanPerKg"],
  ];
  return (
    <Row gutter={[12, 12]} data-testid="rec-indicators">
      {items.map(([key, value, unit, field]) => (
        <Col xs={12} md={6} key={key}>
          <Figure testId={`rec-figure-${key}`} label={t(`dashboard.${key}`)} value={value} unit={unit} current={cur[field] as string | number | null} previous={prev ? (prev[field] as string | number | null) : null} />
        </Col>
      ))}
    </Row>
  );
}

/** 信息一张图：当日、本月、本季、本年的回收量与关键指标，按物资、区县、站点，走势，预警。 */
export function DashboardPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { viewer } = useViewer();
  const { districtOptions } = useReference();
  const [kind, setKind] = useState<PeriodGranularity>("MONTH");
  const [day, setDay] = useState(today());
  const [district, setDistrict] = useState<string | null>(null);
  const q = useQuery(RecyclingDashboardDocument, { variables: { period: { kind, day }, districtId: district } });
  const coop = useQuery(RecyclingCoopDocument, { variables: { districtId: district } });
  const alerts = useQuery(RecyclingOpenAlertsDocument, { variables: { filter: { stream: "recycling", status: ["OPEN", "ACKNOWLEDGED"], districtId: district } } });
  useLiveRefresh({ subscription: AlertRaisedDocument, refresh: () => void alerts.refetch(), source: apolloLiveSource() });
  const d = q.data?.recyclingDashboard;
  const cityLevel = viewer?.district == null;
  return (
    <PageLayout
      title={t("dashboard.title")}
      subtitle={t("dashboard.subtitle")}
      testId="rec-dashboard"
      filters={
        <Flex gap={12} wrap align="center">
          <PeriodPicker
            kind={kind}
            day={day}
            onChange={(k, dd) => {
              setKind(k);
              setDay(dd);
            }}
          />
          {cityLevel ? <Select allowClear placeholder={t("common.wholeCity")} style={{ width: 160 }} value={district} onChange={(v) => setDistrict(v ?? null)} options={districtOptions} data-testid="rec-dashboard-district" /> : null}
          {d ? <Typography.Text type="secondary">{t("dashboard.range", { from: d.from, to: d.to })}</Typography.Text> : null}
        </Flex>
      }
    >
      {q.loading && !d ? <LoadingState /> : null}
      {q.error && !d ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      {d ? (
        <>
          <Indicators cur={d.indicators} prev={d.previous} />
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} lg={16}>
              <Card size="small" title={t("dashboard.trend")} data-testid="rec-trend">
                <BarChart categories={d.series.map((s) => s.start.slice(kind === "DAY" || kind === "MONTH" ? 5 : 0, kind === "DAY" || kind === "MONTH" ? 10 : 7))} series={[{ name: t("dashboard.tonnes"), data: d.series.map((s) => Number(s.tonnes)) }]} height={260} />
                <LineChart
                  categories={d.series.map((s) => s.start.slice(5))}
                  series={[
                    { name: t("dashboard.pointsIssued"), data: d.series.map((s) => Number(s.pointsIssued)) },
                    { name: t("dashboard.pointsRedeemed"), data: d.series.map((s) => Number(s.pointsRedeemed)) },
                  ]}
                  height={200}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title={t("dashboard.byMaterial")} data-testid="rec-by-material">
                {d.byMaterial.length ? <PieChart data={d.byMaterial.map((m) => ({ name: localName(m.material, lng), value: Number(m.tonnes) }))} height={260} /> : <Empty />}
              </Card>
              <Card size="small" title={t("dashboard.alerts")} style={{ marginTop: 12 }} data-testid="rec-dashboard-alerts" extra={<Tag>{alerts.data?.alerts.totalCount ?? 0}</Tag>}>
                <List
                  size="small"
                  dataSource={alerts.data?.alerts.edges.map((e) => e.node) ?? []}
                  renderItem={(a) => (
                    <List.Item>
                      <List.Item.Meta title={<span><StatusTag status={a.severity} /> {a.title}</span>} description={`${t(`rule.${a.rule}`, { defaultValue: a.rule })} · ${fmt.dateTime(a.raisedAt)}`} />
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} lg={10}>
              <Card size="small" title={t("dashboard.byDistrict")} data-testid="rec-by-district">
                <DistrictMap values={Object.fromEntries(d.byDistrict.map((x) => [x.district.adcode, Number(x.tonnes)]))} valueName={t("dashboard.tonnes")} height={320} selected={d.byDistrict.find((x) => x.district.id === district)?.district.adcode ?? null} />
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(r) => r.district.id}
                  dataSource={d.byDistrict}
                  columns={[
                    { title: t("common.district"), key: "d", render: (_, r) => localName(r.district, lng) },
                    { title: t("dashboard.tonnes"), dataIndex: "tonnes", align: "right", render: (v: string) => num(v) },
                    { title: t("dashboard.activeCards"), dataIndex: "activeCards", align: "right", render: (v: number | null) => num(v) },
                    { title: t("dashboard.pointsRedeemed"), dataIndex: "pointsRedeemed", align: "right", render: (v: string) => num(v) },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title={t("dashboard.topStations")} data-testid="rec-top-stations">
                <BarChart horizontal categories={[...d.topStations].reverse().map((s) => s.station.name)} series={[{ name: t("dashboard.tonnes"), data: [...d.topStations].reverse().map((s) => Number(s.tonnes)) }]} height={360} />
              </Card>
            </Col>
            <Col xs={24} lg={6}>
              <Card size="small" title={t("dashboard.coop")} data-testid="rec-coop">
                {coop.data ? (
                  <>
                    <Statistic title={t("dashboard.coopTotal", { from: coop.data.coopRecovery.from, to: coop.data.coopRecovery.to })} value={num(coop.data.coopRecovery.totalTonnes)} suffix="t" />
                    <List
                      size="small"
                      dataSource={coop.data.coopRecovery.categories}
                      renderItem={(c) => (
                        <List.Item>
                          {t(`category.${c.category}`)} <span>{num(c.tonnes)} t · {c.sharePct}%</span>
                        </List.Item>
                      )}
                    />
                  </>
                ) : null}
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </PageLayout>
  );
}
