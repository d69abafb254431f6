import { useMutation } from "@apollo/client/react";
import { canWrite, errorMessage, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, StatusTag, localName, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { num, today, useDateFormat, useReference } from "../format.js";
import {
  RecyclingAdvanceSettlementDocument,
  RecyclingCreateMerchantDocument,
  RecyclingCreateTerminalKeyDocument,
  RecyclingGenerateSettlementsDocument,
  RecyclingMerchantsDocument,
  RecyclingRedemptionsDocument,
  RecyclingSettlementsDocument,
  type MerchantKind,
  type RecyclingMerchantsQuery,
  type RecyclingSettlementsQuery,
  type SettlementStatus,
} from "../graphql/generated.js";
import { NS } from "../module.js";

type Merchant = RecyclingMerchantsQuery["recyclingMerchants"]["edges"][number]["node"];
type Settlement = RecyclingSettlementsQuery["merchantSettlements"]["edges"][number]["node"];

function lastMonths(n: number): string[] {
  const d = today();
  let y = Number(d.slice(0, 4));
  let m = Number(d.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    out.push(`${y}-${String(m).padStart(2, "0")}-01`);
  }
  return out;
}

/** 商户与结算：兑换商户、兑换记录、月度结算（生成、确认、支付）。 */
export function MerchantsPage() {
  const { t } = useTranslation(NS);
  const { viewer } = useViewer();
  // A merchant's counter starts at its redemptions, staff at the settlements (the viewer may load after the first render).
  const [chosen, setView] = useState<"settlements" | "redemptions" | "merchants">();
  const view = chosen ?? (viewer?.org ? "redemptions" : "settlements");
  return (
    <PageLayout title={t("merchants.title")} subtitle={t("merchants.subtitle")} testId="rec-merchants">
      <Segmented
        value={view}
        onChange={(v) => setView(v as typeof view)}
        style={{ marginBottom: 12 }}
        options={[
          { value: "settlements", label: <span data-testid="rec-view-settlements">{t("merchants.settlements")}</span> },
          { value: "redemptions", label: <span data-testid="rec-view-redemptions">{t("merchants.redemptions")}</span> },
          { value: "merchants", label: <span data-testid="rec-view-merchants">{t("merchants.merchants")}</span> },
        ]}
      />
      {view === "settlements" ? <Settlements /> : view === "redemptions" ? <Redemptions /> : <Merchants />}
    </PageLayout>
  );
}

function Settlements() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { message } = App.useApp();
  const { viewer } = useViewer();
  const months = lastMonths(13);
  const [month, setMonth] = useState<string | undefined>(months[0]);
  const [status, setStatus] = useState<SettlementStatus | undefined>();
  const [refresh, setRefresh] = useState(0);
  const [payRef, setPayRef] = useState("");
  const [generate] = useMutation(RecyclingGenerateSettlementsDocument);
  const [advance] = useMutation(RecyclingAdvanceSettlementDocument);
  const staff = !viewer?.org && canWrite(viewer, "recycling");
  const run = async (fn: () => Promise<{ userErrors: readonly { message: string }[] } | null | undefined>, ok: string) => {
    try {
      const r = await fn();
      if (r?.userErrors.length) message.error(r.userErrors[0]!.message);
      else message.success(ok);
      setRefresh((x) => x + 1);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t("merchants.month")} value={month} onChange={setMonth} style={{ width: 140 }} options={months.map((m) => ({ value: m, label: m.slice(0, 7) }))} data-testid="rec-settlement-month" />
        <Select allowClear placeholder={t("merchants.status")} value={status} onChange={setStatus} style={{ width: 140 }} options={(["PENDING", "CONFIRMED", "PAID"] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        {staff && month ? (
          <Button onClick={() => void run(async () => (await generate({ variables: { month } })).data?.generateMerchantSettlements, t("merchants.generated"))} data-testid="rec-settlement-generate">
            {t("merchants.generate", { month: month.slice(0, 7) })}
          </Button>
        ) : null}
        <ExportButton name="recycling.settlements" filter={{ month, status }} />
      </Space>
      <ConnectionTable
        testId="rec-settlements-table"
        query={RecyclingSettlementsDocument}
        variables={{ filter: { month, status } }}
        refreshToken={refresh}
        select={(d) => d.merchantSettlements}
        columns={[
          { title: t("merchants.month"), dataIndex: "month", key: "m", render: (v: string) => v.slice(0, 7) },
          { title: t("merchants.merchant"), key: "mer", render: (_: unknown, s: Settlement) => s.merchant.name },
          { title: t("common.district"), key: "d", render: (_: unknown, s: Settlement) => localName(s.district, lng) },
          { title: t("merchants.count"), dataIndex: "redemptions", key: "n", align: "right" },
          { title: t("merchants.points"), dataIndex: "points", key: "p", align: "right", render: (v: number) => num(v) },
          { title: t("merchants.amount"), dataIndex: "amountYuan", key: "a", align: "right", render: (v: string) => `¥${num(v)}` },
          { title: t("merchants.status"), dataIndex: "status", key: "s", render: (s: string, r: Settlement) => <>{<StatusTag status={s} ns={NS} />}{r.paymentRef ? <Typography.Text type="secondary"> {r.paymentRef} {fmt.date(r.paidAt)}</Typography.Text> : null}</> },
          ...(staff
            ? [
                {
                  title: t("common.actions"),
                  key: "x",
                  render: (_: unknown, s: Settlement) =>
                    s.status === "PENDING" ? (
                      <Button size="small" onClick={() => void run(async () => (await advance({ variables: { id: s.id, action: "confirm" } })).data?.advanceMerchantSettlement, t("merchants.confirmed"))}>
                        {t("merchants.confirm")}
                      </Button>
                    ) : s.status === "CONFIRMED" ? (
                      <Popconfirm
                        title={<Input placeholder={t("merchants.paymentRef")} value={payRef} onChange={(e) => setPayRef(e.target.value)} />}
                        onConfirm={() => void run(async () => (await advance({ variables: { id: s.id, action: "pay", paymentRef: payRef } })).data?.advanceMerchantSettlement, t("merchants.paid"))}
                      >
                        <Button size="small" type="primary">
                          {t("merchants.pay")}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function Redemptions() {
  const { t } = useTranslation(NS);
  const fmt = useDateFormat();
  const [filters, setFilters] = useState<FilterValues>({});
  const range = filters.range as [string, string] | undefined;
  const filter = { from: range?.[0], to: range?.[1] };
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <FilterBar value={filters} onChange={setFilters} fields={[{ name: "range", label: t("merchants.when"), type: "dateRange" }]} />
        <ExportButton name="recycling.redemptions" filter={filter} />
      </Space>
      <ConnectionTable
        testId="rec-redemptions-table"
        query={RecyclingRedemptionsDocument}
        variables={{ filter }}
        select={(d) => d.pointsRedemptions}
        columns={[
          { title: t("merchants.when"), dataIndex: "at", key: "at", render: fmt.dateTime },
          { title: t("merchants.merchant"), key: "m", render: (_: unknown, r) => r.merchant.name },
          { title: t("cards.cardNo"), dataIndex: "cardNo", key: "c", render: (v: string) => <code>{v}</code> },
          { title: t("cards.goods"), dataIndex: "goods", key: "g" },
          { title: t("merchants.points"), dataIndex: "points", key: "p", align: "right", render: (v: number) => num(v) },
          { title: t("merchants.amount"), dataIndex: "yuanValue", key: "y", align: "right", render: (v: string) => `¥${num(v)}` },
        ]}
      />
    </>
  );
}

const MERCHANT_KINDS: MerchantKind[] = ["SUPERMARKET", "PHARMACY", "OTHER"];

function Merchants() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const { viewer } = useViewer();
  const { districtOptions } = useReference();
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<Merchant | null>(null);
  const [creating, setCreating] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const staff = !viewer?.org && canWrite(viewer, "recycling");
  const filter = { districtId: filters.districtId as string | undefined, kind: filters.kind as "SUPERMARKET" | "PHARMACY" | "OTHER" | undefined, search: filters.search as string | undefined };
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("common.search"), type: "text" },
            { name: "districtId", label: t("common.district"), type: "select", options: districtOptions },
            { name: "kind", label: t("merchants.kind"), type: "select", options: (["SUPERMARKET", "PHARMACY", "OTHER"] as const).map((k) => ({ value: k, label: t(`merchantKind.${k}`) })) },
          ]}
        />
        <ExportButton name="recycling.merchants" filter={{ districtId: filter.districtId, kind: filter.kind }} />
        {staff ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="rec-merchant-new">
            {t("merchants.new")}
          </Button>
        ) : null}
      </Space>
      <ConnectionTable
        testId="rec-merchants-table"
        query={RecyclingMerchantsDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.recyclingMerchants}
        onRowClick={setOpen}
        columns={[
          { title: t("merchants.code"), dataIndex: "code", key: "code" },
          { title: t("merchants.merchant"), dataIndex: "name", key: "name" },
          { title: t("merchants.kind"), dataIndex: "kind", key: "kind", render: (k: string) => <Tag>{t(`merchantKind.${k}`)}</Tag> },
          { title: t("common.district"), key: "d", render: (_: unknown, m: Merchant) => localName(m.district, lng) },
          { title: t("merchants.thisMonth"), key: "tm", align: "right", render: (_: unknown, m: Merchant) => (m.months[0]?.month === `${today().slice(0, 7)}-01` ? `¥${num(m.months[0].yuanValue)}` : "¥0.00") },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open?.name ?? ""}
        items={open ? [{ label: t("merchants.code"), value: open.code }, { label: t("merchants.address"), value: open.address }, { label: t("merchants.contact"), value: open.contact }] : []}
      >
        <Table
          size="small"
          pagination={false}
          rowKey="month"
          dataSource={open?.months ?? []}
          columns={[
            { title: t("merchants.month"), dataIndex: "month", render: (v: string) => v.slice(0, 7) },
            { title: t("merchants.count"), dataIndex: "redemptions", align: "right" },
            { title: t("merchants.points"), dataIndex: "points", align: "right", render: (v: number) => num(v) },
            { title: t("merchants.amount"), dataIndex: "yuanValue", align: "right", render: (v: string) => `¥${num(v)}` },
          ]}
        />
        {open && staff ? <TerminalKey merchant={open} /> : null}
      </DetailDrawer>
      <Modal open={creating} title={t("merchants.new")} footer={null} onCancel={() => setCreating(false)} destroyOnHidden>
        <MerchantForm
          districtOptions={districtOptions}
          defaultDistrict={viewer?.district?.id}
          onDone={() => {
            setCreating(false);
            setRefresh((x) => x + 1);
          }}
        />
      </Modal>
    </>
  );
}

/** 登记兑换商户（工作人员）。 */
export function MerchantForm({ districtOptions, defaultDistrict, onDone }: { districtOptions: { value: string; label: string }[]; defaultDistrict?: string; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [create] = useMutation(RecyclingCreateMerchantDocument);
  return (
    <ApiForm<{ code: string; name: string; kind: MerchantKind; districtId: string; address?: string; contact?: string; lon?: number; lat?: number }>
      initialValues={{ kind: "SUPERMARKET", districtId: defaultDistrict }}
      onSubmit={async (v) => (await create({ variables: { input: { ...v, address: v.address || undefined, contact: v.contact || undefined } } })).data?.createRecyclingMerchant}
      onSuccess={() => {
        message.success(t("merchants.created"));
        onDone();
      }}
    >
      <Form.Item name="code" label={t("merchants.code")} rules={[{ required: true }, { pattern: /^[A-Za-z0-9._-]{2,40}$/, message: t("merchants.codeRule") }]}>
        <Input maxLength={40} data-testid="rec-merchant-code" />
      </Form.Item>
      <Form.Item name="name" label={t("merchants.merchant")} rules={[{ required: true }, { min: 2, max: 100 }]}>
        <Input maxLength={100} data-testid="rec-merchant-name" />
      </Form.Item>
      <Form.Item name="kind" label={t("merchants.kind")} rules={[{ required: true }]}>
        <Select options={MERCHANT_KINDS.map((k) => ({ value: k, label: t(`merchantKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" options={districtOptions} data-testid="rec-merchant-district" />
      </Form.Item>
      <Form.Item name="address" label={t("merchants.address")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="contact" label={t("merchants.contact")}>
        <Input maxLength={50} />
      </Form.Item>
      <Space>
        <Form.Item name="lon" label={t("merchants.lon")}>
          <InputNumber min={118} max={122} step={0.0001} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="lat" label={t("merchants.lat")}>
          <InputNumber min={28} max={31} step={0.0001} style={{ width: 160 }} />
        </Form.Item>
      </Space>
    </ApiForm>
  );
}

/** 为商户签发兑换终端密钥（只显示一次）。 */
function TerminalKey({ merchant }: { merchant: Merchant }) {
  const { t } = useTranslation(NS);
  const [secret, setSecret] = useState<string | null>(null);
  const [issue] = useMutation(RecyclingCreateTerminalKeyDocument);
  return (
    <div style={{ marginTop: 16 }} data-testid="rec-terminal-key">
      <Typography.Title level={5}>{t("merchants.terminalKey")}</Typography.Title>
      {secret ? (
        <>
          <Alert type="warning" showIcon title={t("devices.secretOnce")} style={{ marginBottom: 8 }} />
          <Typography.Paragraph copyable code data-testid="rec-terminal-secret">
            {secret}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t("merchants.terminalHow")}</Typography.Text>
        </>
      ) : (
        <ApiForm<{ name: string }>
          layout="horizontal"
          fieldPrefix=""
          submitText={t("merchants.issueKey")}
          onSubmit={async (v) => {
            const r = (await issue({ variables: { merchantId: merchant.id, name: v.name.trim() } })).data?.createMerchantTerminalKey;
            if (r?.secret) setSecret(r.secret);
            return r;
          }}
        >
          <Form.Item name="name" label={t("merchants.terminalName")} rules={[{ required: true, whitespace: true }, { max: 40 }]}>
            <Input maxLength={40} placeholder={t("merchants.terminalPlaceholder")} data-testid="rec-terminal-name" />
          </Form.Item>
        </ApiForm>
      )}
    </div>
  );
}
