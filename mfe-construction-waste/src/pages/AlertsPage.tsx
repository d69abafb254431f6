import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, StreamAlertsPage, StatusTag, useLanguage, useTranslation, type StreamAlert } from "@zw/ui";
import { App as AntApp, Button, Card, Divider, Form, Input, Select, Space, Typography } from "antd";
import { useState } from "react";
import { CwAlertStateDocument, CwCompanyOptionsDocument, CwOpenCaseFromAlertDocument, CwTransitionAlertDocument } from "../graphql/generated.js";
import { NS, STREAM } from "../module.js";

/** The violation a case from each rule's alert is about (the API's RULE_VIOLATION; staff may choose another). */
export const RULE_VIOLATION: Record<string, string> = { OFF_ROUTE: "OFF_ROUTE", NO_PERMIT: "NO_PERMIT", PERMIT_EXPIRED: "PERMIT_EXPIRED", OVERSPEED: "OVERSPEED", SUSPECTED_DUMPING: "ILLEGAL_DUMPING", MANIFEST_OVERDUE: "OTHER" };
/** Alerts whose subject the API turns into the case's subject (the vehicle, or the manifest's vehicle). */
const VEHICLE_SUBJECTS = new Set(["Vehicle", "TripManifest"]);

/** 渣土预警收件箱：确认、处置后关闭、重新打开，以及由预警立案（对象与违规类型取自预警）。 */
export function AlertsPage() {
  const { t } = useTranslation(NS);
  const { viewer } = useViewer();
  const writer = canWrite(viewer, "construction") && !viewer?.org;
  return <StreamAlertsPage stream={STREAM} subtitle={t("alerts.subtitle")} drawerBody={writer ? (a, changed) => <AlertActions key={a.id} alert={a} onChanged={changed} /> : undefined} />;
}

/** Actions on one alert, reading its current state (status, case) from the API. */
export function AlertActions({ alert, onChanged }: { alert: Pick<StreamAlert, "id" | "rule" | "subjectType">; onChanged?: (patch: Partial<StreamAlert>) => void }) {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const { message } = AntApp.useApp();
  const state = useQuery(CwAlertStateDocument, { variables: { id: alert.id } });
  const [transition] = useMutation(CwTransitionAlertDocument);
  const [openCase] = useMutation(CwOpenCaseFromAlertDocument);
  const [search, setSearch] = useState<string>();
  const [casing, setCasing] = useState(false);
  const a = state.data?.node && "rule" in state.data.node ? state.data.node : null;
  const needsSubject = !VEHICLE_SUBJECTS.has(alert.subjectType);
  const companies = useQuery(CwCompanyOptionsDocument, { variables: { search }, skip: !casing || !needsSubject });
  const violations = state.data?.creditRules.violations ?? [];
  const move = async (action: "acknowledge" | "close" | "reopen", disposition?: string) => {
    if (action === "close" && !disposition?.trim()) return message.error(t("alerts.dispositionRequired"));
    const r = await transition({ variables: { id: alert.id, action, disposition: disposition?.trim() } });
    const errs = r.data?.transitionAlert.userErrors ?? [];
    if (errs.length) return message.error(errs.map((e) => e.message).join("；"));
    message.success(t("common.saved"));
    const now = r.data?.transitionAlert.alert;
    if (now) onChanged?.({ status: now.status, disposition: now.disposition });
    void state.refetch();
  };
  if (!a) return null;
  return (
    <Card size="small" title={t("alerts.work")} style={{ marginTop: 16 }} data-testid="cw-alert-actions">
      <Space wrap>
        <span data-testid="cw-alert-status">
          <StatusTag status={a.status} />
        </span>
        {a.status === "OPEN" ? (
          <Button size="small" onClick={() => void move("acknowledge")} data-testid="cw-alert-acknowledge">
            {t("alerts.acknowledge")}
          </Button>
        ) : null}
        {a.status === "ACKNOWLEDGED" ? (
          <Button size="small" onClick={() => void move("reopen")} data-testid="cw-alert-reopen">
            {t("alerts.reopen")}
          </Button>
        ) : null}
        {a.case ? (
          <Typography.Text data-testid="cw-alert-case">{t("alerts.caseOpened", { number: a.case.number })}</Typography.Text>
        ) : (
          <Button size="small" type="primary" danger onClick={() => setCasing((x) => !x)} data-testid="cw-alert-to-case">
            {t("alerts.toCase")}
          </Button>
        )}
      </Space>
      {a.status !== "CLOSED" ? (
        <Input.Search style={{ marginTop: 8 }} placeholder={t("alerts.disposition")} enterButton={t("alerts.close")} onSearch={(v) => void move("close", v)} data-testid="cw-alert-close" />
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{`${t("alerts.disposition")}：${a.disposition ?? "—"}`}</Typography.Paragraph>
      )}
      {casing && !a.case ? (
        <>
          <Divider style={{ margin: "12px 0" }} />
          <ApiForm<{ violationType: string; fineYuan?: string; description?: string; subjectId?: string }>
            initialValues={{ violationType: RULE_VIOLATION[a.rule] ?? "OTHER" }}
            submitText={t("alerts.toCase")}
            onSubmit={async (v) =>
              (
                await openCase({
                  variables: {
                    input: {
                      source: "ALERT",
                      alertId: alert.id,
                      violationType: v.violationType,
                      fineYuan: v.fineYuan?.trim() || undefined,
                      description: v.description?.trim() || undefined,
                      ...(needsSubject ? { subjectType: "TransportCompany" as const, subjectId: v.subjectId } : {}),
                    },
                  },
                })
              ).data?.openSpoilCase
            }
            onSuccess={() => {
              message.success(t("common.saved"));
              setCasing(false);
              onChanged?.({});
              void state.refetch();
            }}
          >
            <Form.Item name="violationType" label={t("alerts.violation")} rules={[{ required: true }]}>
              <Select data-testid="cw-case-violation" options={violations.map((x) => ({ value: x.code, label: `${lng === "en" ? x.labelEn : x.labelZh}（-${x.deduction}）` }))} />
            </Form.Item>
            {needsSubject ? (
              <Form.Item name="subjectId" label={t("alerts.subjectCompany")} rules={[{ required: true, message: t("form.required") }]}>
                <Select showSearch filterOption={false} onSearch={(s) => setSearch(s || undefined)} data-testid="cw-case-company" options={(companies.data?.transportCompanies.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name }))} />
              </Form.Item>
            ) : null}
            <Form.Item name="fineYuan" label={t("alerts.fine")} rules={[{ pattern: /^\d{1,12}(\.\d{1,2})?$/, message: t("form.amount") }]}>
              <Input data-testid="cw-case-fine" suffix="元" />
            </Form.Item>
            <Form.Item name="description" label={t("alerts.description")}>
              <Input.TextArea rows={2} maxLength={4000} data-testid="cw-case-description" />
            </Form.Item>
          </ApiForm>
        </>
      ) : null}
    </Card>
  );
}
