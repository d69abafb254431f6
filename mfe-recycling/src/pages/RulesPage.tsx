import { useMutation, useQuery } from "@apollo/client/react";
import { errorMessage, useViewer } from "@zw/client";
import { ErrorState, PageLayout, useLanguage, useTranslation } from "@zw/ui";
import { App, InputNumber, Popconfirm, Table, Typography } from "antd";
import { useState } from "react";
import { useDateFormat } from "../format.js";
import { RecyclingRuleParametersDocument, RecyclingUpdateRuleParameterDocument } from "../graphql/generated.js";
import { NS } from "../module.js";

/** 规则参数：积分有效期、兑换比例、接入限制与各预警规则的阈值（市级工作人员可修改，记审计）。 */
export function RulesPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { message } = App.useApp();
  const { viewer } = useViewer();
  const q = useQuery(RecyclingRuleParametersDocument);
  const [update] = useMutation(RecyclingUpdateRuleParameterDocument);
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  const mayEdit = !viewer?.org && !viewer?.district && !!viewer?.modules.find((m: { key: string; write: boolean }) => m.key === "recycling" && m.write);
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const save = async (key: string) => {
    const value = draft[key];
    if (value == null) return;
    try {
      const r = (await update({ variables: { key, value } })).data?.updateRecyclingRuleParameter;
      if (r?.userErrors.length) message.error(r.userErrors[0]!.message);
      else {
        message.success(t("rules.saved"));
        setDraft((d) => ({ ...d, [key]: null }));
        void q.refetch();
      }
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <PageLayout title={t("rules.title")} subtitle={t("rules.subtitle")} testId="rec-rules">
      <Table
        data-testid="rec-rules-table"
        size="small"
        pagination={false}
        loading={q.loading}
        rowKey="key"
        dataSource={q.data?.recyclingRuleParameters ?? []}
        columns={[
          { title: t("rules.key"), dataIndex: "key", render: (v: string) => <code>{v}</code> },
          { title: t("rules.meaning"), key: "m", render: (_, p) => (lng === "en" ? p.descriptionEn : p.descriptionZh) },
          {
            title: t("rules.value"),
            key: "v",
            render: (_, p) =>
              mayEdit ? (
                <InputNumber min={p.min} max={p.max} value={draft[p.key] ?? p.value} onChange={(v) => setDraft((d) => ({ ...d, [p.key]: v }))} addonAfter={p.unit} style={{ width: 200 }} />
              ) : (
                `${p.value} ${p.unit}`
              ),
          },
          { title: t("rules.range"), key: "r", render: (_, p) => `${p.min} – ${p.max}` },
          { title: t("rules.changed"), key: "c", render: (_, p) => <Typography.Text type="secondary">{p.updatedBy === "system" ? t("rules.default") : `${p.updatedBy} · ${fmt.dateTime(p.updatedAt)}`}</Typography.Text> },
          ...(mayEdit
            ? [
                {
                  title: t("common.actions"),
                  key: "a",
                  render: (_: unknown, p: { key: string; value: number }) =>
                    draft[p.key] != null && draft[p.key] !== p.value ? (
                      <Popconfirm title={t("rules.confirm")} onConfirm={() => void save(p.key)}>
                        <a>{t("rules.save")}</a>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </PageLayout>
  );
}
