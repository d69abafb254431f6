import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, StreamCasesPage, useTranslation, type StreamCase } from "@zw/ui";
import { App as AntApp, Card, Form, Input, Segmented, Tag } from "antd";
import { useState } from "react";
import { CwAdvanceCaseDocument, CwCaseStateDocument, type CaseAction, type CaseStatus } from "../graphql/generated.js";
import { NS, STREAM } from "../module.js";

/** What may follow each case state (core's CASE_TRANSITIONS). */
export const CASE_NEXT: Record<CaseStatus, CaseAction[]> = { OPEN: ["INVESTIGATE", "DECIDE"], INVESTIGATING: ["DECIDE"], DECIDED: ["CLOSE"], CLOSED: [] };

/** The stream's enforcement cases; staff move a case on (investigate, decide with the fine, close — a closed case deducts the company's credit). */
export function CasesPage() {
  const { viewer } = useViewer();
  const writer = canWrite(viewer, "construction") && !viewer?.org;
  return <StreamCasesPage stream={STREAM} drawerBody={writer ? (c, changed) => <CaseActions key={c.id} kase={c} onChanged={changed} /> : undefined} />;
}

export function CaseActions({ kase, onChanged }: { kase: Pick<StreamCase, "id">; onChanged?: (patch: Partial<StreamCase>) => void }) {
  const { t } = useTranslation(NS);
  const { message } = AntApp.useApp();
  const state = useQuery(CwCaseStateDocument, { variables: { id: kase.id } });
  const [advance] = useMutation(CwAdvanceCaseDocument);
  const c = state.data?.node && "fineYuan" in state.data.node ? state.data.node : null;
  const next = c ? CASE_NEXT[c.status] : [];
  const [action, setAction] = useState<CaseAction | null>(null);
  const current = action && next.includes(action) ? action : next[0];
  if (!c) return null;
  return (
    <Card size="small" title={t("cases.work")} style={{ marginTop: 16 }} data-testid="cw-case-actions">
      <div style={{ marginBottom: 8 }}>
        <Tag data-testid="cw-case-status">{t(`caseStatus.${c.status}`)}</Tag>
        <span>{`${t("alerts.fine")}：${c.fineYuan} 元`}</span>
      </div>
      {current ? (
        <>
          <Segmented<CaseAction> value={current} onChange={setAction} options={next.map((a) => ({ value: a, label: <span data-testid={`cw-case-action-${a}`}>{t(`cases.action.${a}`)}</span> }))} style={{ marginBottom: 8 }} />
          <ApiForm<{ fineYuan?: string; description?: string }>
            key={`${c.status}-${current}`}
            initialValues={{ fineYuan: c.fineYuan }}
            submitText={t(`cases.action.${current}`)}
            onSubmit={async (v) =>
              (await advance({ variables: { input: { id: kase.id, action: current, fineYuan: current === "DECIDE" ? v.fineYuan?.trim() || undefined : undefined, description: v.description?.trim() || undefined } } })).data?.advanceCase
            }
            onSuccess={(p) => {
              message.success(t("common.saved"));
              setAction(null);
              const now = (p as { case?: { status: CaseStatus; fineYuan: string; decidedAt?: string | null; closedAt?: string | null } | null } | undefined)?.case;
              if (now) onChanged?.({ status: now.status, fineYuan: now.fineYuan, decidedAt: now.decidedAt ?? null, closedAt: now.closedAt ?? null });
              void state.refetch();
            }}
          >
            {current === "DECIDE" ? (
              <Form.Item name="fineYuan" label={t("alerts.fine")} rules={[{ pattern: /^\d{1,12}(\.\d{1,2})?$/, message: t("form.amount") }]}>
                <Input data-testid="cw-case-decide-fine" suffix="元" />
              </Form.Item>
            ) : null}
            <Form.Item name="description" label={t("alerts.description")}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          </ApiForm>
          {current === "CLOSE" ? <div style={{ color: "#888" }}>{t("cases.closeHint")}</div> : null}
        </>
      ) : null}
    </Card>
  );
}
