import { useMutation, useQuery } from "@apollo/client/react";
import { errorMessage } from "@zw/client";
import { ApiForm, ConnectionTable, DetailDrawer, EmptyState, ErrorState, LoadingState, PageLayout, useLanguage } from "@zw/ui";
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Modal, Segmented, Select, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { CellsStatus, fmtDate, useNs, useRole } from "../common.js";
import {
  AcademyCategoriesDocument,
  AcademyItemDocument,
  AcademyItemsDocument,
  AcademySearchDocument,
  CreateAcademyItemDocument,
  TransitionAcademyItemDocument,
  UpdateAcademyItemDocument,
  type AcademyAction,
  type AcademyKind,
  type AcademyItemsQuery,
  type AcademyItemsQueryVariables,
  type AcademyRowFragment,
  type AcademyStatus,
} from "../graphql/generated.js";

const KINDS: AcademyKind[] = ["ARTICLE", "POLICY", "COURSE"];
const ACTIONS: Record<AcademyStatus, AcademyAction[]> = { DRAFT: ["submit"], IN_REVIEW: ["publish", "reject"], PUBLISHED: ["archive"], ARCHIVED: ["restore"] };
const OFFICE_ONLY: AcademyAction[] = ["publish", "reject", "archive", "restore"];

/** 无废学院: the reader (search in Chinese, published items; public) and, for staff, the editor. */
export function AcademyPage() {
  const { t } = useNs();
  const role = useRole();
  const [mode, setMode] = useState<"reader" | "editor">("reader");
  return (
    <PageLayout
      title={t("academy.title")}
      subtitle={t("academy.subtitle")}
      testId="cells-academy"
      extra={
        role.writes ? (
          <Segmented
            value={mode}
            onChange={(v) => setMode(v as "reader" | "editor")}
            options={[
              { value: "reader", label: t("academy.reader") },
              { value: "editor", label: <span data-testid="academy-editor-tab">{t("academy.editor")}</span> },
            ]}
          />
        ) : null
      }
    >
      {mode === "reader" ? <Reader /> : <Editor />}
    </PageLayout>
  );
}

/** Plain text as paragraphs (rendered as text: markup shows as typed). */
export function PlainText({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <Typography.Paragraph key={i} style={{ whiteSpace: "pre-wrap" }}>
            {p}
          </Typography.Paragraph>
        ))}
    </>
  );
}

