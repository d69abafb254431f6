import { useLazyQuery, useMutation, useQuery } from "@apollo/client/react";
import { errorMessage } from "@zw/client";
import { ApiForm, EmptyState, ErrorState, LoadingState, PageLayout, localName, useLanguage } from "@zw/ui";
import { Alert, Button, Card, Col, Collapse, Form, Input, Row, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { CellsStatus, fmtDate, useNs } from "../common.js";
import { AskQuestionDocument, ConsultationStatusDocument, FaqDocument, PublicDistrictsDocument, QuestionCategoriesDocument } from "../graphql/generated.js";

/**
 * 咨询查询 — the public side of consultation: search the FAQ, ask a question, look up an answer.
 * Every query and mutation here is public in the API (no login needed); the shell mounts this page for
 * visitors without an account (the manifest's `publicPaths`).
 */
export function FaqPage() {
  const { t } = useNs();
  return (
    <PageLayout title={t("faq.title")} subtitle={t("faq.subtitle")} testId="cells-faq">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <FaqSearch />
        </Col>
        <Col xs={24} xl={10}>
          <AskForm />
          <Lookup />
        </Col>
      </Row>
    </PageLayout>
  );
}

function FaqSearch() {
  const { t } = useNs();
  const lng = useLanguage();
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const [input, setInput] = useState(search);
  const [category, setCategory] = useState<string | undefined>();
  const cats = useQuery(QuestionCategoriesDocument);
  const q = useQuery(FaqDocument, { variables: { search: search || undefined, category, first: 30 } });
  const entries = q.data?.faq.edges.map((e) => e.node) ?? [];
  return (
    <Card size="small" title={t("tabs.faq")}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onSearch={(v) => setParams((p) => (v ? p.set("q", v) : p.delete("q"), p))}
          placeholder={t("faq.searchPlaceholder")}
          enterButton={t("common.search")}
          maxLength={100}
          style={{ width: 360 }}
          data-testid="faq-search"
        />
        <Select allowClear placeholder={t("consult.category")} value={category} onChange={setCategory} options={(cats.data?.questionCategories ?? []).map((c) => ({ value: c, label: c }))} style={{ width: 140 }} />
      </Space>
      {q.loading && !q.data ? (
        <LoadingState />
      ) : q.error && !q.data ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : entries.length ? (
        <Collapse
          data-testid="faq-results"
          items={entries.map((e) => ({
            key: e.id,
            label: (
              <Space>
                <Tag>{e.category}</Tag>
                <span data-testid="faq-question">{e.question}</span>
              </Space>
            ),
            children: (
              <>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{e.answer}</Typography.Paragraph>
                <Typography.Text type="secondary">{`${e.number} · ${fmtDate(e.publishedAt, lng)}`}</Typography.Text>
              </>
            ),
          }))}
        />
      ) : (
        <EmptyState description={t("faq.empty")} />
      )}
    </Card>
  );
}

function AskForm() {
  const { t } = useNs();
  const lng = useLanguage();
  const cats = useQuery(QuestionCategoriesDocument);
  const districts = useQuery(PublicDistrictsDocument);
  const [ask] = useMutation(AskQuestionDocument);
  const [sent, setSent] = useState<{ number: string; code: string } | null>(null);
  const [form] = Form.useForm();
  return (
    <Card size="small" title={t("faq.ask")} data-testid="ask-card">
      {sent ? (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="ask-sent" title={t("faq.sent", { number: sent.number, code: sent.code })} closable onClose={() => setSent(null)} />
      ) : null}
      <ApiForm
        form={form}
        submitText={t("faq.send")}
        onSubmit={async (v: Record<string, unknown>) => {
          const r = await ask({
            variables: {
              input: {
                category: v.category as string,
                title: v.title as string,
                body: v.body as string,
                askerName: (v.askerName as string) || undefined,
                contact: (v.contact as string) || undefined,
                districtId: (v.districtId as string) || undefined,
              },
            },
          });
          return r.data?.askQuestion;
        }}
        onSuccess={(p) => {
          const x = p as { number: string | null; trackingCode: string | null };
          if (x.number && x.trackingCode) setSent({ number: x.number, code: x.trackingCode });
          form.resetFields();
        }}
      >
        <Form.Item name="category" label={t("consult.category")} rules={[{ required: true }]}>
          <Select options={(cats.data?.questionCategories ?? []).map((c) => ({ value: c, label: c }))} data-testid="ask-category" />
        </Form.Item>
        <Form.Item name="title" label={t("faq.askTitle")} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input maxLength={100} data-testid="ask-title" />
        </Form.Item>
        <Form.Item name="body" label={t("faq.askBody")} rules={[{ required: true, min: 5, max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="ask-body" />
        </Form.Item>
        <Form.Item name="askerName" label={t("faq.askName")}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="contact" label={t("faq.askContact")}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="districtId" label={t("faq.askDistrict")}>
          <Select allowClear options={(districts.data?.districts ?? []).filter((d) => d.level === "DISTRICT").map((d) => ({ value: d.id, label: localName(d, lng) }))} />
        </Form.Item>
      </ApiForm>
    </Card>
  );
}

function Lookup() {
  const { t } = useNs();
  const lng = useLanguage();
  const [number, setNumber] = useState("");
  const [code, setCode] = useState("");
  const [load, r] = useLazyQuery(ConsultationStatusDocument, { fetchPolicy: "network-only" });
  const s = r.data?.consultationStatus;
  return (
    <Card size="small" title={t("faq.lookup")} style={{ marginTop: 16 }}>
      <Space wrap>
        <Input placeholder={t("faq.lookupNumber")} value={number} onChange={(e) => setNumber(e.target.value)} maxLength={40} style={{ width: 170 }} data-testid="lookup-number" />
        <Input placeholder={t("faq.lookupCode")} value={code} onChange={(e) => setCode(e.target.value)} maxLength={40} style={{ width: 140 }} data-testid="lookup-code" />
        <Button onClick={() => void load({ variables: { number: number.trim(), trackingCode: code.trim() } })} disabled={!number || !code} loading={r.loading} data-testid="lookup-submit">
          {t("common.search")}
        </Button>
      </Space>
      {r.error ? <Alert type="error" style={{ marginTop: 12 }} title={errorMessage(r.error)} /> : null}
      {r.called && !r.loading && !r.error ? (
        s ? (
          <div style={{ marginTop: 12 }} data-testid="lookup-result">
            <Space>
              <Typography.Text strong>{s.title}</Typography.Text>
              <CellsStatus status={s.status} />
            </Space>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 8 }}>{s.answer ?? t("faq.pending")}</Typography.Paragraph>
            {s.answeredAt ? <Typography.Text type="secondary">{fmtDate(s.answeredAt, lng)}</Typography.Text> : null}
          </div>
        ) : (
          <Alert type="warning" style={{ marginTop: 12 }} title={t("faq.lookupNone")} />
        )
      ) : null}
    </Card>
  );
}
