import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, errorMessage, useViewer } from "@zw/client";
import { ApiForm, ErrorState, ExportButton, PageLayout, localName, useLanguage, useTranslation, LineChart } from "@zw/ui";
import { App, Button, Card, Col, Drawer, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { addDays, num, today, useReference } from "../format.js";
import { RecyclingPriceBoardDocument, RecyclingPriceHistoryDocument, RecyclingPublishPricesDocument, RecyclingReferenceDocument, RecyclingUpdateMaterialDocument, type RecyclingPriceBoardQuery } from "../graphql/generated.js";
import { NS } from "../module.js";

type BoardRow = RecyclingPriceBoardQuery["recyclingPriceBoard"][number];

/** 价格：某日各物资执行价及环比，价格走势，公布每日价格（工作人员为全市指导价，企业为自定价）。 */
export function PricesPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const { viewer } = useViewer();
  const { materialOptions } = useReference();
  const [day, setDay] = useState(today());
  const [material, setMaterial] = useState<string | null>(null);
  const [days, setDays] = useState(90);
  const [publishing, setPublishing] = useState(false);
  const board = useQuery(RecyclingPriceBoardDocument, { variables: { day } });
  const rows = board.data?.recyclingPriceBoard ?? [];
  const chosen = material ?? rows[0]?.material.id ?? null;
  const history = useQuery(RecyclingPriceHistoryDocument, { variables: { materialId: chosen ?? "", from: addDays(day, -days), to: day }, skip: !chosen });
  const mayPublish = canWrite(viewer, "recycling") && (!viewer?.org || viewer.org.kind === "recycling.enterprise") && (viewer?.org || !viewer?.district);
  return (
    <PageLayout
      title={t("prices.title")}
      subtitle={t("prices.subtitle")}
      testId="rec-prices"
      extra={
        <>
          {mayPublish ? (
            <Button type="primary" onClick={() => setPublishing(true)} data-testid="rec-price-publish">
              {viewer?.org ? t("prices.publishOwn") : t("prices.publish")}
            </Button>
          ) : null}
          <ExportButton name="recycling.prices" filter={{ materialId: chosen ?? undefined, from: addDays(day, -days), to: day }} />
        </>
      }
      filters={<Input type="date" value={day} max={addDays(today(), 7)} onChange={(e) => e.target.value && setDay(e.target.value)} style={{ width: 170 }} data-testid="rec-price-day" />}
    >
      {board.error ? <ErrorState error={board.error} onRetry={() => void board.refetch()} /> : null}
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Table<BoardRow>
            data-testid="rec-price-board"
            size="small"
            pagination={false}
            loading={board.loading}
            rowKey={(r) => r.material.id}
            dataSource={rows}
            onRow={(r) => ({ onClick: () => setMaterial(r.material.id), style: { cursor: "pointer", background: r.material.id === chosen ? "#e6f4ff" : undefined } })}
            columns={[
              { title: t("prices.material"), key: "m", render: (_, r) => <>{localName(r.material, lng)} {r.enterprisePrice ? <Tag color="gold">{t("prices.own")}</Tag> : null}</> },
              { title: t("prices.price"), key: "p", align: "right", render: (_, r) => (r.priceYuan ? `${num(r.priceYuan)} ${t(r.material.unit === "PIECE" ? "unit.yuanPerPiece" : "unit.yuanPerKg")}` : "—") },
              { title: t("prices.previous"), dataIndex: "previousPriceYuan", align: "right", render: (v: string | null) => num(v) },
              {
                title: t("prices.change"),
                dataIndex: "changePct",
                align: "right",
                render: (v: number | null) => (v == null ? "—" : <Typography.Text type={v > 0 ? "danger" : v < 0 ? "success" : undefined}>{`${v > 0 ? "+" : ""}${v}%`}</Typography.Text>),
              },
              { title: t("prices.publishedDay"), dataIndex: "publishedDay" },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t("prices.history", { name: localName(rows.find((r) => r.material.id === chosen)?.material ?? { nameZh: "", nameEn: "" }, lng) })}
            extra={<Select value={days} onChange={setDays} options={[30, 90, 180, 365].map((d) => ({ value: d, label: t("prices.lastDays", { n: d }) }))} style={{ width: 120 }} />}
            data-testid="rec-price-history"
          >
            <LineChart categories={(history.data?.recyclingPriceHistory ?? []).map((p) => p.day.slice(5))} series={[{ name: t("prices.price"), data: (history.data?.recyclingPriceHistory ?? []).map((p) => Number(p.priceYuan)) }]} height={320} />
          </Card>
        </Col>
      </Row>
      <Materials />
      <Drawer open={publishing} title={t("prices.publish")} onClose={() => setPublishing(false)} size={520} destroyOnHidden>
        <PublishForm
          rows={rows}
          materialOptions={materialOptions}
          onDone={() => {
            setPublishing(false);
            void board.refetch();
            void history.refetch();
          }}
        />
      </Drawer>
    </PageLayout>
  );
}

function PublishForm({ rows, materialOptions, onDone }: { rows: BoardRow[]; materialOptions: { value: string; label: string }[]; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const [publish] = useMutation(RecyclingPublishPricesDocument);
  return (
    <ApiForm<{ day: string; materialId: string; priceYuan: number }>
      initialValues={{ day: today() }}
      onSubmit={async (v) => (await publish({ variables: { input: { day: v.day, items: [{ materialId: v.materialId, priceYuan: Number(v.priceYuan).toFixed(2) }] } } })).data?.publishRecyclingPrices}
      onSuccess={onDone}
    >
      <Form.Item name="day" label={t("prices.day")} rules={[{ required: true }]}>
        <Input type="date" data-testid="rec-publish-day" />
      </Form.Item>
      <Form.Item name="materialId" label={t("prices.material")} rules={[{ required: true }]}>
        <Select options={materialOptions} data-testid="rec-publish-material" />
      </Form.Item>
      <Form.Item name="priceYuan" label={t("prices.price")} rules={[{ required: true }]} extra={t("prices.jumpHint")}>
        <InputNumber min={0.01} step={0.01} precision={2} style={{ width: 200 }} data-testid="rec-publish-price" />
      </Form.Item>
      <Typography.Text type="secondary">{t("prices.currentCount", { n: rows.filter((r) => r.priceYuan).length })}</Typography.Text>
    </ApiForm>
  );
}

/** 物资目录与积分率：每种物资的单位、每千克（或每件）积分；市级工作人员可修改积分率或停收（记审计）。 */
function Materials() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const { message } = App.useApp();
  const { viewer } = useViewer();
  const q = useQuery(RecyclingReferenceDocument);
  const [update] = useMutation(RecyclingUpdateMaterialDocument);
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  const mayEdit = canWrite(viewer, "recycling") && !viewer?.org && !viewer?.district;
  const save = async (id: string, patch: { pointsPerUnit?: number; active?: boolean }) => {
    try {
      const r = (await update({ variables: { input: { id, ...patch } } })).data?.updateRecyclingMaterial;
      if (r?.userErrors.length) message.error(r.userErrors[0]!.message);
      else {
        message.success(t("prices.materialSaved"));
        setDraft((d) => ({ ...d, [id]: null }));
        void q.refetch();
      }
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const materials = q.data?.recyclingMaterials ?? [];
  return (
    <Card size="small" title={t("prices.materials")} style={{ marginTop: 12 }} data-testid="rec-materials">
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        loading={q.loading}
        dataSource={materials}
        columns={[
          { title: t("prices.material"), key: "n", render: (_, m) => <Space>{localName(m, lng)}<Typography.Text type="secondary"><code>{m.code}</code></Typography.Text></Space> },
          { title: t("prices.category"), dataIndex: "category", render: (c: string) => t(`category.${c}`) },
          { title: t("prices.unit"), dataIndex: "unit", render: (u: string) => t(u === "PIECE" ? "prices.perPiece" : "prices.perKg") },
          {
            title: t("prices.pointsRate"),
            key: "p",
            align: "right",
            render: (_, m) =>
              mayEdit ? (
                <Space>
                  <InputNumber min={0} max={100000} precision={0} value={draft[m.id] ?? m.pointsPerUnit} onChange={(v) => setDraft((d) => ({ ...d, [m.id]: v }))} style={{ width: 110 }} data-testid={`rec-material-rate-${m.code}`} />
                  {draft[m.id] != null && draft[m.id] !== m.pointsPerUnit ? (
                    <Popconfirm title={t("prices.rateConfirm")} onConfirm={() => void save(m.id, { pointsPerUnit: draft[m.id]! })}>
                      <a data-testid={`rec-material-save-${m.code}`}>{t("rules.save")}</a>
                    </Popconfirm>
                  ) : null}
                </Space>
              ) : (
                num(m.pointsPerUnit)
              ),
          },
          {
            title: t("prices.collected"),
            key: "a",
            render: (_, m) =>
              mayEdit ? (
                <Popconfirm title={m.active ? t("prices.stopConfirm") : t("prices.resumeConfirm")} onConfirm={() => void save(m.id, { active: !m.active })}>
                  <Switch checked={m.active} size="small" data-testid={`rec-material-active-${m.code}`} />
                </Popconfirm>
              ) : m.active ? (
                <Tag color="green">{t("prices.yes")}</Tag>
              ) : (
                <Tag>{t("prices.no")}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
