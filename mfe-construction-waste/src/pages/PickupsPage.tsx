import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, DetailDrawer, FilterBar, PageLayout, StatusTag, useTranslation, type FilterValues } from "@zw/ui";
import { App as AntApp, Form, Input, InputNumber, Segmented, Select } from "antd";
import { useState } from "react";
import { useFormat } from "../format.js";
import { CwAdvancePickupDocument, CwPickupDetailDocument, CwPickupFacilitiesDocument, CwPickupsDocument, type BulkyPickupStatus, type CwPickupsQuery, type ResidentWasteKind } from "../graphql/generated.js";
import { NS } from "../module.js";
import { History } from "./History.js";

type Pickup = CwPickupsQuery["bulkyPickupRequests"]["edges"][number]["node"];
export type PickupAction = "schedule" | "collect" | "deliver" | "cancel";
/** What staff may do next in each state (the API's transition table, PICKUP_TRANSITIONS). */
export const PICKUP_NEXT: Record<BulkyPickupStatus, PickupAction[]> = { REQUESTED: ["schedule", "cancel"], SCHEDULED: ["collect", "cancel"], COLLECTED: ["deliver"], DELIVERED: [], CANCELLED: [] };

/** 居民一键预约清运（装修、大件、园林垃圾）：预约 → 排班 → 收运（称重）→ 进场（设施），或取消（需理由）。 */
export function PickupsPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const { viewer } = useViewer();
  const writer = canWrite(viewer, "construction") && !viewer?.org;
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<Pickup | null>(null);
  const [refresh, setRefresh] = useState(0);
  const detail = useQuery(CwPickupDetailDocument, { variables: { id: open?.id ?? "" }, skip: !open });
  const node = detail.data?.node && "trackingCode" in detail.data.node ? detail.data.node : null;
  const filter = { status: (filters.status as BulkyPickupStatus[] | undefined)?.length ? (filters.status as BulkyPickupStatus[]) : undefined, wasteKind: (filters.wasteKind as ResidentWasteKind) || undefined };
  const status = (node?.status ?? open?.status) as BulkyPickupStatus | undefined;
  return (
    <PageLayout
      title={t("pickups.title")}
      subtitle={t("pickups.subtitle")}
      testId="cw-pickups"
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "status", label: t("common.status"), type: "select", multiple: true, options: ["REQUESTED", "SCHEDULED", "COLLECTED", "DELIVERED", "CANCELLED"].map((s) => ({ value: s, label: t(`status.${s}`) })) },
            { name: "wasteKind", label: t("pickups.kind"), type: "select", allowAll: true, options: ["RENOVATION", "BULKY", "GARDEN"].map((k) => ({ value: k, label: t(`wasteKind.${k}`) })) },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="cw-pickups-table"
        query={CwPickupsDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.bulkyPickupRequests}
        onRowClick={setOpen}
        columns={[
          { title: t("pickups.code"), dataIndex: "trackingCode", key: "code" },
          { title: t("pickups.resident"), key: "r", render: (_: unknown, p: Pickup) => `${p.residentName} ${p.phone}` },
          { title: t("pickups.address"), dataIndex: "address", key: "a" },
          { title: t("pickups.kind"), dataIndex: "wasteKind", key: "k", render: (k: string) => t(`wasteKind.${k}`) },
          { title: t("pickups.date"), dataIndex: "preferredDate", key: "d", render: f.day },
          { title: t("pickups.weight"), dataIndex: "weightKg", key: "w", align: "right", render: (v: number | null) => (v == null ? "—" : `${v} kg`) },
          { title: t("common.status"), dataIndex: "status", key: "s", render: (s: string) => <StatusTag status={s} ns={NS} /> },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open?.trackingCode ?? ""}
        loading={detail.loading && !node}
        items={
          open
            ? [
                { label: t("pickups.resident"), value: `${open.residentName} ${open.phone}` },
                { label: t("pickups.address"), value: open.address },
                { label: t("pickups.kind"), value: t(`wasteKind.${open.wasteKind}`) },
                { label: t("pickups.date"), value: open.preferredDate },
                { label: t("common.status"), value: <span data-testid="cw-pickup-status">{status ? <StatusTag status={status} ns={NS} /> : "—"}</span> },
                { label: t("pickups.estimated"), value: node?.estimatedWeightKg != null ? `${node.estimatedWeightKg} kg` : "—" },
                { label: t("pickups.scheduled"), value: node?.scheduledFor ? `${f.time(node.scheduledFor)} · ${node.crew ?? ""}` : "—" },
                { label: t("pickups.weight"), value: node?.weightKg != null ? `${node.weightKg} kg` : "—" },
                { label: t("pickups.facility"), value: node?.facility ? `${node.facility.name}（${f.time(node.deliveredAt)}）` : "—" },
                ...(node?.cancelReason ? [{ label: t("pickups.cancelReason"), value: node.cancelReason }] : []),
              ]
            : []
        }
      >
        {writer && open && status && PICKUP_NEXT[status].length ? (
          <PickupAdvanceForm
            key={`${open.id}-${status}`}
            pickupId={open.id}
            actions={PICKUP_NEXT[status]}
            onDone={() => {
              setRefresh((x) => x + 1);
              void detail.refetch();
            }}
          />
        ) : null}
        <History entries={node?.history} />
      </DetailDrawer>
    </PageLayout>
  );
}

