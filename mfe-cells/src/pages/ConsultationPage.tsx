import { useMutation, useQuery } from "@apollo/client/react";
import { errorMessage } from "@zw/client";
import { ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, localName, useLanguage, type FilterValues } from "@zw/ui";
import { Alert, App, Button, Input, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { CellsStatus, fmtDateTime, useNs, useRole } from "../common.js";
import { ConsultationQuestionsDocument, QuestionCategoriesDocument, TransitionConsultationQuestionDocument, type ConsultationAction, type ConsultationFilter, type ConsultationStatus, type QuestionRowFragment, type ConsultationQuestionsQuery, type ConsultationQuestionsQueryVariables } from "../graphql/generated.js";

const STATUSES: ConsultationStatus[] = ["NEW", "ANSWERED", "PUBLISHED", "CLOSED", "REJECTED"];
const ACTIONS: Record<ConsultationStatus, ConsultationAction[]> = { NEW: ["answer", "close", "reject"], ANSWERED: ["answer", "publish", "close"], PUBLISHED: ["unpublish"], CLOSED: [], REJECTED: [] };

/** The consultation inbox: questions from the public and from units, answered by staff. */
export function ConsultationPage() {
  const { t } = useNs();
  const lng = useLanguage();
  const [filter, setFilter] = useState<FilterValues>({ status: ["NEW"] });
  const [refresh, setRefresh] = useState(0);
  const [open, setOpen] = useState<QuestionRowFragment | null>(null);
  const cats = useQuery(QuestionCategoriesDocument);
  const variables = useMemo(() => {
    const f: ConsultationFilter = {};
    if (filter.status) f.status = filter.status as ConsultationStatus[];
    if (filter.category) f.category = filter.category as string;
    if (filter.search) f.search = filter.search as string;
    return { filter: f };
  }, [filter]);
  return (
    <PageLayout
      title={t("consult.title")}
      subtitle={t("consult.subtitle")}
      testId="cells-consultation"
      extra={<ExportButton name="cells.questions" filter={{ status: variables.filter.status, category: variables.filter.category }} />}
      filters={
        <FilterBar
          value={filter}
          onChange={setFilter}
          fields={[
            { name: "status", label: t("common.status"), type: "select", multiple: true, options: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
            { name: "category", label: t("consult.category"), type: "select", options: (cats.data?.questionCategories ?? []).map((c) => ({ value: c, label: c })) },
            { name: "search", label: t("common.search"), type: "text" },
          ]}
        />
      }
    >
      <ConnectionTable<ConsultationQuestionsQuery, ConsultationQuestionsQueryVariables, QuestionRowFragment>
        query={ConsultationQuestionsDocument}
        variables={variables}
        select={(d) => d.consultationQuestions}
        refreshToken={refresh}
        testId="consultation-table"
        onRowClick={setOpen}
        columns={[
          { title: t("consult.number"), dataIndex: "number" },
          { title: t("consult.category"), dataIndex: "category" },
          { title: t("consult.question"), dataIndex: "title", render: (v: string) => <Typography.Text data-testid="question-title">{v}</Typography.Text> },
          { title: t("consult.asker"), render: (_, r: QuestionRowFragment) => `${t(`consult.${r.askerKind}`)}${r.askerName ? ` · ${r.askerName}` : ""}` },
          { title: t("common.district"), render: (_, r: QuestionRowFragment) => (r.district ? localName(r.district, lng) : "—") },
          { title: t("common.status"), render: (_, r: QuestionRowFragment) => <CellsStatus status={r.status} /> },
          { title: t("consult.askedAt"), render: (_, r: QuestionRowFragment) => fmtDateTime(r.createdAt, lng) },
        ]}
      />
      {open ? (
        <QuestionDrawer
          question={open}
          onClose={() => setOpen(null)}
          onChanged={(q) => {
            setOpen(q);
            setRefresh((n) => n + 1);
          }}
        />
      ) : null}
    </PageLayout>
  );
}

function QuestionDrawer({ question, onClose, onChanged }: { question: QuestionRowFragment; onClose: () => void; onChanged: (q: QuestionRowFragment) => void }) {
  const { t } = useNs();
  const lng = useLanguage();
  const role = useRole();
  const { message } = App.useApp();
  const [answer, setAnswer] = useState(question.answer ?? "");
  const [faqTitle, setFaqTitle] = useState(question.faqTitle ?? question.title);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [move, moving] = useMutation(TransitionConsultationQuestionDocument);
  const actions = ACTIONS[question.status].filter((a) => role.isOffice || (a !== "publish" && a !== "unpublish"));
  const act = async (action: ConsultationAction) => {
    try {
      const r = await move({ variables: { id: question.id, action, answer: action === "answer" ? answer : undefined, comment: action === "close" || action === "reject" ? comment : undefined, faqTitle: action === "publish" ? faqTitle : undefined } });
      const p = r.data?.transitionConsultationQuestion;
      if (p?.userErrors.length) setError(p.userErrors.map((e) => e.message).join("；"));
      else if (p?.question) {
        setError(null);
        message.success(t(`consult.action.${action}`));
        onChanged(p.question);
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <DetailDrawer
      open
      width={680}
      onClose={onClose}
      title={`${question.number} ${question.title}`}
      items={[
        { label: t("common.status"), value: <CellsStatus status={question.status} /> },
        { label: t("consult.category"), value: <Tag>{question.category}</Tag> },
        { label: t("consult.asker"), value: `${t(`consult.${question.askerKind}`)} ${question.askerName}` },
        { label: t("consult.contact"), value: question.contact || "—" },
        { label: t("consult.askedAt"), value: fmtDateTime(question.createdAt, lng) },
        // Plain text, shown as text: any markup in it stays visible and inert.
        { label: t("consult.question"), value: <Typography.Text style={{ whiteSpace: "pre-wrap" }} data-testid="question-body">{question.body}</Typography.Text> },
        ...(question.closedReason ? [{ label: t("common.reason"), value: question.closedReason }] : []),
      ]}
    >
      <Space direction="vertical" style={{ width: "100%", marginTop: 16 }}>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {actions.includes("answer") ? (
          <Input.TextArea rows={5} placeholder={t("consult.answer")} value={answer} onChange={(e) => setAnswer(e.target.value)} maxLength={5000} data-testid="answer-input" />
        ) : question.answer ? (
          <Alert type="success" title={t("consult.answer")} description={<span style={{ whiteSpace: "pre-wrap" }}>{question.answer}</span>} />
        ) : null}
        {actions.includes("publish") ? <Input addonBefore={t("consult.faqTitle")} value={faqTitle} onChange={(e) => setFaqTitle(e.target.value)} maxLength={100} data-testid="faq-title-input" /> : null}
        {actions.includes("close") || actions.includes("reject") ? <Input placeholder={t("common.reason")} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} /> : null}
        <Space wrap>
          {actions.map((a) => (
            <Button key={a} type={a === "answer" || a === "publish" ? "primary" : "default"} danger={a === "reject"} loading={moving.loading} onClick={() => void act(a)} data-testid={`question-${a}`}>
              {t(`consult.action.${a}`)}
            </Button>
          ))}
        </Space>
      </Space>
    </DetailDrawer>
  );
}
