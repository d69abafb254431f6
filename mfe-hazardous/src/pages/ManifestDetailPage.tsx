import { useMutation, useQuery } from "@apollo/client/react";
import { errorMessage } from "@zw/client";
import { ErrorState, LoadingState, PageLayout, useLanguage, useTranslation } from "@zw/ui";
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Timeline, Typography, message } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { SvgImage } from "../components/SvgImage.js";
import { num, useDateFormat } from "../format.js";
import {
  HzCancelManifestDocument,
  HzCloseManifestDocument,
  HzDecideCorrectionDocument,
  HzDecideReceiptDocument,
  HzDisposeManifestDocument,
  HzManifestDocument,
  HzManifestFormOptionsDocument,
  HzPickUpManifestDocument,
  HzPickUpOptionsDocument,
  HzReceiveManifestDocument,
  HzRequestCorrectionDocument,
  HzSubmitManifestDocument,
  type HzManifestQuery,
} from "../graphql/generated.js";
import { NS } from "../module.js";
import { stateColor } from "./ManifestsPage.js";

type M = Extract<NonNullable<HzManifestQuery["node"]>, { number: string }>;
type Payload = { userErrors: readonly { message: string; field?: string | null }[] } | null | undefined;

/** 联单详情：当事方、明细、流转时间线、电子运单、更正申请、二维码，以及调用者此刻可签的步骤。 */
export function ManifestDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation(NS);
  const fmt = useDateFormat();
  const q = useQuery(HzManifestDocument, { variables: { id }, fetchPolicy: "cache-and-network" });
  const m = q.data?.node as M | null | undefined;
  if (q.loading && !q.data) return <LoadingState />;
  if (q.error && !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!m || !("number" in m)) return <ErrorState title={t("manifests.notFound")} />;
  const refresh = () => void q.refetch();
  return (
    <PageLayout
      title={
        <span>
          {t("manifests.detailTitle")} <span data-testid="hz-detail-number">{m.number}</span>{" "}
          <Tag color={stateColor(m.state)} data-testid="hz-detail-state" data-state={m.state}>
            {t(`state.${m.state}`)}
          </Tag>
        </span>
      }
      subtitle={`${m.producer.name} → ${m.carrier.name} → ${m.receiver.name}`}
      testId="hz-manifest-detail"
      extra={
        <Space>
          <Link to="/manifests">{t("common.back")}</Link>
          <Link to={`/manifests/${encodeURIComponent(m.id)}/print`} data-testid="hz-print-link">
            {t("manifests.print")}
          </Link>
        </Space>
      }
    >
      <Actions m={m} onDone={refresh} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t("manifests.parties")}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t("manifests.producer")}>{m.producer.name}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.creditCode")}>{m.producer.creditCode}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.carrier")}>{m.carrier.name}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.permit")}>{m.carrier.permitNo}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.receiver")}>{m.receiver.name}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.licence")}>{m.receiver.licenceNo}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.vehicle")}>{m.vehicle?.plate ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.crew")}>{[m.driver?.name, m.escort?.name].filter(Boolean).join(" / ") || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.waybill")}>{m.waybill ? <span data-testid="hz-waybill">{m.waybill.number}</span> : "—"}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.dueBy")}>{fmt.dateTime(m.dueBy)}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.declaredKg")}>{num(m.declaredKg)}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.receivedKg")}>
                {num(m.receivedKg)}
                {m.discrepancyPct ? (
                  <Tag color={m.discrepancyFlagged ? "red" : "default"} style={{ marginLeft: 8 }} data-testid="hz-discrepancy">
                    {m.discrepancyPct}%
                  </Tag>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label={t("manifests.rejectedKg")}>{num(m.rejectedKg)}</Descriptions.Item>
              <Descriptions.Item label={t("manifests.method")}>{m.disposalMethod ?? "—"}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t("manifests.lines")} style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey="lineNo"
              pagination={false}
              dataSource={m.lines}
              data-testid="hz-lines"
              columns={[
                { title: "#", dataIndex: "lineNo" },
                { title: t("manifests.wasteCode"), dataIndex: "wasteCode" },
                { title: t("manifests.wasteName"), dataIndex: "wasteName" },
                { title: t("manifests.form"), dataIndex: "physicalForm", render: (v: string) => t(`form.${v}`) },
                { title: t("manifests.characteristics"), dataIndex: "characteristics", render: (v: string[]) => v.join("、") },
                { title: t("manifests.packaging"), render: (_: unknown, l) => `${l.packaging} × ${l.packageCount}` },
                { title: t("manifests.quantityKg"), dataIndex: "quantityKg", align: "right", render: (v: string) => num(v) },
                { title: t("manifests.receivedKg"), dataIndex: "receivedKg", align: "right", render: (v: string | null) => num(v) },
                { title: t("manifests.rejectedKg"), dataIndex: "rejectedKg", align: "right", render: (v: string | null) => num(v) },
              ]}
            />
          </Card>
          {m.corrections.length ? <Corrections m={m} onDone={refresh} /> : null}
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t("manifests.qr")}>
            <Space orientation="vertical" align="center" style={{ width: "100%" }}>
              <SvgImage svg={m.qrSvg} alt={m.number} size={180} testId="hz-qr" />
              <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>
                {m.qrUrl}
              </Typography.Text>
            </Space>
          </Card>
          <Card size="small" title={t("manifests.timeline")} style={{ marginTop: 16 }}>
            <Timeline
              data-testid="hz-timeline"
              items={m.events.map((e) => ({
                color: e.action === "reject" || e.action === "cancel" ? "red" : e.action.startsWith("correction") ? "orange" : "blue",
                children: (
                  <div data-testid="hz-timeline-item">
                    <b>{t(`action.${e.action}`, { defaultValue: e.action })}</b> · {t(`party.${e.party}`)}
                    <br />
                    <Typography.Text type="secondary">
                      {fmt.dateTime(e.at)} · {e.actor}
                    </Typography.Text>
                  </div>
                ),
              }))}
            />
          </Card>
          <Card size="small" title={t("manifests.locked")} style={{ marginTop: 16 }}>
            {m.lockedFields.length ? m.lockedFields.map((f) => <Tag key={f}>{t(`field.${f}`, { defaultValue: f })}</Tag>) : <Typography.Text type="secondary">{t("manifests.nothingLocked")}</Typography.Text>}
          </Card>
          {m.scans ? (
            <Card size="small" title={t("manifests.scans")} style={{ marginTop: 16 }}>
              {m.scans.length === 0 ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                m.scans.map((s, i) => (
                  <div key={i} style={{ fontSize: 12 }}>
                    {fmt.dateTime(s.at)} · {s.viewer} · {s.view === "FULL" ? t("verify.full") : t("verify.restricted")} {s.packageRef ? `· ${s.packageRef}` : ""}
                  </div>
                ))
              )}
            </Card>
          ) : null}
        </Col>
      </Row>
    </PageLayout>
  );
}

