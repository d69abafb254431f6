import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, ErrorState, ExportButton, LoadingState, PageLayout, useLanguage, useTranslation } from "@zw/ui";
import { Button, Card, DatePicker, Drawer, Form, Input, Select, Space, Table, Tabs, Tag } from "antd";
import { useState, useMemo } from "react";
import { dayOf, RenewLicenceForm, type Dayjs } from "../components/TransportForms.js";
import { UnitPicker } from "../components/UnitPicker.js";
import { districtName, num, thisYear, useDateFormat } from "../format.js";
import { HzCollectionStatsDocument, HzContractsDocument, HzOperatorOptionsDocument, HzRecordRunDocument, HzRunsDocument, HzSignContractDocument, HzTerminateContractDocument, type HzContractsQuery, type HzRunsQuery } from "../graphql/generated.js";
import { NS } from "../module.js";

type Run = HzRunsQuery["collectionRuns"]["edges"][number]["node"];
type Contract = HzContractsQuery["collectionContracts"]["edges"][number]["node"];

/** 小微企业危废统一收运：经营单位、签约单位数、收运家次和吨数（按单位类型，同公报口径），收运记录。 */
export function CollectionPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { viewer } = useViewer();
  const y = useMemo(thisYear, []);
  const stats = useQuery(HzCollectionStatsDocument, { variables: { from: y.from, to: y.to } });
  const [recording, setRecording] = useState<Contract | null>(null);
  const [signing, setSigning] = useState(false);
  const [terminating, setTerminating] = useState<Contract | null>(null);
  const [renewing, setRenewing] = useState<{ id: string; name: string; licenceNo: string } | null>(null);
  const [refresh, setRefresh] = useState(0);
  const isOperator = viewer?.org?.kind === "hazardous.collection_operator";
  const isStaff = canWrite(viewer, "hazardous") && !viewer?.org;
  const canSign = isOperator || isStaff;
  const changed = () => {
    setSigning(false);
    setTerminating(null);
    setRenewing(null);
    setRefresh((x) => x + 1);
    void stats.refetch();
  };
  return (
    <PageLayout title={t("collection.title")} subtitle={t("collection.subtitle", { year: y.year })} testId="hz-collection"
      extra={
        <Space>
          {canSign ? (
            <Button type="primary" data-testid="hz-contract-new" onClick={() => setSigning(true)}>
              {t("collection.sign")}
            </Button>
          ) : null}
          <ExportButton name="hazardous.collectionRuns" />
        </Space>
      }
    >
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
                refreshToken={refresh}
                select={(d) => d.collectionContracts}
                columns={[
                  { title: t("collection.unit"), key: "unit", render: (_: unknown, c: Contract) => c.unit.name },
                  { title: t("collection.unitType"), dataIndex: "unitType", key: "type", render: (v: string) => t(`unitType.${v}`) },
                  { title: t("collection.operator"), key: "op", render: (_: unknown, c: Contract) => c.operator.name },
                  { title: t("collection.signedOn"), dataIndex: "signedOn", key: "on", render: fmt.date },
                  { title: t("collection.validTo"), dataIndex: "validTo", key: "to", render: fmt.date },
                  { title: t("collection.terminatedOn"), dataIndex: "terminatedOn", key: "term", render: (v: string | null) => (v ? <Tag color="default" data-testid="hz-contract-terminated">{fmt.date(v)}</Tag> : "—") },
                  ...(canSign
                    ? [
                        {
                          title: "",
                          key: "act",
                          render: (_: unknown, c: Contract) => (
                            <Space size={4}>
                              {isOperator && !c.terminatedOn ? (
                                <Button size="small" onClick={() => setRecording(c)} data-testid="hz-record-run">
                                  {t("collection.record")}
                                </Button>
                              ) : null}
                              {!c.terminatedOn ? (
                                <Button size="small" danger onClick={() => setTerminating(c)} data-testid="hz-contract-terminate">
                                  {t("collection.terminate")}
                                </Button>
                              ) : null}
                            </Space>
                          ),
                        },
                      ]
                    : []),
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
                  ...(isStaff
                    ? [
                        {
                          title: "",
                          key: "act",
                          render: (_: unknown, o: { id: string; name: string; licenceNo: string }) => (
                            <Button size="small" data-testid="hz-operator-renew" onClick={() => setRenewing(o)}>
                              {t("registers.renew")}
                            </Button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            ),
          },
        ]}
      />
      <Drawer open={signing} title={t("collection.sign")} onClose={() => setSigning(false)} size={560} destroyOnHidden>
        {signing ? <SignContractForm ownOperator={isOperator ? viewer?.org?.id : undefined} onDone={changed} /> : null}
      </Drawer>
      <Drawer open={!!terminating} title={t("collection.terminate")} onClose={() => setTerminating(null)} size={480} destroyOnHidden>
        {terminating ? <TerminateContractForm contract={terminating} onDone={changed} /> : null}
      </Drawer>
      <Drawer open={!!renewing} title={t("registers.renewTitle")} onClose={() => setRenewing(null)} size={480} destroyOnHidden>
        {renewing ? <RenewLicenceForm id={renewing.id} label={renewing.name} current={renewing.licenceNo} onDone={changed} /> : null}
      </Drawer>
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

/** 签订收运合同：经营单位（收运单位账号只能选自己）、产废单位（小微企业、实验室、汽修）、签约日期与有效期。 */
export function SignContractForm({ ownOperator, onDone }: { ownOperator?: string; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const ops = useQuery(HzOperatorOptionsDocument);
  const [sign] = useMutation(HzSignContractDocument);
  const options = (ops.data?.collectionOperators ?? []).filter((o) => !ownOperator || o.id === ownOperator).map((o) => ({ value: o.id, label: o.name }));
  return (
    <ApiForm<{ operatorId: string; unitId: string; signedOn?: Dayjs; validTo?: Dayjs }>
      initialValues={{ operatorId: ownOperator }}
      onSubmit={async (v) => (await sign({ variables: { input: { operatorId: v.operatorId, unitId: v.unitId, signedOn: dayOf(v.signedOn), validTo: dayOf(v.validTo) } } })).data?.signCollectionContract}
      onSuccess={onDone}
    >
      <Form.Item name="operatorId" label={t("collection.operator")} rules={[{ required: true }]}>
        <Select options={options} disabled={!!ownOperator} data-testid="hz-contract-operator" />
      </Form.Item>
      <Form.Item name="unitId" label={t("collection.unit")} rules={[{ required: true }]} extra={t("collection.eligibleHint")}>
        <UnitPicker testId="hz-contract-unit" />
      </Form.Item>
      <Space>
        <Form.Item name="signedOn" label={t("collection.signedOn")} rules={[{ required: true }]}>
          <DatePicker data-testid="hz-contract-signed" />
        </Form.Item>
        <Form.Item name="validTo" label={t("collection.validTo")} rules={[{ required: true }]}>
          <DatePicker data-testid="hz-contract-valid" />
        </Form.Item>
      </Space>
    </ApiForm>
  );
}

function TerminateContractForm({ contract, onDone }: { contract: Contract; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const [terminate] = useMutation(HzTerminateContractDocument);
  return (
    <ApiForm<{ terminatedOn?: Dayjs }>
      onSubmit={async (v) => (await terminate({ variables: { input: { id: contract.id, terminatedOn: dayOf(v.terminatedOn) } } })).data?.terminateCollectionContract}
      onSuccess={onDone}
      submitText={t("collection.terminate")}
    >
      <p>
        {contract.unit.name} · {contract.operator.name}
      </p>
      <Form.Item name="terminatedOn" label={t("collection.terminatedOn")} rules={[{ required: true }]} extra={t("collection.terminateHint")}>
        <DatePicker data-testid="hz-contract-term-date" />
      </Form.Item>
    </ApiForm>
  );
}