function Reader() {
  const { t } = useNs();
  const lng = useLanguage();
  const [params, setParams] = useSearchParams();
  const [input, setInput] = useState(params.get("q") ?? "");
  const query = params.get("q") ?? "";
  const [kind, setKind] = useState<AcademyKind | "ALL">("ALL");
  const [category, setCategory] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const cats = useQuery(AcademyCategoriesDocument);
  const q = useQuery(AcademySearchDocument, { variables: { query: query || undefined, kind: kind === "ALL" ? undefined : kind, category, first: 20 } });
  const conn = q.data?.academySearch;
  const more = async () => {
    if (!conn?.pageInfo.endCursor) return;
    await q.fetchMore({
      variables: { after: conn.pageInfo.endCursor },
      updateQuery: (prev, { fetchMoreResult }) => ({ academySearch: { ...fetchMoreResult.academySearch, edges: [...prev.academySearch.edges, ...fetchMoreResult.academySearch.edges] } }),
    });
  };
  return (
    <>
      <Card size="small">
        <Space wrap style={{ width: "100%" }}>
          <Input.Search
            allowClear
            value={input}
            onChange={(e) => setInput(e.target.value)}
            onSearch={(v) => setParams((p) => (v ? p.set("q", v) : p.delete("q"), p))}
            placeholder={t("academy.searchPlaceholder")}
            enterButton={t("common.search")}
            style={{ width: 420 }}
            maxLength={100}
            data-testid="academy-search"
          />
          <Segmented value={kind} onChange={(v) => setKind(v as AcademyKind | "ALL")} options={[{ value: "ALL", label: t("common.all") }, ...KINDS.map((k) => ({ value: k, label: t(`academy.kind${k}`) }))]} />
          <Select allowClear placeholder={t("academy.category")} value={category} onChange={setCategory} options={(cats.data?.academyCategories ?? []).map((c) => ({ value: c, label: c }))} style={{ width: 160 }} />
        </Space>
      </Card>
      {q.loading && !q.data ? (
        <LoadingState />
      ) : q.error && !q.data ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Card size="small" title={t("academy.results", { n: conn?.totalCount ?? 0 })}>
          {conn?.edges.length ? (
            <List
              itemLayout="vertical"
              data-testid="academy-results"
              dataSource={conn.edges.map((e) => e.node)}
              loadMore={conn.pageInfo.hasNextPage ? <Button onClick={() => void more()} style={{ margin: 12 }}>{t("academy.more")}</Button> : null}
              renderItem={(a) => (
                <List.Item key={a.id} onClick={() => setOpen(a.id)} style={{ cursor: "pointer" }} extra={<Tag>{t(`academy.kind${a.kind}`)}</Tag>}>
                  <List.Item.Meta
                    title={<Typography.Link data-testid="academy-result-title">{a.title}</Typography.Link>}
                    description={
                      <Space wrap size={4}>
                        <Tag color="blue">{a.category}</Tag>
                        {a.tags.map((x) => (
                          <Tag key={x}>{x}</Tag>
                        ))}
                        <Typography.Text type="secondary">{t("academy.published", { date: fmtDate(a.publishedAt, lng) })}</Typography.Text>
                      </Space>
                    }
                  />
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {a.summary}
                  </Typography.Paragraph>
                </List.Item>
              )}
            />
          ) : (
            <EmptyState />
          )}
        </Card>
      )}
      {open ? <ReaderDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function ReaderDrawer({ id, onClose, children }: { id: string; onClose: () => void; children?: React.ReactNode }) {
  const { t } = useNs();
  const lng = useLanguage();
  const q = useQuery(AcademyItemDocument, { variables: { id }, fetchPolicy: "network-only" });
  const a = q.data?.academyItem;
  return (
    <DetailDrawer
      open
      width={760}
      onClose={onClose}
      loading={q.loading && !a}
      error={q.error}
      title={a?.title ?? ""}
      items={
        a
          ? [
              { label: t("academy.kind"), value: <Space><Tag>{t(`academy.kind${a.kind}`)}</Tag><Tag color="blue">{a.category}</Tag><CellsStatus status={a.status} /></Space> },
              ...(a.source ? [{ label: t("academy.source"), value: a.source }] : []),
              ...(a.docNumber ? [{ label: t("academy.docNumber"), value: a.docNumber }] : []),
              ...(a.issuedOn ? [{ label: t("academy.issuedOn"), value: a.issuedOn }] : []),
              ...(a.durationMinutes ? [{ label: t("academy.lessons"), value: t("academy.duration", { n: a.durationMinutes }) }] : []),
              ...(a.publishedAt ? [{ label: t("academy.published", { date: "" }), value: fmtDate(a.publishedAt, lng) }] : []),
            ]
          : []
      }
    >
      {a ? (
        <div style={{ marginTop: 16 }} data-testid="academy-reader">
          {a.summary ? <Alert type="info" title={a.summary} style={{ marginBottom: 16 }} /> : null}
          <PlainText text={a.body} />
          {a.lessons.length ? (
            <List size="small" header={t("academy.lessons")} bordered dataSource={a.lessons} renderItem={(l, i) => <List.Item extra={t("academy.duration", { n: l.minutes })}>{`${i + 1}. ${l.title}`}</List.Item>} />
          ) : null}
          {children}
        </div>
      ) : null}
    </DetailDrawer>
  );
}

function Editor() {
  const { t } = useNs();
  const lng = useLanguage();
  const [status, setStatus] = useState<AcademyStatus | undefined>();
  const [refresh, setRefresh] = useState(0);
  const [open, setOpen] = useState<AcademyRowFragment | null>(null);
  const [editing, setEditing] = useState<AcademyRowFragment | "new" | null>(null);
  const variables = useMemo(() => ({ filter: status ? { status: [status] } : {} }), [status]);
  return (
    <>
      <Card size="small">
        <Space>
          <Select allowClear placeholder={t("common.status")} value={status} onChange={setStatus} options={(["DRAFT", "IN_REVIEW", "PUBLISHED", "ARCHIVED"] as AcademyStatus[]).map((s) => ({ value: s, label: t(`status.${s}`) }))} style={{ width: 140 }} />
          <Button type="primary" onClick={() => setEditing("new")} data-testid="academy-new">
            {t("academy.new")}
          </Button>
        </Space>
      </Card>
      <ConnectionTable<AcademyItemsQuery, AcademyItemsQueryVariables, AcademyRowFragment>
        query={AcademyItemsDocument}
        variables={variables}
        select={(d) => d.academyItems}
        refreshToken={refresh}
        testId="academy-editor-table"
        onRowClick={setOpen}
        columns={[
          { title: t("academy.titleField"), dataIndex: "title" },
          { title: t("academy.kind"), render: (_, r: AcademyRowFragment) => t(`academy.kind${r.kind}`) },
          { title: t("academy.category"), dataIndex: "category" },
          { title: t("common.status"), render: (_, r: AcademyRowFragment) => <CellsStatus status={r.status} /> },
          { title: t("common.updatedAt"), render: (_, r: AcademyRowFragment) => fmtDate(r.updatedAt, lng) },
        ]}
      />
      {open ? (
        <EditorDrawer
          item={open}
          onClose={() => setOpen(null)}
          onEdit={() => {
            setEditing(open);
            setOpen(null);
          }}
          onChanged={() => setRefresh((n) => n + 1)}
        />
      ) : null}
      {editing ? (
        <EditModal
          item={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            setRefresh((n) => n + 1);
          }}
        />
      ) : null}
    </>
  );
}

function EditorDrawer({ item, onClose, onEdit, onChanged }: { item: AcademyRowFragment; onClose: () => void; onEdit: () => void; onChanged: () => void }) {
  const { t } = useNs();
  const role = useRole();
  const { message } = App.useApp();
  const [status, setStatus] = useState(item.status);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [move, moving] = useMutation(TransitionAcademyItemDocument);
  const actions = ACTIONS[status].filter((a) => role.isOffice || !OFFICE_ONLY.includes(a));
  const act = async (action: AcademyAction) => {
    try {
      const r = await move({ variables: { id: item.id, action, comment: comment || undefined } });
      const p = r.data?.transitionAcademyItem;
      if (p?.userErrors.length) setError(p.userErrors.map((e) => e.message).join("；"));
      else if (p?.item) {
        setError(null);
        setStatus(p.item.status);
        message.success(t(`academy.action.${action}`));
        onChanged();
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <ReaderDrawer id={item.id} onClose={onClose} key={status}>
      <Card size="small" style={{ marginTop: 16 }} title={<CellsStatus status={status} />}>
        <Space direction="vertical" style={{ width: "100%" }}>
          {error ? <Alert type="error" showIcon title={error} data-testid="academy-error" /> : null}
          {status === "IN_REVIEW" && role.isOffice ? <Input.TextArea rows={2} placeholder={t("academy.reviewComment")} value={comment} onChange={(e) => setComment(e.target.value)} /> : null}
          <Space wrap>
            {status === "DRAFT" ? (
              <Button onClick={onEdit} data-testid="academy-edit">
                {t("academy.edit")}
              </Button>
            ) : null}
            {actions.map((a) => (
              <Button key={a} type={a === "publish" || a === "submit" ? "primary" : "default"} loading={moving.loading} onClick={() => void act(a)} data-testid={`academy-${a}`}>
                {t(`academy.action.${a}`)}
              </Button>
            ))}
          </Space>
        </Space>
      </Card>
    </ReaderDrawer>
  );
}

function EditModal({ item, onClose, onDone }: { item: AcademyRowFragment | null; onClose: () => void; onDone: () => void }) {
  const { t } = useNs();
  const { message } = App.useApp();
  const cats = useQuery(AcademyCategoriesDocument);
  const full = useQuery(AcademyItemDocument, { variables: { id: item?.id ?? "" }, skip: !item, fetchPolicy: "network-only" });
  const [create] = useMutation(CreateAcademyItemDocument);
  const [update] = useMutation(UpdateAcademyItemDocument);
  const a = full.data?.academyItem;
  if (item && !a) return null;
  return (
    <Modal open width={720} title={item ? t("academy.edit") : t("academy.new")} footer={null} onCancel={onClose} destroyOnHidden>
      <ApiForm
        submitText={t("common.save")}
        initialValues={a ? { kind: a.kind, title: a.title, summary: a.summary, body: a.body, category: a.category, tags: a.tags, source: a.source, docNumber: a.docNumber ?? undefined, author: a.author, durationMinutes: a.durationMinutes ?? undefined, lessons: a.lessons.map((l) => ({ title: l.title, minutes: l.minutes })) } : { kind: "ARTICLE", lessons: [] }}
        onSubmit={async (v: Record<string, unknown>) => {
          const input = {
            kind: v.kind as AcademyKind,
            title: v.title as string,
            summary: (v.summary as string) ?? "",
            body: (v.body as string) ?? "",
            category: v.category as string,
            tags: (v.tags as string[]) ?? [],
            author: (v.author as string) || undefined,
            source: (v.source as string) || undefined,
            docNumber: (v.docNumber as string) || undefined,
            durationMinutes: (v.durationMinutes as number) || undefined,
            lessons: ((v.lessons as { title: string; minutes: number }[] | undefined) ?? []).filter((l) => l?.title),
          };
          if (item) return (await update({ variables: { input: { ...input, id: item.id } } })).data?.updateAcademyItem;
          return (await create({ variables: { input } })).data?.createAcademyItem;
        }}
        onSuccess={() => {
          message.success(t("academy.savedDraft"));
          onDone();
        }}
      >
        <Space wrap>
          <Form.Item name="kind" label={t("academy.kind")} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`academy.kind${k}`) }))} style={{ width: 140 }} disabled={!!item} />
          </Form.Item>
          <Form.Item name="category" label={t("academy.category")} rules={[{ required: true }]}>
            <Select options={(cats.data?.academyCategories ?? []).map((c) => ({ value: c, label: c }))} style={{ width: 160 }} data-testid="academy-category" />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t("academy.titleField")} rules={[{ required: true }]}>
          <Input maxLength={200} data-testid="academy-title-input" />
        </Form.Item>
        <Form.Item name="summary" label={t("academy.summary")}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="body" label={t("academy.body")}>
          <Input.TextArea rows={8} maxLength={100000} data-testid="academy-body-input" />
        </Form.Item>
        <Form.Item name="tags" label={t("academy.tags")}>
          <Select mode="tags" maxCount={12} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="author" label={t("academy.author")}>
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="source" label={t("academy.source")}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="docNumber" label={t("academy.docNumber")}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t("academy.minutes")}>
            <InputNumber min={1} max={10000} />
          </Form.Item>
        </Space>
        <Form.List name="lessons">
          {(fields, { add, remove }) => (
            <Card size="small" title={t("academy.lessons")} extra={<Button size="small" onClick={() => add({ title: "", minutes: 20 })}>{t("academy.addLesson")}</Button>}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, "title"]} rules={[{ required: true }]}>
                    <Input maxLength={100} placeholder={t("academy.titleField")} style={{ width: 360 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, "minutes"]} rules={[{ required: true }]}>
                    <InputNumber min={1} max={600} addonAfter={t("academy.min")} />
                  </Form.Item>
                  <Button size="small" onClick={() => remove(f.name)}>
                    {t("academy.removeLesson")}
                  </Button>
                </Space>
              ))}
            </Card>
          )}
        </Form.List>
      </ApiForm>
    </Modal>
  );
}