function useRun() {
  const { t } = useTranslation(NS);
  return async (p: Promise<unknown>, pick: (d: never) => Payload, onDone: () => void) => {
    try {
      const r = (await p) as { data?: unknown };
      const payload = pick(r.data as never);
      if (payload?.userErrors.length) {
        message.error(payload.userErrors.map((e) => e.message).join("；"));
        return false;
      }
      message.success(t("common.done"));
      onDone();
      return true;
    } catch (e) {
      message.error(errorMessage(e));
      return false;
    }
  };
}

/** The steps the caller may sign now (from availableActions). */
function Actions({ m, onDone }: { m: M; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const run = useRun();
  const [submit] = useMutation(HzSubmitManifestDocument);
  const [cancel] = useMutation(HzCancelManifestDocument);
  const [dispose] = useMutation(HzDisposeManifestDocument);
  const [close] = useMutation(HzCloseManifestDocument);
  const [dialog, setDialog] = useState<string | null>(null);
  const opts = useQuery(HzManifestFormOptionsDocument, { skip: !m.availableActions.some((a) => a.action === "dispose") });
  const [method, setMethod] = useState<string | undefined>();
  if (!m.availableActions.length && !m.myParties.some((p) => p !== "STAFF")) return null;
  const canCorrect = !["DRAFT", "CLOSED", "CANCELLED"].includes(m.state) && m.myParties.some((p) => p !== "STAFF");
  return (
    <Card size="small" title={t("manifests.yourStep")} data-testid="hz-actions">
      <Space wrap>
        {m.availableActions.map((a) => (
          <Button
            key={a.action}
            type={["cancel"].includes(a.action) ? "default" : "primary"}
            danger={a.action === "cancel"}
            data-testid={`hz-action-${a.action}`}
            onClick={() => {
              if (a.action === "submit") void run(submit({ variables: { id: m.id } }), (d: { submitTransferManifest: Payload }) => d.submitTransferManifest, onDone);
              else if (a.action === "close") void run(close({ variables: { id: m.id } }), (d: { closeTransferManifest: Payload }) => d.closeTransferManifest, onDone);
              else setDialog(a.action);
            }}
          >
            {lng === "en" ? a.labelEn : a.labelZh}
          </Button>
        ))}
        {canCorrect ? (
          <Button onClick={() => setDialog("correct")} data-testid="hz-action-correct">
            {t("manifests.requestCorrection")}
          </Button>
        ) : null}
      </Space>
      {dialog === "pickUp" ? <PickUpDialog m={m} onClose={() => setDialog(null)} onDone={onDone} /> : null}
      {dialog === "receive" ? <ReceiveDialog m={m} onClose={() => setDialog(null)} onDone={onDone} /> : null}
      {dialog === "accept" || dialog === "partlyReject" || dialog === "reject" ? <DecideDialog m={m} decision={dialog} onClose={() => setDialog(null)} onDone={onDone} /> : null}
      {dialog === "correct" ? <CorrectionDialog m={m} onClose={() => setDialog(null)} onDone={onDone} /> : null}
      <Modal
        open={dialog === "dispose"}
        title={t("manifests.dispose")}
        onCancel={() => setDialog(null)}
        okButtonProps={{ disabled: !method, "data-testid": "hz-dispose-ok" } as never}
        onOk={async () => (await run(dispose({ variables: { id: m.id, method: method! } }), (d: { disposeTransferManifest: Payload }) => d.disposeTransferManifest, onDone)) && setDialog(null)}
      >
        <Select style={{ width: "100%" }} value={method} onChange={setMethod} data-testid="hz-dispose-method" options={(opts.data?.disposalMethods ?? []).map((d) => ({ value: d.code, label: `${d.code} ${lng === "en" ? d.nameEn : d.nameZh}` }))} />
      </Modal>
      <CancelDialog open={dialog === "cancel"} onClose={() => setDialog(null)} onOk={(reason) => run(cancel({ variables: { id: m.id, reason } }), (d: { cancelTransferManifest: Payload }) => d.cancelTransferManifest, onDone)} />
    </Card>
  );
}

function CancelDialog({ open, onClose, onOk }: { open: boolean; onClose: () => void; onOk: (reason: string) => Promise<boolean> }) {
  const { t } = useTranslation(NS);
  const [reason, setReason] = useState("");
  return (
    <Modal open={open} title={t("manifests.cancel")} onCancel={onClose} onOk={async () => (await onOk(reason)) && onClose()} okButtonProps={{ disabled: !reason.trim() }}>
      <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("manifests.reason")} />
    </Modal>
  );
}

