import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ErrorState, LoadingState, PageLayout, StatusTag, useLanguage, useTranslation } from "@zw/ui";
import { App as AntApp, Card, InputNumber, Space, Switch, Table } from "antd";
import { CwRulesDocument, CwUpdateRuleDocument } from "../graphql/generated.js";
import { NS } from "../module.js";

/** 预警规则：每条规则的参数（说明、单位、范围），市级工作人员可调整与启停。 */
export function RulesPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const { viewer } = useViewer();
  const { message } = AntApp.useApp();
  const q = useQuery(CwRulesDocument);
  const [update] = useMutation(CwUpdateRuleDocument);
  const editable = canWrite(viewer, "construction") && !viewer?.org && !viewer?.district;
  if (q.loading && !q.data) return <LoadingState />;
  if (q.error && !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const save = async (input: { rule: string; enabled?: boolean; params?: Record<string, number> }) => {
    const r = await update({ variables: { input } });
    const errs = r.data?.updateSpoilAlertRule.userErrors ?? [];
    if (errs.length) message.error(errs.map((e) => e.message).join("；"));
    else {
      message.success(t("common.saved"));
      void q.refetch();
    }
  };
  return (
    <PageLayout title={t("rules.title")} subtitle={t("rules.subtitle")} testId="cw-rules">
      <Space direction="vertical" style={{ width: "100%" }}>
        {q.data!.spoilAlertRules.map((r) => (
          <Card
            key={r.rule}
            size="small"
            data-testid={`cw-rule-${r.rule}`}
            title={<span>{lng === "en" ? r.titleEn : r.titleZh} <StatusTag status={r.severity} /> <small>{t(`trigger.${r.trigger}`)}</small></span>}
            extra={<Switch checked={r.enabled} disabled={!editable} onChange={(v) => void save({ rule: r.rule, enabled: v })} />}
          >
            <p>{lng === "en" ? r.descriptionEn : r.descriptionZh}</p>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={r.params}
              columns={[
                { title: t("rules.param"), dataIndex: "key", key: "k", render: (k: string, p) => <span>{k} · {lng === "en" ? p.descriptionEn : p.descriptionZh}</span> },
                { title: t("rules.value"), key: "v", render: (_: unknown, p) => <InputNumber size="small" defaultValue={p.value} min={p.min} max={p.max} disabled={!editable} addonAfter={p.unit} onBlur={(e) => { const v = Number((e.target as HTMLInputElement).value); if (Number.isFinite(v) && v !== p.value) void save({ rule: r.rule, params: { [p.key]: v } }); }} data-testid={`cw-param-${r.rule}-${p.key}`} /> },
                { title: t("rules.range"), key: "r", render: (_: unknown, p) => `${p.min} – ${p.max}` },
              ]}
            />
          </Card>
        ))}
      </Space>
    </PageLayout>
  );
}
