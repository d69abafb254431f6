import { useQuery } from "@apollo/client/react";
import { ErrorState, LoadingState, PageLayout, useTranslation } from "@zw/ui";
import { Alert, Card, Descriptions, Table, Tag } from "antd";
import { useParams, useSearchParams } from "react-router";
import { num, useDateFormat } from "../format.js";
import { HzVerifyDocument } from "../graphql/generated.js";
import { NS } from "../module.js";
import { stateColor } from "./ManifestsPage.js";

/** 扫码核验：授权者（三方当事人、监管人员）见数量与流向，其他人受限；每次打开都会留痕。 */
export function VerifyPage() {
  const { token = "" } = useParams();
  const [sp] = useSearchParams();
  const { t } = useTranslation(NS);
  const fmt = useDateFormat();
  const q = useQuery(HzVerifyDocument, { variables: { token, pkg: sp.get("pkg") }, fetchPolicy: "network-only" });
  if (q.loading) return <LoadingState />;
  if (q.error) return <ErrorState error={q.error} />;
  const v = q.data?.manifestByQr;
  if (!v) return <ErrorState title={t("verify.notFound")} />;
  return (
    <PageLayout title={t("verify.title")} subtitle={t("verify.subtitle")} testId="hz-verify">
      <Alert type={v.restricted ? "warning" : "success"} showIcon title={v.restricted ? t("verify.restricted") : t("verify.full")} data-testid="hz-verify-level" data-restricted={String(v.restricted)} />
      <Card size="small">
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t("manifests.number")}>{v.number}</Descriptions.Item>
          <Descriptions.Item label={t("manifests.state")}>
            <Tag color={stateColor(v.state)}>{t(`state.${v.state}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("manifests.wasteCode")}>{v.wasteCodes.join("、")}</Descriptions.Item>
          <Descriptions.Item label={t("verify.package")}>{v.packageRef ? `${v.number}-${v.packageRef}` : "—"}</Descriptions.Item>
          <Descriptions.Item label={t("manifests.producer")}>{v.producerName}</Descriptions.Item>
          <Descriptions.Item label={t("manifests.carrier")}>{v.carrierName}</Descriptions.Item>
          <Descriptions.Item label={t("manifests.receiver")}>{v.receiverName}</Descriptions.Item>
          <Descriptions.Item label={t("verify.lastHandover")}>{fmt.dateTime(v.lastHandoverAt)}</Descriptions.Item>
          {!v.restricted ? (
            <>
              <Descriptions.Item label={t("manifests.declaredKg")}>{num(v.declaredKg)}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.receivedKg")}>
                {num(v.receivedKg)} {v.discrepancyPct ? `（${v.discrepancyPct}%）` : ""}
              </Descriptions.Item>
              <Descriptions.Item label={t("manifests.vehicle")}>{v.plate ?? "—"}</Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      </Card>
      {v.flow ? (
        <Card size="small" title={t("verify.flow")}>
          <Table
            size="small"
            rowKey={(r) => `${r.action}-${r.at}`}
            pagination={false}
            dataSource={v.flow}
            data-testid="hz-verify-flow"
            columns={[
              { title: t("verify.when"), dataIndex: "at", render: fmt.dateTime },
              { title: t("verify.step"), dataIndex: "action", render: (a: string) => t(`action.${a}`, { defaultValue: a }) },
              { title: t("verify.from"), dataIndex: "fromParty" },
              { title: t("verify.to"), dataIndex: "toParty", render: (x: string | null) => x ?? "—" },
              { title: t("manifests.quantityKg"), dataIndex: "quantityKg", align: "right", render: (x: string | null) => num(x) },
              { title: t("verify.note"), dataIndex: "note" },
            ]}
          />
        </Card>
      ) : null}
      {v.lines ? (
        <Card size="small" title={t("manifests.lines")}>
          <Table size="small" rowKey="lineNo" pagination={false} dataSource={v.lines} columns={[
            { title: "#", dataIndex: "lineNo" },
            { title: t("manifests.wasteCode"), dataIndex: "wasteCode" },
            { title: t("manifests.wasteName"), dataIndex: "wasteName" },
            { title: t("manifests.packaging"), render: (_: unknown, l) => `${l.packaging} × ${l.packageCount}` },
            { title: t("manifests.quantityKg"), dataIndex: "quantityKg", align: "right", render: (x: string) => num(x) },
            { title: t("manifests.receivedKg"), dataIndex: "receivedKg", align: "right", render: (x: string | null) => num(x) },
          ]} />
        </Card>
      ) : null}
    </PageLayout>
  );
}
