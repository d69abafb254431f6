import { useMutation, useQuery } from "@apollo/client/react";
import { useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, ErrorState, ExportButton, LoadingState, PageLayout, useLanguage, useTranslation } from "@zw/ui";
import { Button, Card, Drawer, Form, Input, Space, Table, Tabs } from "antd";
import { useState } from "react";
import { districtName, num, thisYear, useDateFormat } from "../format.js";
import { HzCollectionStatsDocument, HzContractsDocument, HzRecordRunDocument, HzRunsDocument, type HzContractsQuery, type HzRunsQuery } from "../graphql/generated.js";
import { NS } from "../module.js";

type Run = HzRunsQuery["collectionRuns"]["edges"][number]["node"];
type Contract = HzContractsQuery["collectionContracts"]["edges"][number]["node"];

/** 小微企业危废统一收运：经营单位、签约单位数、收运家次和吨数（按单位类型，同公报口径），收运记录。 */
export function CollectionPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { viewer } = useViewer();
  const y = thisYear();
  const stats = useQuery(HzCollectionStatsDocument, { variables: { from: y.from, to: y.to } });
  const [recording, setRecording] = useState<Contract | null>(null);
  const [refresh, setRefresh] = useState(0);
  const isOperator = viewer?.org?.kind === "hazardous.collection_operator";
  return (
    <PageLayout title={t("collection.title")} subtitle={t("collection.subtitle", { year: y.year })} testId="hz-collection" extra={<ExportButton name="hazardous.collectionRuns" />}>
      {stats.loading && !stats.data ? (
        <LoadingState />
      ) : stats.error ? (
        <ErrorState error={stats.error} />
      ) : (
        <Card size="small" title={t("collection.totals")}>
          <Table
            size="small"
            rowKey="unitType"
            pagination={false}
            data-testid="hz-collection-totals"
            dataSource={stats.data?.collectionStatistics.totals ?? []}
            columns={[
              { title: t("collection.unitType"), dataIndex: "unitType", render: (v: string) => t(`unitType.${v}`) },
              { title: t("collection.contracts"), dataIndex: "contracts", align: "right", render: (v: number) => num(v) },
              { title: t("collection.runs"), dataIndex: "runs", align: "right", render: (v: number) => <span data-testid="hz-collection-runs">{num(v)}</span> },
              { title: t("collection.tonnes"), dataIndex: "tonnes", align: "right", render: (v: string) => <span data-testid="hz-collection-tonnes">{num(v)}</span> },
            ]}
          />
        </Card>
      )}
      <Tabs
        items={[
          {
            key: "operators",
            label: t("collection.byOperator"),
            children: (
              <Table
                size="small"
                rowKey={(r) => `${r.operator?.id}-${r.unitType}`}
                pagination={false}
                dataSource={stats.data?.collectionStatistics.rows ?? []}
                columns={[
                  { title: t("collection.operator"), render: (_: unknown, r) => r.operator?.name },
                  { title: t("collection.unitType"), dataIndex: "unitType", render: (v: string) => t(`unitType.${v}`) },
                  { title: t("collection.contracts"), dataIndex: "contracts", align: "right" },
                  { title: t("collection.runs"), dataIndex: "runs", align: "right" },
                  { title: t("collection.tonnes"), dataIndex: "tonnes", align: "right", render: (v: string) => num(v) },
                ]}
              />
            ),
          },
          {
            key: "runs",
            label: t("collection.runList"),
            children: (
              <ConnectionTable
                testId="hz-runs-table"
                query={HzRunsDocument}
                refreshToken={refresh}
                select={(d) => d.collectionRuns}
                columns={[
                  { title: t("collection.collectedAt"), dataIndex: "collectedAt", key: "at", render: fmt.dateTime },
                  { title: t("collection.unit"), key: "unit", render: (_: unknown, r: Run) => r.unit.name },
                  { title: t("collection.unitType"), dataIndex: "unitType", key: "type", render: (v: string) => t(`unitType.${v}`) },
                  { title: t("collection.operator"), key: "op", render: (_: unknown, r: Run) => r.operator.name },
                  { title: t("collection.lines"), key: "lines", render: (_: unknown, r: Run) => r.lines.map((l) => `${l.wasteCode} ${num(l.quantityKg)} kg`).join("；") },
                  { title: t("collection.totalKg"), dataIndex: "totalKg", key: "kg", align: "right", render: (v: string) => num(v) },
                ]}
              />
            ),
          },
          {
            key: "contracts",
            label: t("collection.contractList"),
            children: (
              <ConnectionTable
                testId="hz-contracts-table"
                query={HzContractsDocument}
                select={(d) => d.collectionContracts}
                columns={[
                  { title: t("collection.unit"), key: "unit", render: (_: unknown, c: Contract) => c.unit.name },
                  { title: t("collection.unitType"), dataIndex: "unitType", key: "type", render: (v: string) => t(`unitType.${v}`) },
                  { title: t("collection.operator"), key: "op", render: (_: unknown, c: Contract) => c.operator.name },
                  { title: t("collection.signedOn"), dataIndex: "signedOn", key: "on", render: fmt.date },
                  { title: t("collection.validTo"), dataIndex: "validTo", key: "to", render: fmt.date },
                  ...(isOperator ? [{ title: "", key: "act", render: (_: unknown, c: Contract) => <Button size="small" onClick={() => setRecording(c)} data-testid="hz-record-run">{t("collection.record")}</Button> }] : []),
                ]}
              />
            ),
          },
          {
            key: "licences",
            label: t("collection.operators"),
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={stats.data?.collectionOperators ?? []}
                columns={[
                  { title: t("collection.operator"), dataIndex: "name" },
                  { title: t("collection.licence"), dataIndex: "licenceNo" },
                  { title: t("collection.validTo"), dataIndex: "licenceValidTo", render: fmt.date },
                  { title: t("collection.capacity"), dataIndex: "capacityTPerYear", align: "right", render: (v: string) => num(v) },
                  { title: t("common.district"), render: (_: unknown, o) => districtName(o.district, lng) },
                ]}
              />
            ),
          },
        ]}
      />
      <Drawer open={!!recording} title={t("collection.record")} onClose={() => setRecording(null)} size={560} destroyOnHidden>
        {recording ? (
          <RecordRunForm
            contract={recording}
            onDone={() => {
              setRecording(null);
              setRefresh((x) => x + 1);
              void stats.refetch();
            }}
          />
        ) : null}
      </Drawer>
    </PageLayout>
  );
}

function RecordRunForm({ contract, onDone }: { contract: Contract; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const [record] = useMutation(HzRecordRunDocument);
  return (
    <ApiForm<{ lines: { wasteCode: string; quantityKg: string }[] }>
      initialValues={{ lines: [{ wasteCode: "", quantityKg: "" }] }}
      onSubmit={async (v) => (await record({ variables: { input: { contractId: contract.id, collectedAt: new Date().toISOString(), lines: v.lines } } })).data?.recordCollectionRun}
      onSuccess={onDone}
    >
      <p>{contract.unit.name}</p>
      <Form.List name="lines">
        {(fields, { add }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key}>
                <Form.Item name={[f.name, "wasteCode"]} label={t("manifests.wasteCode")} rules={[{ required: true, pattern: /^\d{3}-\d{3}-\d{2}$/ }]}>
                  <Input placeholder="900-214-08" />
                </Form.Item>
                <Form.Item name={[f.name, "quantityKg"]} label={t("manifests.quantityKg")} rules={[{ required: true }]}>
                  <Input suffix="kg" />
                </Form.Item>
              </Space>
            ))}
            <Button onClick={() => add({})}>{t("manifests.addLine")}</Button>
          </>
        )}
      </Form.List>
    </ApiForm>
  );
}
