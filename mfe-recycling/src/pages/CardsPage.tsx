import { useLazyQuery, useMutation } from "@apollo/client/react";
import { canWrite, errorMessage, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, EmptyState, ExportButton, FilterBar, PageLayout, StatusTag, localName, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { App, Button, Card, Col, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { kg, num, useDateFormat, useReference } from "../format.js";
import {
  RecyclingAdjustPointsDocument,
  RecyclingCardLedgerDocument,
  RecyclingCardLookupDocument,
  RecyclingCardsDocument,
  RecyclingIssueCardDocument,
  RecyclingRedeemDocument,
  RecyclingTransitionCardDocument,
  type PointsLedgerKind,
  type RecCardFragment,
} from "../graphql/generated.js";
import { NS } from "../module.js";

const LEDGER_COLOR: Record<PointsLedgerKind, string> = { EARN: "green", REDEEM: "blue", EXPIRE: "default", ADJUST: "orange" };

/**
 * 积分卡：按卡号查询余额、对账单（每一笔变动）、积分批次与即将过期；工作人员调整积分（需原因）、
 * 冻结/解冻；商户终端在此兑换。
 */
export function CardsPage() {
  const { t } = useTranslation(NS);
  const { viewer } = useViewer();
  const merchant = viewer?.org?.kind === "recycling.merchant";
  const staff = !viewer?.org;
  const [cardNo, setCardNo] = useState("");
  const [lookup, q] = useLazyQuery(RecyclingCardLookupDocument, { fetchPolicy: "network-only" });
  const card = q.data?.residentCard ?? null;
  const find = (no: string) => {
    const v = no.trim().toUpperCase();
    setCardNo(v);
    if (v) void lookup({ variables: { cardNo: v, withStatement: staff } });
  };
  const reload = () => void q.refetch();
  return (
    <PageLayout
      title={merchant ? t("cards.redeemTitle") : t("cards.title")}
      subtitle={merchant ? t("cards.redeemSubtitle") : t("cards.subtitle")}
      testId="rec-cards"
      filters={<Input.Search placeholder={t("cards.lookupPlaceholder")} enterButton={t("cards.lookup")} allowClear style={{ maxWidth: 420 }} onSearch={find} data-testid="rec-card-search" />}
    >
      {cardNo && q.called && !q.loading && !card && !q.error ? <EmptyState description={t("cards.notFound", { cardNo })} /> : null}
      {q.error ? <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text> : null}
      {card ? <CardView card={card} staff={staff} merchant={merchant} onChanged={reload} expiringSoon={q.data?.residentCard?.expiringSoon ?? null} lots={q.data?.residentCard?.lots ?? null} /> : null}
      {staff && !card ? <CardList onPick={find} /> : null}
    </PageLayout>
  );
}

function CardView({ card, staff, merchant, onChanged, expiringSoon, lots }: { card: RecCardFragment; staff: boolean; merchant: boolean; onChanged: () => void; expiringSoon: number | null | undefined; lots: { earnedOn: string; expiresOn: string; earned: number; remaining: number }[] | null | undefined }) {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { message } = App.useApp();
  const { viewer } = useViewer();
  const [adjusting, setAdjusting] = useState(false);
  const [kind, setKind] = useState<PointsLedgerKind | "ALL">("ALL");
  const [refresh, setRefresh] = useState(0);
  const [transition] = useMutation(RecyclingTransitionCardDocument);
  const writable = staff && canWrite(viewer, "recycling");
  const changed = () => {
    onChanged();
    setRefresh((x) => x + 1);
  };
  const onFreeze = async (action: "freeze" | "unfreeze") => {
    try {
      const r = (await transition({ variables: { id: card.id, action, reason: action === "freeze" ? "挂失 / reported lost" : "解除挂失 / found" } })).data?.transitionResidentCard;
      if (r?.userErrors.length) message.error(r.userErrors[0]!.message);
      else changed();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} lg={16}>
          <Card size="small" data-testid="rec-card-summary" title={<Space>{card.cardNo} <StatusTag status={card.status} ns={NS} /></Space>}>
            <Row gutter={12}>
              <Col span={8}>
                <Statistic title={t("cards.balance")} value={card.balance} data-testid="rec-card-balance" />
              </Col>
              <Col span={8}>
                <Statistic title={t("cards.earnedTotal")} value={num(card.earnedTotal)} />
              </Col>
              <Col span={8}>
                <Statistic title={t("cards.redeemedTotal")} value={num(card.redeemedTotal)} />
              </Col>
            </Row>
            <Descriptions size="small" column={2} style={{ marginTop: 12 }}>
              <Descriptions.Item label={t("cards.holder")}>{card.holderName}</Descriptions.Item>
              <Descriptions.Item label={t("cards.household")}>{card.householdCode}</Descriptions.Item>
              <Descriptions.Item label={t("common.district")}>{localName(card.district, lng)}</Descriptions.Item>
              <Descriptions.Item label={t("cards.station")}>{card.station?.name ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("cards.expiredTotal")}>{num(card.expiredTotal)}</Descriptions.Item>
              <Descriptions.Item label={t("cards.adjustedTotal")}>{num(card.adjustedTotal)}</Descriptions.Item>
              <Descriptions.Item label={t("cards.issuedAt")}>{fmt.date(card.issuedAt)}</Descriptions.Item>
              <Descriptions.Item label={t("cards.lastActivity")}>{fmt.dateTime(card.lastActivityAt)}</Descriptions.Item>
              {expiringSoon != null ? <Descriptions.Item label={t("cards.expiringSoon")}>{num(expiringSoon)}</Descriptions.Item> : null}
            </Descriptions>
            {writable ? (
              <Space style={{ marginTop: 8 }}>
                <Button onClick={() => setAdjusting(true)} data-testid="rec-card-adjust">
                  {t("cards.adjust")}
                </Button>
                {card.status === "ACTIVE" ? (
                  <Popconfirm title={t("cards.freezeConfirm")} onConfirm={() => void onFreeze("freeze")}>
                    <Button danger>{t("cards.freeze")}</Button>
                  </Popconfirm>
                ) : card.status === "FROZEN" ? (
                  <Button onClick={() => void onFreeze("unfreeze")}>{t("cards.unfreeze")}</Button>
                ) : null}
                <ExportButton name="recycling.cardStatement" filter={{ cardId: card.id }} />
              </Space>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          {merchant ? <RedeemCard card={card} onDone={changed} /> : null}
          {lots ? (
            <Card size="small" title={t("cards.lots")} data-testid="rec-card-lots">
              <Table
                size="small"
                pagination={false}
                rowKey="earnedOn"
                dataSource={lots}
                columns={[
                  { title: t("cards.earnedOn"), dataIndex: "earnedOn" },
                  { title: t("cards.expiresOn"), dataIndex: "expiresOn" },
                  { title: t("cards.remaining"), dataIndex: "remaining", align: "right", render: (v: number, l) => `${num(v)} / ${num(l.earned)}` },
                ]}
              />
            </Card>
          ) : null}
        </Col>
      </Row>
      {staff ? (
        <Card size="small" title={t("cards.statement")} style={{ marginTop: 12 }} extra={<Segmented value={kind} onChange={(v) => setKind(v as typeof kind)} options={(["ALL", "EARN", "REDEEM", "EXPIRE", "ADJUST"] as const).map((k) => ({ value: k, label: t(`ledger.${k}`) }))} />}>
          <ConnectionTable
            testId="rec-card-statement"
            query={RecyclingCardLedgerDocument}
            variables={{ cardNo: card.cardNo, kind: kind === "ALL" ? null : kind }}
            refreshToken={refresh}
            select={(d) => d.residentCard?.ledger}
            columns={[
              { title: t("cards.at"), dataIndex: "at", key: "at", render: fmt.dateTime },
              { title: t("cards.kind"), dataIndex: "kind", key: "kind", render: (k: PointsLedgerKind) => <Tag color={LEDGER_COLOR[k]}>{t(`ledger.${k}`)}</Tag> },
              { title: t("cards.points"), dataIndex: "points", key: "points", align: "right", render: (v: number) => <span data-testid="rec-ledger-points">{v > 0 ? `+${num(v)}` : num(v)}</span> },
              { title: t("cards.balanceAfter"), dataIndex: "balanceAfter", key: "bal", align: "right", render: (v: number) => num(v) },
              {
                title: t("cards.detail"),
                key: "detail",
                render: (_: unknown, e) =>
                  e.weighing
                    ? `${e.weighing.station.name} · ${localName(e.weighing.material, lng)} ${kg(e.weighing.weightGrams)} kg`
                    : e.redemption
                      ? `${e.redemption.merchant.name} · ${e.redemption.goods} ¥${e.redemption.yuanValue}`
                      : e.kind === "EXPIRE"
                        ? t("cards.expiredLot", { day: e.lotOn })
                        : (e.reason ?? ""),
              },
              { title: t("cards.actor"), dataIndex: "actor", key: "actor" },
            ]}
          />
        </Card>
      ) : null}
      <Drawer open={adjusting} title={t("cards.adjustTitle", { cardNo: card.cardNo })} onClose={() => setAdjusting(false)} size={480} destroyOnHidden>
        <AdjustForm
          cardId={card.id}
          onDone={() => {
            setAdjusting(false);
            changed();
          }}
        />
      </Drawer>
    </>
  );
}

function AdjustForm({ cardId, onDone }: { cardId: string; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const [adjust] = useMutation(RecyclingAdjustPointsDocument);
  return (
    <ApiForm<{ points: number; reason: string }> onSubmit={async (v) => (await adjust({ variables: { input: { cardId, points: Number(v.points), reason: v.reason } } })).data?.adjustPoints} onSuccess={onDone}>
      <Form.Item name="points" label={t("cards.adjustPoints")} rules={[{ required: true }]} extra={t("cards.adjustHint")}>
        <InputNumber style={{ width: 200 }} precision={0} data-testid="rec-adjust-points" />
      </Form.Item>
      <Form.Item name="reason" label={t("cards.reason")} rules={[{ required: true, min: 4 }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="rec-adjust-reason" />
      </Form.Item>
    </ApiForm>
  );
}

function RedeemCard({ card, onDone }: { card: RecCardFragment; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [redeem] = useMutation(RecyclingRedeemDocument);
  const [form] = Form.useForm();
  const [ref, setRef] = useState(() => `WEB-${Date.now().toString(36)}`);
  return (
    <Card size="small" title={t("cards.redeem")} data-testid="rec-redeem">
      <ApiForm<{ yuanValue: number; goods: string }>
        form={form}
        submitText={t("cards.redeemSubmit")}
        onSubmit={async (v) => (await redeem({ variables: { input: { cardNo: card.cardNo, yuanValue: Number(v.yuanValue).toFixed(2), goods: v.goods, clientRef: ref } } })).data?.redeemPoints}
        onSuccess={(p) => {
          const r = p as { balance: number; redemption: { points: number } };
          message.success(t("cards.redeemed", { points: r.redemption.points, balance: r.balance }));
          setRef(`WEB-${Date.now().toString(36)}`);
          form.resetFields();
          onDone();
        }}
      >
        <Form.Item name="goods" label={t("cards.goods")} rules={[{ required: true }]}>
          <Input maxLength={200} data-testid="rec-redeem-goods" />
        </Form.Item>
        <Form.Item name="yuanValue" label={t("cards.yuanValue")} rules={[{ required: true }]} extra={t("cards.rateHint")}>
          <InputNumber min={0.01} step={1} precision={2} style={{ width: 200 }} data-testid="rec-redeem-yuan" />
        </Form.Item>
      </ApiForm>
    </Card>
  );
}

function CardList({ onPick }: { onPick: (cardNo: string) => void }) {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const { viewer } = useViewer();
  const { districtOptions } = useReference();
  const [filters, setFilters] = useState<FilterValues>({});
  const [issuing, setIssuing] = useState(false);
  const mayIssue = canWrite(viewer, "recycling");
  const filter = { districtId: filters.districtId as string | undefined, status: filters.status as "ACTIVE" | "FROZEN" | "CANCELLED" | undefined, search: filters.search as string | undefined };
  return (
    <Card
      size="small"
      title={t("cards.list")}
      style={{ marginTop: 12 }}
      extra={
        <Space>
          {mayIssue ? (
            <Button type="primary" onClick={() => setIssuing(true)} data-testid="rec-card-new">
              {t("cards.issue")}
            </Button>
          ) : null}
          <ExportButton name="recycling.cards" filter={{ districtId: filter.districtId, status: filter.status }} />
        </Space>
      }
    >
      <Modal open={issuing} title={t("cards.issue")} footer={null} onCancel={() => setIssuing(false)} destroyOnHidden>
        <IssueCardForm
          districtOptions={districtOptions}
          defaultDistrict={viewer?.district?.id}
          onDone={(cardNo) => {
            setIssuing(false);
            onPick(cardNo);
          }}
        />
      </Modal>
      <FilterBar
        value={filters}
        onChange={setFilters}
        fields={[
          { name: "search", label: t("cards.searchList"), type: "text" },
          { name: "districtId", label: t("common.district"), type: "select", options: districtOptions },
          { name: "status", label: t("cards.status"), type: "select", options: (["ACTIVE", "FROZEN", "CANCELLED"] as const).map((s) => ({ value: s, label: t(`status.${s}`) })) },
        ]}
      />
      <ConnectionTable
        testId="rec-cards-table"
        query={RecyclingCardsDocument}
        variables={{ filter }}
        select={(d) => d.residentCards}
        onRowClick={(c) => onPick(c.cardNo)}
        columns={[
          { title: t("cards.cardNo"), dataIndex: "cardNo", key: "no", render: (v: string) => <code>{v}</code> },
          { title: t("cards.holder"), dataIndex: "holderName", key: "h" },
          { title: t("common.district"), key: "d", render: (_: unknown, c) => localName(c.district, lng) },
          { title: t("cards.balance"), dataIndex: "balance", key: "b", align: "right", render: (v: number) => num(v) },
          { title: t("cards.status"), dataIndex: "status", key: "s", render: (s: string) => <StatusTag status={s} ns={NS} /> },
          { title: t("cards.lastActivity"), dataIndex: "lastActivityAt", key: "la", render: fmt.dateTime },
        ]}
      />
    </Card>
  );
}



/** 办理积分卡（工作人员）：卡号、户号、持卡人、区县；办理后直接打开该卡。 */
function IssueCardForm({ districtOptions, defaultDistrict, onDone }: { districtOptions: { value: string; label: string }[]; defaultDistrict?: string; onDone: (cardNo: string) => void }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [issue] = useMutation(RecyclingIssueCardDocument);
  return (
    <ApiForm<{ cardNo: string; householdCode: string; holderName?: string; address?: string; districtId: string }>
      initialValues={{ districtId: defaultDistrict }}
      onSubmit={async (v) => {
        const input = { cardNo: v.cardNo.trim().toUpperCase(), householdCode: v.householdCode.trim(), holderName: v.holderName?.trim() || undefined, address: v.address?.trim() || undefined, districtId: v.districtId };
        const r = (await issue({ variables: { input } })).data?.issueResidentCard;
        if (r?.card) {
          message.success(t("cards.issued", { cardNo: r.card.cardNo }));
          onDone(r.card.cardNo);
        }
        return r;
      }}
    >
      <Form.Item name="cardNo" label={t("cards.cardNo")} normalize={(v: string) => v.toUpperCase()} rules={[{ required: true }, { pattern: /^[A-Z0-9]{6,24}$/, message: t("cards.cardNoRule") }]}>
        <Input maxLength={24} data-testid="rec-issue-cardno" />
      </Form.Item>
      <Form.Item name="householdCode" label={t("cards.household")} rules={[{ required: true, whitespace: true }, { max: 40 }]}>
        <Input maxLength={40} data-testid="rec-issue-household" />
      </Form.Item>
      <Form.Item name="holderName" label={t("cards.holder")}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="address" label={t("cards.address")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="districtId" label={t("common.district")} rules={[{ required: true }]}>
        <Select options={districtOptions} />
      </Form.Item>
    </ApiForm>
  );
}
