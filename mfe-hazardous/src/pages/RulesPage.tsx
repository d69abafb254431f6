import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ErrorState, LoadingState, PageLayout, useTranslation } from "@zw/ui";
import { Alert, Card, Descriptions, Form, Input, InputNumber } from "antd";
import { HzRuleSettingsDocument, HzUpdateRuleSettingsDocument } from "../graphql/generated.js";
import { NS } from "../module.js";

/** 预警规则参数：过磅差异容差、偏离路线阈值、证照到期预警天数、超速容差。市级人员可修改，其他人只读。 */
export function RulesPage() {
  const { t } = useTranslation(NS);
  const { viewer } = useViewer();
  const q = useQuery(HzRuleSettingsDocument);
  const [save] = useMutation(HzUpdateRuleSettingsDocument);
  const editable = viewer?.role === "STAFF" && canWrite(viewer, "hazardous") && !viewer.district && !viewer.org;
  const s = q.data?.hazardousRuleSettings;
  return (
    <PageLayout title={t("rules.title")} subtitle={t("rules.subtitle")} testId="hz-rules">
      {q.loading && !s ? (
        <LoadingState />
      ) : q.error ? (
        <ErrorState error={q.error} />
      ) : !s ? null : editable ? (
        <Card size="small" style={{ maxWidth: 720 }}>
          <ApiForm<{ discrepancyTolerancePct: string; offRouteMetres: number; licenceWarnDays: number; overspeedToleranceKmh: number }>
            initialValues={s}
            onSubmit={async (v) => (await save({ variables: { input: { ...v, discrepancyTolerancePct: String(v.discrepancyTolerancePct) } } })).data?.updateHazardousRuleSettings}
            onSuccess={() => void q.refetch()}
            submitText={t("rules.save")}
          >
            <Form.Item name="discrepancyTolerancePct" label={t("rules.tolerance")} extra={t("rules.toleranceHint")} rules={[{ required: true, pattern: /^\d{1,2}(\.\d{1,2})?$/ }]}>
              <Input suffix="%" data-testid="hz-rule-tolerance" style={{ maxWidth: 200 }} />
            </Form.Item>
            <Form.Item name="offRouteMetres" label={t("rules.offRoute")} extra={t("rules.offRouteHint")} rules={[{ required: true, type: "number", min: 50, max: 20000 }]}>
              <InputNumber min={50} max={20000} suffix="m" data-testid="hz-rule-offroute" />
            </Form.Item>
            <Form.Item name="licenceWarnDays" label={t("rules.warnDays")} extra={t("rules.warnDaysHint")} rules={[{ required: true, type: "number", min: 1, max: 365 }]}>
              <InputNumber min={1} max={365} data-testid="hz-rule-warn" />
            </Form.Item>
            <Form.Item name="overspeedToleranceKmh" label={t("rules.overspeed")} extra={t("rules.overspeedHint")} rules={[{ required: true, type: "number", min: 0, max: 30 }]}>
              <InputNumber min={0} max={30} suffix="km/h" data-testid="hz-rule-overspeed" />
            </Form.Item>
          </ApiForm>
        </Card>
      ) : (
        <>
          <Alert type="info" showIcon title={t("rules.readOnly")} style={{ marginBottom: 16 }} />
          <Descriptions
            bordered
            column={1}
            data-testid="hz-rules-view"
            items={[
              { key: "t", label: t("rules.tolerance"), children: `${s.discrepancyTolerancePct} %` },
              { key: "o", label: t("rules.offRoute"), children: `${s.offRouteMetres} m` },
              { key: "w", label: t("rules.warnDays"), children: s.licenceWarnDays },
              { key: "s", label: t("rules.overspeed"), children: `${s.overspeedToleranceKmh} km/h` },
            ]}
          />
        </>
      )}
    </PageLayout>
  );
}
