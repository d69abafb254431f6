import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, DetailDrawer, PageLayout, StatusTag, useTranslation } from "@zw/ui";
import { App as AntApp, Button, Card, Col, Drawer, Form, Input, List, Row, Select, Space, Statistic, Tag } from "antd";
import { useState } from "react";
import { useFormat, yearRange } from "../format.js";
import { CwCompanyOptionsDocument, CwRecordVisitDocument, CwServiceStatsDocument, CwSolveProblemDocument, CwVisitsDocument, type CwVisitsQuery } from "../graphql/generated.js";
import { NS } from "../module.js";

type Visit = CwVisitsQuery["serviceVisits"]["edges"][number]["node"];
export const PROBLEM_CATEGORIES = ["APPROVAL", "VEHICLE_LEASING", "DISPOSAL_CAPACITY", "ROUTE", "POLICY", "OTHER"] as const;

/** "YYYY-MM-DDTHH:mm" in the browser's time → ISO instant. */
const localToIso = (v: string) => new Date(v).toISOString();
const nowLocal = () => {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/** 走访服务（"三服务"）：走访运输企业、记录发现的问题并跟踪解决；本年走访数、问题数、已解决数。 */
export function VisitsPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const { viewer } = useViewer();
  const { message } = AntApp.useApp();
  const writer = canWrite(viewer, "construction") && !viewer?.org;
  const yr = yearRange();
  const stats = useQuery(CwServiceStatsDocument, { variables: { from: yr.from, to: yr.to } });
  const [open, setOpen] = useState<Visit | null>(null);
  const [adding, setAdding] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const [solve] = useMutation(CwSolveProblemDocument);
  const s = stats.data?.serviceStatistics;
  const solveOne = async (id: string, solution: string) => {
    if (!solution.trim()) return;
    const r = await solve({ variables: { id, solution: solution.trim() } });
    const errs = r.data?.solveServiceProblem.userErrors ?? [];
    if (errs.length) return message.error(errs.map((e) => e.message).join("；"));
    message.success(t("common.saved"));
    const p = r.data?.solveServiceProblem.problem;
    if (p && open) setOpen({ ...open, problems: open.problems.map((x) => (x.id === p.id ? { ...x, ...p } : x)) });
    setRefresh((x) => x + 1);
    void stats.refetch();
  };
  return (
    <PageLayout
      title={t("visits.title")}
      subtitle={t("visits.subtitle")}
      testId="cw-visits"
      extra={
        writer ? (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="cw-visit-new">
            {t("visits.new")}
          </Button>
        ) : null
      }
    >
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="cw-visit-stats">
        <Col span={8}>
          <Card size="small">
            <Statistic title={t("visits.statVisits", { year: yr.year })} value={s?.visits ?? 0} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small">
            <Statistic title={t("visits.statProblems")} value={s?.problems ?? 0} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small">
            <Statistic title={t("visits.statSolved")} value={s?.solved ?? 0} />
          </Card>
        </Col>
      </Row>
      <ConnectionTable
        testId="cw-visits-table"
        query={CwVisitsDocument}
        variables={{}}
        refreshToken={refresh}
        select={(d) => d.serviceVisits}
        onRowClick={setOpen}
        columns={[
          { title: t("common.time"), dataIndex: "visitedAt", key: "at", render: f.time },
          { title: t("vehicles.company"), key: "company", render: (_: unknown, v: Visit) => v.company?.name ?? "—" },
          { title: t("visits.visitor"), dataIndex: "visitor", key: "visitor" },
          { title: t("visits.summary"), dataIndex: "summary", key: "summary", ellipsis: true },
          {
            title: t("visits.problems"),
            key: "problems",
            render: (_: unknown, v: Visit) => {
              const solved = v.problems.filter((p) => p.status === "SOLVED").length;
              return v.problems.length ? <Tag color={solved === v.problems.length ? "green" : "orange"}>{`${solved} / ${v.problems.length}`}</Tag> : "—";
            },
          },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open ? `${open.company?.name ?? ""} · ${f.time(open.visitedAt)}` : ""}
        items={open ? [{ label: t("visits.visitor"), value: open.visitor }, { label: t("visits.summary"), value: open.summary || "—" }] : []}
      >
        <List
          data-testid="cw-visit-problems"
          header={t("visits.problems")}
          dataSource={open?.problems ?? []}
          renderItem={(p) => (
            <List.Item key={p.id}>
              <Space orientation="vertical" style={{ width: "100%" }}>
                <Space>
                  <Tag>{t(`problemCategory.${p.category}`, { defaultValue: p.category })}</Tag>
                  <span>{p.description}</span>
                  <StatusTag status={p.status} ns={NS} />
                </Space>
                {p.status === "SOLVED" ? (
                  <span>{`${t("visits.solution")}：${p.solution ?? ""}（${f.time(p.solvedAt)}）`}</span>
                ) : writer ? (
                  <Input.Search placeholder={t("visits.solution")} enterButton={t("visits.solve")} onSearch={(v) => void solveOne(p.id, v)} data-testid={`cw-problem-solve-${p.id}`} />
                ) : null}
              </Space>
            </List.Item>
          )}
        />
      </DetailDrawer>
      <Drawer open={adding} title={t("visits.new")} onClose={() => setAdding(false)} size={600} destroyOnHidden>
        <VisitForm
          onDone={() => {
            setAdding(false);
            message.success(t("common.saved"));
            setRefresh((x) => x + 1);
            void stats.refetch();
          }}
        />
      </Drawer>
    </PageLayout>
  );
}

export interface VisitValues {
  companyId?: string;
  visitedAt: string;
  visitor: string;
  summary?: string;
  problems?: { category?: string; description?: string }[];
}

/** 记录一次走访：企业、时间、走访人、情况，以及发现的问题（类别、描述）。 */
export function VisitForm({ initial, onDone }: { initial?: Partial<VisitValues>; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const [search, setSearch] = useState<string>();
  const companies = useQuery(CwCompanyOptionsDocument, { variables: { search } });
  const [record] = useMutation(CwRecordVisitDocument);
  return (
    <ApiForm<VisitValues & Record<string, unknown>>
      initialValues={{ visitedAt: nowLocal(), problems: [], ...initial }}
      submitText={t("visits.new")}
      onSubmit={async (v) =>
        (
          await record({
            variables: {
              input: {
                companyId: v.companyId ?? "",
                visitedAt: localToIso(v.visitedAt),
                visitor: v.visitor.trim(),
                summary: v.summary?.trim() || undefined,
                problems: (v.problems ?? []).filter((p) => p.category || p.description?.trim()).map((p) => ({ category: p.category ?? "OTHER", description: (p.description ?? "").trim() })),
              },
            },
          })
        ).data?.recordServiceVisit
      }
      onSuccess={() => onDone()}
    >
      <Form.Item name="companyId" label={t("vehicles.company")} rules={[{ required: true, message: t("form.required") }]}>
        <Select
          showSearch
          filterOption={false}
          onSearch={(s) => setSearch(s || undefined)}
          data-testid="cw-visit-company"
          options={(companies.data?.transportCompanies.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name }))}
        />
      </Form.Item>
      <Space wrap>
        <Form.Item name="visitedAt" label={t("common.time")} rules={[{ required: true, message: t("form.required") }]}>
          <Input type="datetime-local" data-testid="cw-visit-at" />
        </Form.Item>
        <Form.Item name="visitor" label={t("visits.visitor")} rules={[{ required: true, message: t("form.required") }]}>
          <Input data-testid="cw-visit-visitor" maxLength={60} />
        </Form.Item>
      </Space>
      <Form.Item name="summary" label={t("visits.summary")}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="cw-visit-summary" />
      </Form.Item>
      <Form.List name="problems">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, "category"]} label={t("visits.category")} rules={[{ required: true, message: t("form.required") }]}>
                  <Select style={{ width: 160 }} options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: t(`problemCategory.${c}`) }))} />
                </Form.Item>
                <Form.Item name={[field.name, "description"]} label={t("visits.problem")} rules={[{ required: true, message: t("form.required") }]}>
                  <Input style={{ width: 260 }} data-testid={`cw-visit-problem-${field.name}`} maxLength={2000} />
                </Form.Item>
                <Button size="small" onClick={() => remove(field.name)}>
                  {t("common.remove")}
                </Button>
              </Space>
            ))}
            <Button onClick={() => add({ category: "OTHER" })} data-testid="cw-visit-add-problem" style={{ marginBottom: 16 }}>
              {t("visits.addProblem")}
            </Button>
          </>
        )}
      </Form.List>
    </ApiForm>
  );
}
