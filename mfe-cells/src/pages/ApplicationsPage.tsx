import { useMutation, useQuery } from "@apollo/client/react";
import { errorMessage } from "@zw/client";
import { ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, localName, useLanguage, type FilterValues } from "@zw/ui";
import { Alert, App, Button, Card, Checkbox, Flex, Input, InputNumber, Modal, Space, Table, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { CellsStatus, fmtDate, fmtDateTime, useCellTypes, useDistrictOptions, useNs, useRole } from "../common.js";
import {
  CellApplicationDocument,
  CellApplicationsDocument,
  SaveCellSelfAssessmentDocument,
  ScoreCellApplicationDocument,
  TransitionCellApplicationDocument,
  type ApplicationDetailFragment,
  type ApplicationRowFragment,
  type CellApplicationAction,
  type CellApplicationFilter,
  type CellApplicationStatus,
} from "../graphql/generated.js";

const STATUSES: CellApplicationStatus[] = ["DRAFT", "SUBMITTED", "UNDER_REVIEW", "CERTIFIED", "REJECTED", "WITHDRAWN", "EXPIRED", "REVOKED", "SUPERSEDED"];
const NEEDS_COMMENT: CellApplicationAction[] = ["returnForChanges", "reject", "revoke"];

/** Applications and their review: list with filters and export; a drawer with the scoring form. */
export function ApplicationsPage() {
  const { t } = useNs();
  const lng = useLanguage();
  const role = useRole();
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState<FilterValues>(() => (params.get("status") ? { status: [params.get("status")!] } : {}));
  const [refresh, setRefresh] = useState(0);
  const { types } = useCellTypes();
  const districtOptions = useDistrictOptions();
  const openId = params.get("open");
  const variables = useMemo(() => {
    const f: CellApplicationFilter = {};
    if (filter.districtId) f.districtId = filter.districtId as string;
    if (filter.cellTypeId) f.cellTypeId = filter.cellTypeId as string;
    if (filter.status) f.status = filter.status as CellApplicationStatus[];
    if (filter.search) f.search = filter.search as string;
    return { filter: f };
  }, [filter]);

  return (
    <PageLayout
      title={t("apps.title")}
      subtitle={t("apps.subtitle")}
      testId="cells-applications"
      extra={role.reads ? <ExportButton name="cells.applications" filter={variables.filter as Record<string, unknown>} /> : null}
      filters={
        <FilterBar
          value={filter}
          onChange={setFilter}
          fields={[
            ...(role.isOperator ? [] : [{ name: "districtId", label: t("common.district"), type: "select" as const, options: districtOptions }]),
            { name: "cellTypeId", label: t("common.cellType"), type: "select", options: types.map((x) => ({ value: x.id, label: localName(x, lng) })) },
            { name: "status", label: t("common.status"), type: "select", multiple: true, options: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
            { name: "search", label: t("common.search"), type: "text" },
          ]}
        />
      }
    >
      <ConnectionTable
        query={CellApplicationsDocument}
        variables={variables}
        select={(d) => d.cellApplications}
        refreshToken={refresh}
        testId="applications-table"
        onRowClick={(r) => setParams((p) => (p.set("open", r.id), p))}
        columns={[
          { title: t("apps.number"), dataIndex: "number", render: (v: string) => <span data-testid="app-number">{v}</span> },
          { title: t("common.unit"), render: (_, r: ApplicationRowFragment) => r.unit.name },
          { title: t("common.cellType"), render: (_, r: ApplicationRowFragment) => localName(r.cellType, lng) },
          { title: t("common.district"), render: (_, r: ApplicationRowFragment) => localName(r.district, lng) },
          { title: t("apps.kind"), render: (_, r: ApplicationRowFragment) => t(`apps.kind${r.kind}`) },
          { title: t("common.status"), render: (_, r: ApplicationRowFragment) => <CellsStatus status={r.status} /> },
          { title: t("apps.totalScore"), dataIndex: "totalScore", align: "right", render: (v: string | null) => v ?? "—" },
          { title: t("apps.certificateNo"), dataIndex: "certificateNo", render: (v: string | null) => v ?? "—" },
          { title: t("apps.validUntil"), render: (_, r: ApplicationRowFragment) => fmtDate(r.validUntil, lng) },
          { title: t("common.updatedAt"), render: (_, r: ApplicationRowFragment) => fmtDateTime(r.updatedAt, lng) },
        ]}
      />
      {openId ? (
        <ApplicationDrawer
          id={openId}
          onClose={() => setParams((p) => (p.delete("open"), p))}
          onChanged={() => setRefresh((n) => n + 1)}
        />
      ) : null}
    </PageLayout>
  );
}

interface ScoreDraft {
  score: number | null;
  evidence: string;
  comment: string;
}
interface SelfDraft {
  selfScore: number | null;
  evidence: string;
}

function ApplicationDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useNs();
  const lng = useLanguage();
  const role = useRole();
  const { message } = App.useApp();
  const q = useQuery(CellApplicationDocument, { variables: { id }, fetchPolicy: "network-only" });
  const a = q.data?.cellApplication;
  const [errors, setErrors] = useState<string[]>([]);
  const [scores, setScores] = useState<Record<string, ScoreDraft>>({});
  const [self, setSelf] = useState<Record<string, SelfDraft>>({});
  const [summary, setSummary] = useState("");
  const [score, scoring] = useMutation(ScoreCellApplicationDocument);
  const [saveSelf, savingSelf] = useMutation(SaveCellSelfAssessmentDocument);
  const [transition, moving] = useMutation(TransitionCellApplicationDocument);

  useEffect(() => {
    if (!a) return;
    setScores(Object.fromEntries(a.items.map((i) => [i.item.id, { score: i.score == null ? null : Number(i.score), evidence: i.reviewEvidence, comment: i.comment }])));
    setSelf(Object.fromEntries(a.items.map((i) => [i.item.id, { selfScore: i.selfScore == null ? null : Number(i.selfScore), evidence: i.unitEvidence }])));
    setSummary(a.summary);
  }, [a?.id, a?.status, a?.updatedAt]);

  const canScore = !!a && a.status === "UNDER_REVIEW" && role.isOffice;
  const canSelf = !!a && a.status === "DRAFT" && a.allowedActions.includes("submit");
  const liveTotal = a ? a.items.reduce((s, i) => s + (scores[i.item.id]?.score ?? 0), 0) : 0;

  const apply = (r: { application: ApplicationDetailFragment | null; userErrors: readonly { field?: string | null; message: string }[] } | undefined, ok: string) => {
    if (!r) return;
    if (r.userErrors.length) {
      setErrors(r.userErrors.map((e) => {
        const m = /\[(\d+)\]/.exec(e.field ?? "");
        const item = m && a ? a.items[Number(m[1])]?.item.code : null;
        return item ? `${item}：${e.message}` : e.message;
      }));
      return;
    }
    setErrors([]);
    message.success(ok);
    onChanged();
    void q.refetch();
  };

  const saveScores = async () => {
    if (!a) return;
    try {
      const r = await score({
        variables: {
          input: {
            applicationId: a.id,
            scores: a.items.map((i) => {
              const d = scores[i.item.id]!;
              return { itemId: i.item.id, score: d.score == null ? null : String(d.score), evidence: d.evidence, comment: d.comment };
            }),
          },
        },
      });
      apply(r.data?.scoreCellApplication, t("apps.scoresSaved"));
    } catch (e) {
      setErrors([errorMessage(e)]);
    }
  };

  const saveSelfAssessment = async () => {
    if (!a) return;
    try {
      const r = await saveSelf({
        variables: {
          input: {
            applicationId: a.id,
            summary,
            items: a.items.map((i) => {
              const d = self[i.item.id]!;
              return { itemId: i.item.id, selfScore: d.selfScore == null ? undefined : String(d.selfScore), evidence: d.evidence };
            }),
          },
        },
      });
      apply(r.data?.saveCellSelfAssessment, t("apps.selfSaved"));
    } catch (e) {
      setErrors([errorMessage(e)]);
    }
  };

  const act = (action: CellApplicationAction) => {
    if (!a) return;
    let comment = "";
    let provincial = false;
    const run = async () => {
      try {
        const r = await transition({ variables: { id: a.id, action, comment: comment || undefined, level: action === "certify" ? (provincial ? "PROVINCIAL" : "CITY") : undefined } });
        apply(r.data?.transitionCellApplication, t("apps.actionDone", { action: t(`apps.action.${action}`) }));
      } catch (e) {
        setErrors([errorMessage(e)]);
      }
    };
    if (NEEDS_COMMENT.includes(action) || action === "certify") {
      Modal.confirm({
        title: t(`apps.action.${action}`),
        content: (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Input.TextArea rows={3} placeholder={NEEDS_COMMENT.includes(action) ? t("apps.needsComment") : t("common.comment")} onChange={(e) => (comment = e.target.value)} data-testid="action-comment" />
            {action === "certify" ? <Checkbox onChange={(e) => (provincial = e.target.checked)}>{t("apps.certifyProvincial")}</Checkbox> : null}
          </Space>
        ),
        okText: t("common.confirm"),
        cancelText: t("common.cancel"),
        okButtonProps: { "data-testid": "action-confirm" } as never,
        onOk: run,
      });
    } else void run();
  };

  return (
    <DetailDrawer
      open
      width={980}
      onClose={onClose}
      loading={q.loading && !a}
      error={q.error}
      title={a ? `${a.number} · ${a.unit.name}` : ""}
      extra={
        a ? (
          <Space wrap>
            {a.allowedActions.map((x) => (
              <Button key={x} danger={x === "reject" || x === "revoke"} type={x === "certify" || x === "submit" ? "primary" : "default"} loading={moving.loading} onClick={() => act(x)} data-testid={`action-${x}`}>
                {t(`apps.action.${x}`)}
              </Button>
            ))}
          </Space>
        ) : null
      }
      items={
        a
          ? [
              { label: t("common.status"), value: <CellsStatus status={a.status} /> },
              { label: t("common.cellType"), value: `${localName(a.cellType, lng)} · ${localName(a.district, lng)}` },
              { label: t("apps.kind"), value: `${t(`apps.kind${a.kind}`)}${a.previousApplication ? ` · ${t("apps.previous")} ${a.previousApplication.certificateNo ?? a.previousApplication.number}` : ""}` },
              { label: t("apps.totalScore"), value: <span data-testid="app-total">{`${a.totalScore ?? "—"} / ${t("apps.passMark")} ${a.passMark} · ${t("apps.scored", { n: a.scoredItems, total: a.items.length })}`}</span> },
              ...(a.certificateNo
                ? [{ label: t("apps.certificateNo"), value: <Space><Tag color="green" data-testid="app-certificate">{a.certificateNo}</Tag>{t(`apps.level${a.level}`)}{a.certificateState ? <CellsStatus status={a.certificateState} /> : null}{fmtDate(a.certifiedAt, lng)} – {fmtDate(a.validUntil, lng)}</Space> }]
                : []),
              ...(a.decisionComment ? [{ label: t("apps.decision"), value: a.decisionComment }] : []),
              ...(a.revokeReason ? [{ label: t("common.reason"), value: a.revokeReason }] : []),
            ]
          : []
      }
    >
      {a ? (
        <Space direction="vertical" style={{ width: "100%", marginTop: 16 }}>
          {errors.length ? <Alert type="error" showIcon data-testid="app-errors" title={errors.join("；")} closable onClose={() => setErrors([])} /> : null}
          <Card size="small" title={t("apps.summary")}>
            {canSelf ? (
              <Input.TextArea rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={8000} data-testid="self-summary" />
            ) : (
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{a.summary || "—"}</Typography.Paragraph>
            )}
          </Card>
          <Card
            size="small"
            title={t("apps.items")}
            extra={
              canScore ? (
                <Flex gap={8} align="center">
                  <Typography.Text strong data-testid="live-total">{t("apps.scoreTotal", { total: liveTotal.toFixed(1), pass: a.passMark })}</Typography.Text>
                  <Button type="primary" loading={scoring.loading} onClick={() => void saveScores()} data-testid="save-scores">
                    {t("apps.saveScores")}
                  </Button>
                </Flex>
              ) : canSelf ? (
                <Button type="primary" loading={savingSelf.loading} onClick={() => void saveSelfAssessment()} data-testid="save-self">
                  {t("apps.saveSelf")}
                </Button>
              ) : null
            }
          >
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => r.item.id}
              dataSource={a.items}
              data-testid="assessment-items"
              columns={[
                {
                  title: t("apps.item"),
                  width: 260,
                  render: (_, r) => (
                    <Space direction="vertical" size={2}>
                      <Typography.Text strong>{`${r.item.seq}. ${lng === "en" ? r.item.titleEn : r.item.titleZh}`}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t("apps.evidenceRequired")}：{lng === "en" ? r.item.evidenceEn : r.item.evidenceZh} · {t(`apps.method.${r.item.method}`)}
                      </Typography.Text>
                    </Space>
                  ),
                },
                { title: t("apps.points"), dataIndex: "maxPoints", width: 60, align: "right" },
                {
                  title: t("apps.unitEvidence"),
                  render: (_, r) =>
                    canSelf ? (
                      <Input.TextArea
                        rows={2}
                        value={self[r.item.id]?.evidence ?? ""}
                        onChange={(e) => setSelf((s) => ({ ...s, [r.item.id]: { ...s[r.item.id]!, evidence: e.target.value } }))}
                        data-testid={`self-evidence-${r.item.code}`}
                      />
                    ) : (
                      <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{r.unitEvidence || "—"}</Typography.Text>
                    ),
                },
                {
                  title: t("apps.selfScore"),
                  width: 90,
                  render: (_, r) =>
                    canSelf ? (
                      <InputNumber min={0} max={r.maxPoints} step={0.5} value={self[r.item.id]?.selfScore ?? null} onChange={(v) => setSelf((s) => ({ ...s, [r.item.id]: { ...s[r.item.id]!, selfScore: v } }))} style={{ width: 80 }} />
                    ) : (
                      (r.selfScore ?? "—")
                    ),
                },
                {
                  title: t("apps.score"),
                  width: 100,
                  render: (_, r) =>
                    canScore ? (
                      <InputNumber
                        min={0}
                        step={0.5}
                        value={scores[r.item.id]?.score ?? null}
                        onChange={(v) => setScores((s) => ({ ...s, [r.item.id]: { ...s[r.item.id]!, score: v } }))}
                        status={(scores[r.item.id]?.score ?? 0) > r.maxPoints ? "error" : undefined}
                        style={{ width: 88 }}
                        data-testid={`score-${r.item.code}`}
                      />
                    ) : (
                      <Typography.Text strong>{r.score ?? "—"}</Typography.Text>
                    ),
                },
                {
                  title: `${t("apps.reviewEvidence")} / ${t("apps.reviewComment")}`,
                  render: (_, r) =>
                    canScore ? (
                      <Space direction="vertical" style={{ width: "100%" }}>
                        <Input size="small" placeholder={t("apps.reviewEvidence")} value={scores[r.item.id]?.evidence ?? ""} onChange={(e) => setScores((s) => ({ ...s, [r.item.id]: { ...s[r.item.id]!, evidence: e.target.value } }))} />
                        <Input size="small" placeholder={t("apps.reviewComment")} value={scores[r.item.id]?.comment ?? ""} onChange={(e) => setScores((s) => ({ ...s, [r.item.id]: { ...s[r.item.id]!, comment: e.target.value } }))} />
                      </Space>
                    ) : (
                      <Typography.Text type="secondary">{[r.reviewEvidence, r.comment].filter(Boolean).join(" · ") || "—"}</Typography.Text>
                    ),
                },
              ]}
            />
          </Card>
        </Space>
      ) : null}
    </DetailDrawer>
  );
}
