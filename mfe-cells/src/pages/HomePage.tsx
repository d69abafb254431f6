import { useMutation, useQuery } from "@apollo/client/react";
import { errorMessage } from "@zw/client";
import { EmptyState, ErrorState, LoadingState, PageLayout, QueryState, ViewerSummary, localName, useLanguage } from "@zw/ui";
import { App, Button, Card, Col, List, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import { useNavigate } from "react-router";
import { CellsStatus, currentQuarter, fmtDate, useNs, useRole } from "../common.js";
import { CellsDashboardDocument, MyUnitDocument, StartCellApplicationDocument } from "../graphql/generated.js";

/** The stream's summary: for staff and leadership the dashboard, for a unit's account its own unit. */
export function HomePage() {
  const { t } = useNs();
  const role = useRole();
  if (role.loading) return <LoadingState />;
  if (role.isOperator) return <UnitHome />;
  return (
    <PageLayout title={<span data-testid="mfe-stream-title">{t("title")}</span>} subtitle={t("subtitle")} testId="mfe-home">
      <Card size="small" title={t("home.me")}>
        <ViewerSummary />
      </Card>
      {role.reads ? <Dashboard /> : null}
    </PageLayout>
  );
}

function Dashboard() {
  const { t } = useNs();
  const lng = useLanguage();
  const navigate = useNavigate();
  const year = currentQuarter().year;
  const q = useQuery(CellsDashboardDocument, { variables: { year } });
  if (q.loading && !q.data) return <LoadingState />;
  if (q.error && !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data!;
  const totals = d.cellCounts.filter((c) => !c.cellType);
  const city = totals.find((c) => c.district.level === "CITY");
  const districts = totals.filter((c) => c.district.level === "DISTRICT");
  const overdue = d.trackingTaskSummary.reduce((a, r) => a + r.overdue, 0);
  const ranking = d.zeroWasteIndexRanking;
  const tasks = [...d.trackingTaskSummary].sort((a, b) => b.overdue - a.overdue).slice(0, 8);
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small" hoverable onClick={() => navigate("/map")} data-testid="home-certified">
            <Statistic title={t("home.certified")} value={city?.certified ?? districts.reduce((a, c) => a + c.certified, 0)} suffix={city?.target ? `/ ${city.target}` : undefined} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" hoverable onClick={() => navigate("/applications")}>
            <Statistic title={t("home.applying")} value={city?.applying ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" hoverable onClick={() => navigate("/index")} data-testid="home-provincial-rank">
            <Statistic title={t("home.provincialRank")} value={ranking?.shaoxingProvincialRank ?? "—"} prefix={ranking?.shaoxingProvincialRank ? "#" : undefined} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" hoverable onClick={() => navigate("/tasks?overdue=1")} data-testid="home-overdue">
            <Statistic title={t("home.tasksOverdue")} value={overdue} valueStyle={overdue ? { color: "#cf1322" } : undefined} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("home.countsTitle")}>
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => r.district.id}
              dataSource={city ? [...districts, city] : districts}
              data-testid="home-counts"
              columns={[
                { title: t("home.byDistrict"), render: (_, r) => <span data-testid="mfe-district-row">{r.district.level === "CITY" ? <strong>{localName(r.district, lng)}</strong> : localName(r.district, lng)}</span> },
                { title: t("home.certified"), dataIndex: "certified", align: "right" },
                { title: t("home.target", { year }), dataIndex: "target", align: "right", render: (v) => v ?? "—" },
                { title: t("map.gap"), align: "right", render: (_, r) => (r.gap == null ? "—" : r.gap <= 0 ? <Tag color="green">{t("map.reached")}</Tag> : <Tag color="orange">{r.gap}</Tag>) },
                { title: t("home.expired"), dataIndex: "expired", align: "right" },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={ranking ? t("home.indexRank", { period: t("common.quarterLabel", { year: ranking.year, q: ranking.quarter }) }) : t("tabs.index")}>
            {ranking ? (
              <List
                size="small"
                data-testid="home-ranking"
                dataSource={ranking.districts}
                renderItem={(r) => (
                  <List.Item extra={<Typography.Text strong>{r.value}</Typography.Text>}>
                    <Space>
                      <Tag color={r.rank === 1 ? "gold" : "default"}>#{r.rank}</Tag>
                      {localName(r.district, lng)}
                    </Space>
                  </List.Item>
                )}
                footer={ranking.city ? `${t("home.cityIndex")}：${ranking.city.value}` : undefined}
              />
            ) : (
              <EmptyState />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t("home.tasksTitle")}>
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => r.department.id}
          dataSource={tasks}
          columns={[
            { title: t("common.department"), render: (_, r) => localName(r.department, lng) },
            { title: t("home.open"), dataIndex: "open", align: "right" },
            { title: t("home.submitted"), dataIndex: "submitted", align: "right" },
            { title: t("home.closed"), dataIndex: "closed", align: "right" },
            { title: t("home.overdue"), dataIndex: "overdue", align: "right", render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
          ]}
        />
      </Card>
    </>
  );
}

/** A unit's own page: its unit, its applications, and the button to apply. */
function UnitHome() {
  const { t } = useNs();
  const lng = useLanguage();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const q = useQuery(MyUnitDocument, { fetchPolicy: "cache-and-network" });
  const [start, s] = useMutation(StartCellApplicationDocument);
  const unit = q.data?.cellUnits.edges[0]?.node;
  const apps = [...(unit?.applications ?? [])].reverse();
  const open = apps.some((a) => a.status === "DRAFT" || a.status === "SUBMITTED" || a.status === "UNDER_REVIEW");
  const apply = async () => {
    if (!unit) return;
    try {
      const r = await start({ variables: { unitId: unit.id } });
      const p = r.data?.startCellApplication;
      if (p?.userErrors.length) message.error(p.userErrors.map((e) => e.message).join("；"));
      else if (p?.application) {
        message.success(t("home.started", { number: p.application.number }));
        await q.refetch();
        navigate(`/applications?open=${encodeURIComponent(p.application.id)}`);
      }
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <PageLayout title={<span data-testid="mfe-stream-title">{t("title")}</span>} subtitle={t("subtitle")} testId="mfe-home">
      <QueryState loading={q.loading && !q.data} error={q.error} onRetry={() => void q.refetch()}>
        {!unit ? (
          <EmptyState description={t("home.noUnit")} />
        ) : (
          <>
            <Card
              size="small"
              title={t("home.myUnit")}
              data-testid="unit-home"
              extra={
                !open ? (
                  <Button type="primary" loading={s.loading} onClick={() => void apply()} data-testid="unit-apply">
                    {unit.cellStatus === "NONE" ? t("home.startApplication") : t("home.startReassessment")}
                  </Button>
                ) : null
              }
            >
              <Space direction="vertical">
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="unit-name">
                  {unit.name}
                </Typography.Title>
                <Space wrap>
                  <Tag>{localName(unit.cellType, lng)}</Tag>
                  <Tag>{localName(unit.district, lng)}</Tag>
                  <CellsStatus status={unit.cellStatus} />
                  {unit.certificateNo ? <Tag color="green">{unit.certificateNo}</Tag> : null}
                </Space>
                {unit.certifiedUntil ? <Typography.Text type="secondary">{t("home.validUntil", { date: fmtDate(unit.certifiedUntil, lng) })}</Typography.Text> : null}
                <Typography.Text type="secondary">{unit.address}</Typography.Text>
              </Space>
            </Card>
            <Card size="small" title={t("home.myApplications")}>
              <Table
                size="small"
                pagination={false}
                rowKey="id"
                dataSource={apps}
                data-testid="unit-applications"
                onRow={(r) => ({ onClick: () => navigate(`/applications?open=${encodeURIComponent(r.id)}`), style: { cursor: "pointer" } })}
                columns={[
                  { title: t("apps.number"), dataIndex: "number" },
                  { title: t("apps.kind"), render: (_, r) => t(`apps.kind${r.kind}`) },
                  { title: t("common.status"), render: (_, r) => <CellsStatus status={r.status} /> },
                  { title: t("apps.totalScore"), dataIndex: "totalScore", render: (v) => v ?? "—" },
                  { title: t("apps.certificateNo"), dataIndex: "certificateNo", render: (v) => v ?? "—" },
                  { title: t("apps.validUntil"), render: (_, r) => fmtDate(r.validUntil, lng) },
                ]}
              />
            </Card>
          </>
        )}
      </QueryState>
    </PageLayout>
  );
}