function PickUpDialog({ m, onClose, onDone }: { m: M; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const run = useRun();
  const [pickUp] = useMutation(HzPickUpManifestDocument);
  const o = useQuery(HzPickUpOptionsDocument, { variables: { carrierId: m.carrier.id } });
  const [form] = Form.useForm<{ vehicleId: string; driverId: string; escortId: string }>();
  const vehicles = o.data?.transportVehicles.edges.map((e) => e.node) ?? [];
  const people = o.data?.transportPeople.edges.map((e) => e.node) ?? [];
  const opt = (label: string, valid: boolean, until: string) => ({ label: `${label}${valid ? "" : ` （${t("transport.expired")} ${until}）`}`, disabled: false });
  return (
    <Modal
      open
      title={t("manifests.pickUp")}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "hz-pickup-ok" } as never}
      onOk={async () => {
        const v = await form.validateFields();
        if (await run(pickUp({ variables: { input: { id: m.id, ...v } } }), (d: { pickUpTransferManifest: Payload }) => d.pickUpTransferManifest, onDone)) onClose();
      }}
    >
      <Alert type="info" showIcon title={t("manifests.pickUpHint")} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical">
        <Form.Item name="vehicleId" label={t("manifests.vehicle")} rules={[{ required: true }]}>
          <Select data-testid="hz-pickup-vehicle" options={vehicles.map((v) => ({ value: v.id, ...opt(v.plate, v.licenceValid, v.licenceValidTo) }))} />
        </Form.Item>
        <Form.Item name="driverId" label={t("transport.DRIVER")} rules={[{ required: true }]}>
          <Select data-testid="hz-pickup-driver" options={people.filter((p) => p.role === "DRIVER").map((p) => ({ value: p.id, ...opt(p.name, p.licenceValid, p.qualificationValidTo) }))} />
        </Form.Item>
        <Form.Item name="escortId" label={t("transport.ESCORT")} rules={[{ required: true }]}>
          <Select data-testid="hz-pickup-escort" options={people.filter((p) => p.role === "ESCORT").map((p) => ({ value: p.id, ...opt(p.name, p.licenceValid, p.qualificationValidTo) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReceiveDialog({ m, onClose, onDone }: { m: M; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const run = useRun();
  const [receive] = useMutation(HzReceiveManifestDocument);
  const [kg, setKg] = useState<Record<number, string>>(() => Object.fromEntries(m.lines.map((l) => [l.lineNo, l.quantityKg])));
  return (
    <Modal
      open
      title={t("manifests.receive")}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "hz-receive-ok" } as never}
      onOk={async () => {
        if (await run(receive({ variables: { input: { id: m.id, lines: m.lines.map((l) => ({ lineNo: l.lineNo, receivedKg: kg[l.lineNo] ?? "" })) } } }), (d: { receiveTransferManifest: Payload }) => d.receiveTransferManifest, onDone)) onClose();
      }}
    >
      {m.lines.map((l) => (
        <Form.Item key={l.lineNo} label={`${l.lineNo}. ${l.wasteCode} ${l.wasteName.slice(0, 20)}（${t("manifests.declaredKg")} ${num(l.quantityKg)}）`}>
          <Input data-testid={`hz-receive-line-${l.lineNo}`} value={kg[l.lineNo]} onChange={(e) => setKg({ ...kg, [l.lineNo]: e.target.value })} suffix="kg" />
        </Form.Item>
      ))}
    </Modal>
  );
}

function DecideDialog({ m, decision, onClose, onDone }: { m: M; decision: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const run = useRun();
  const [decide] = useMutation(HzDecideReceiptDocument);
  const [reason, setReason] = useState("");
  const [rej, setRej] = useState<Record<number, number | null>>({});
  const d = decision === "accept" ? "ACCEPT" : decision === "reject" ? "REJECT" : "PARTLY_REJECT";
  return (
    <Modal
      open
      title={t(`manifests.${decision}`)}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "hz-decide-ok" } as never}
      onOk={async () => {
        const lines = d === "PARTLY_REJECT" ? Object.entries(rej).filter(([, v]) => v).map(([lineNo, v]) => ({ lineNo: Number(lineNo), rejectedKg: String(v) })) : undefined;
        if (await run(decide({ variables: { input: { id: m.id, decision: d, lines, reason: reason || undefined } } }), (x: { decideManifestReceipt: Payload }) => x.decideManifestReceipt, onDone)) onClose();
      }}
    >
      {d === "PARTLY_REJECT"
        ? m.lines.map((l) => (
            <Form.Item key={l.lineNo} label={`${l.lineNo}. ${l.wasteCode}（${t("manifests.receivedKg")} ${num(l.receivedKg)}）`}>
              <InputNumber min={0} style={{ width: 200 }} value={rej[l.lineNo] ?? null} onChange={(v) => setRej({ ...rej, [l.lineNo]: v })} suffix="kg" />
            </Form.Item>
          ))
        : null}
      {d !== "ACCEPT" ? <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("manifests.reason")} /> : <Typography.Paragraph>{t("manifests.acceptConfirm")}</Typography.Paragraph>}
    </Modal>
  );
}

function CorrectionDialog({ m, onClose, onDone }: { m: M; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const run = useRun();
  const [request] = useMutation(HzRequestCorrectionDocument);
  const [reason, setReason] = useState("");
  const isReceiver = m.myParties.includes("RECEIVER");
  const [vals, setVals] = useState<Record<number, string>>({});
  return (
    <Modal
      open
      title={t("manifests.requestCorrection")}
      onCancel={onClose}
      okButtonProps={{ disabled: !reason.trim() }}
      onOk={async () => {
        const lines = Object.entries(vals)
          .filter(([, v]) => v.trim())
          .map(([lineNo, v]) => (isReceiver ? { lineNo: Number(lineNo), receivedKg: v } : { lineNo: Number(lineNo), quantityKg: v }));
        if (await run(request({ variables: { input: { id: m.id, reason, changes: { lines } } } }), (d: { requestManifestCorrection: Payload }) => d.requestManifestCorrection, onDone)) onClose();
      }}
    >
      <Alert type="info" showIcon title={t("manifests.correctionHint")} style={{ marginBottom: 12 }} />
      {m.lines.map((l) => (
        <Form.Item key={l.lineNo} label={`${l.lineNo}. ${l.wasteCode} — ${isReceiver ? t("manifests.receivedKg") : t("manifests.quantityKg")}（${num(isReceiver ? l.receivedKg : l.quantityKg)}）`}>
          <Input value={vals[l.lineNo] ?? ""} onChange={(e) => setVals({ ...vals, [l.lineNo]: e.target.value })} suffix="kg" />
        </Form.Item>
      ))}
      <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("manifests.reason")} />
    </Modal>
  );
}

function Corrections({ m, onDone }: { m: M; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const fmt = useDateFormat();
  const run = useRun();
  const [decide] = useMutation(HzDecideCorrectionDocument);
  return (
    <Card size="small" title={t("manifests.corrections")} style={{ marginTop: 16 }} data-testid="hz-corrections">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={m.corrections}
        columns={[
          { title: t("manifests.requestedBy"), render: (_: unknown, c) => `${t(`party.${c.requestedParty}`)} · ${c.requestedBy}` },
          { title: t("manifests.reason"), dataIndex: "reason" },
          { title: t("manifests.changes"), dataIndex: "changes", render: (v: unknown) => <code style={{ fontSize: 11 }}>{JSON.stringify(v)}</code> },
          { title: t("manifests.approvals"), render: (_: unknown, c) => `${c.approvedParties.map((p) => t(`party.${p}`)).join("、") || "—"} / ${c.requiredParties.map((p) => t(`party.${p}`)).join("、")}` },
          { title: t("manifests.state"), dataIndex: "status", render: (s: string) => <Tag>{t(`correction.${s}`)}</Tag> },
          { title: t("manifests.created"), dataIndex: "createdAt", render: fmt.dateTime },
          {
            title: "",
            render: (_: unknown, c) =>
              c.status === "PENDING" && m.myParties.some((p) => c.requiredParties.includes(p) && !c.approvedParties.includes(p)) ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => void run(decide({ variables: { id: c.id, approve: true } }), (d: { decideManifestCorrection: Payload }) => d.decideManifestCorrection, onDone)}>
                    {t("manifests.approve")}
                  </Button>
                  <Button size="small" danger onClick={() => void run(decide({ variables: { id: c.id, approve: false, note: t("manifests.rejectNote") } }), (d: { decideManifestCorrection: Payload }) => d.decideManifestCorrection, onDone)}>
                    {t("manifests.rejectCorrection")}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