interface AdvanceValues {
  scheduledFor?: string;
  crew?: string;
  weightKg?: number;
  facilityId?: string;
  reason?: string;
}

/** The next step of a pickup: schedule (time, crew), collect (weight), deliver (facility) or cancel (reason). */
export function PickupAdvanceForm({ pickupId, actions, onDone }: { pickupId: string; actions: PickupAction[]; onDone: () => void }) {
  const { t } = useTranslation(NS);
  const { message } = AntApp.useApp();
  const [action, setAction] = useState<PickupAction>(actions[0]!);
  const facilities = useQuery(CwPickupFacilitiesDocument, { skip: action !== "deliver" });
  const [advance] = useMutation(CwAdvancePickupDocument);
  const options = [...(facilities.data?.complexes.edges ?? []), ...(facilities.data?.plants.edges ?? [])].map((e) => ({ value: e.node.id, label: e.node.name }));
  return (
    <div style={{ marginTop: 16 }} data-testid="cw-pickup-advance">
      <Segmented<PickupAction> value={action} onChange={setAction} options={actions.map((a) => ({ value: a, label: <span data-testid={`cw-pickup-action-${a}`}>{t(`pickups.action.${a}`)}</span> }))} style={{ marginBottom: 12 }} />
      <ApiForm<AdvanceValues & Record<string, unknown>>
        key={action}
        submitText={t(`pickups.action.${action}`)}
        onSubmit={async (v) =>
          (
            await advance({
              variables: {
                input: {
                  id: pickupId,
                  action,
                  scheduledFor: action === "schedule" && v.scheduledFor ? new Date(v.scheduledFor).toISOString() : undefined,
                  crew: action === "schedule" ? v.crew?.trim() : undefined,
                  weightKg: action === "collect" ? v.weightKg : undefined,
                  facilityId: action === "deliver" ? v.facilityId : undefined,
                  reason: action === "cancel" ? v.reason?.trim() : undefined,
                },
              },
            })
          ).data?.advanceBulkyPickup
        }
        onSuccess={() => {
          message.success(t("common.saved"));
          onDone();
        }}
      >
        {action === "schedule" ? (
          <>
            <Form.Item name="scheduledFor" label={t("pickups.scheduledFor")} rules={[{ required: true, message: t("form.required") }]}>
              <Input type="datetime-local" data-testid="cw-pickup-scheduledFor" />
            </Form.Item>
            <Form.Item name="crew" label={t("pickups.crew")} rules={[{ required: true, message: t("form.required") }]}>
              <Input data-testid="cw-pickup-crew" maxLength={60} />
            </Form.Item>
          </>
        ) : action === "collect" ? (
          <Form.Item name="weightKg" label={t("pickups.weight")} rules={[{ required: true, message: t("form.required") }]}>
            <InputNumber min={1} max={50000} precision={0} suffix="kg" data-testid="cw-pickup-weight" />
          </Form.Item>
        ) : action === "deliver" ? (
          <Form.Item name="facilityId" label={t("pickups.facility")} rules={[{ required: true, message: t("form.required") }]}>
            <Select options={options} loading={facilities.loading} data-testid="cw-pickup-facility" />
          </Form.Item>
        ) : (
          <Form.Item name="reason" label={t("pickups.cancelReason")} rules={[{ required: true, message: t("form.required") }]}>
            <Input data-testid="cw-pickup-reason" maxLength={500} />
          </Form.Item>
        )}
      </ApiForm>
    </div>
  );
}
