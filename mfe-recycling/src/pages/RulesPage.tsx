import { useMutation, useQuery } from "@apollo/client/react";
import { errorMessage, useViewer } from "@zw/client";
import { ErrorState, PageLayout, useLanguage, useTranslation } from "@zw/ui";
import { App, Button, Card, InputNumber, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useDateFormat } from "../format.js";
import { RecyclingRuleParametersDocument, RecyclingRunChecksDocument, RecyclingUpdateRuleParameterDocument, type RecyclingRunChecksMutation } from "../graphql/generated.js";
import { NS } from "../module.js";

/** The documented anomaly rules (docs/architecture.md, api/src/modules/recycling/rules.ts) and the parameters each reads. */
export const ALERT_RULES: { code: string; params: string[] }[] = [
  { code: "recycling.station_volume", params: ["alert.station_mad_k", "alert.station_window_days", "alert.station_min_days"] },
  { code: "recycling.device_silent", params: ["alert.device_silent_hours"] },
  { code: "recycling.price_jump", params: ["alert.price_jump_pct"] },
  { code: "recycling.card_daily_points", params: ["alert.card_daily_points"] },
  { code: "recycling.custody_loss", params: ["custody.loss_alert_pct"] },
];

/** 规则参数：积分有效期、兑换比例、接入限制与各预警规则的阈值（市级工作人员可修改，记审计）。 */
export function RulesPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { message } = App.useApp();
  const { viewer } = useViewer();
  const q = useQuery(RecyclingRuleParametersDocument);
  const [update] = useMutation(RecyclingUpdateRuleParameterDocument);
  const [runChecks, checks] = useMutation(RecyclingRunChecksDocument);
  const [result, setResult] = useState<RecyclingRunChecksMutation["runRecyclingChecks"] | null>(null);
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
  const run = async () => {
    try {
      const r = (await runChecks()).data?.runRecyclingChecks;
      if (r?.userErrors.length) message.error(r.userErrors[0]!.message);
      else if (r) {
        setResult(r);
        message.success(t("rules.checksDone"));
      }
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const params = new Map((q.data?.recyclingRuleParameters ?? []).map((p) => [p.key, p]));
  return (
    <PageLayout
      title={t("rules.title")}
      subtitle={t("rules.subtitle")}
      testId="rec-rules"
      extra={
        mayEdit ? (
          <Popconfirm title={t("rules.runConfirm")} onConfirm={() => void run()}>
            <Button loading={checks.loading} data-testid="rec-run-checks">
              {t("rules.runChecks")}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      {result ? (
        <Typography.Paragraph type="secondary" data-testid="rec-checks-result">
          {t("rules.checksResult", { lots: result.lotsExpired, points: result.pointsExpired, devices: result.silentDevices, stations: result.abnormalStations })}
        </Typography.Paragraph>
      ) : null}
      <Card size="small" title={t("rules.alertRules")} style={{ marginBottom: 12 }}>
        <Table
          data-testid="rec-alert-rules"
          size="small"
          pagination={false}
          rowKey="code"
          dataSource={ALERT_RULES}
          columns={[
            { title: t("rules.rule"), key: "name", width: 180, render: (_, r) => <Space direction="vertical" size={0}><Typography.Text strong>{t(`rule.${r.code}`)}</Typography.Text><Typography.Text type="secondary" style={{ fontSize: 12 }}><code>{r.code}</code></Typography.Text></Space> },
            { title: t("rules.when"), key: "doc", render: (_, r) => t(`rules.doc.${r.code.replace("recycling.", "")}`) },
            {
              title: t("rules.params"),
              key: "params",
              render: (_, r) => (
                <Space wrap size={4}>
                  {r.params.map((k) => {
                    const p = params.get(k);
                    return (
                      <Tag key={k} data-testid={`rec-rule-param-${k}`}>
                        {k} = {p ? `${p.value} ${p.unit}` : "…"}
                      </Tag>
                    );
                  })}
                </Space>
              ),
            },
          ]}
        />
      </Card>
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
