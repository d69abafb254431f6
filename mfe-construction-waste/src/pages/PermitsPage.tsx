import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ApiForm, ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, StatusTag, useTranslation, type FilterValues } from "@zw/ui";
import { App as AntApp, Button, DatePicker, Drawer, Form, Input, Select, Space, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useDistricts, useFormat } from "../format.js";
import {
  CwApplyPermitDocument,
  CwDecidePermitDocument,
  CwPermitDetailDocument,
  CwPermitsDocument,
  CwPlacesDocument,
  CwRevokePermitDocument,
  CwSitesDocument,
  CwVehiclesDocument,
  type CwPermitsQuery,
  type PermitStatus,
} from "../graphql/generated.js";
import { NS } from "../module.js";
import { History } from "./History.js";

type Permit = CwPermitsQuery["transportPermits"]["edges"][number]["node"];
const STATUSES: PermitStatus[] = ["PENDING", "ACTIVE", "REJECTED", "REVOKED", "EXPIRED", "WITHDRAWN"];

/** 准运证（一车一线一证）：企业申请、审批（批准生成证号与二维码/驳回）、吊销、打印。 */
export function PermitsPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const { options: districts } = useDistricts();
  const { viewer } = useViewer();
  const { message } = AntApp.useApp();
  const staff = canWrite(viewer, "construction") && !viewer?.org;
  const operator = !!viewer?.org;
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<Permit | null>(null);
  const [applying, setApplying] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const detail = useQuery(CwPermitDetailDocument, { variables: { id: open?.id ?? "" }, skip: !open });
  const [decide] = useMutation(CwDecidePermitDocument);
  const [revoke] = useMutation(CwRevokePermitDocument);
  const node = detail.data?.node && "scanCount" in detail.data.node ? detail.data.node : null;
  const filter = {
    districtId: (filters.districtId as string) || undefined,
    status: (filters.status as PermitStatus[] | undefined)?.length ? (filters.status as PermitStatus[]) : undefined,
    inForce: filters.inForce === "yes" ? true : undefined,
    search: (filters.search as string) || undefined,
  };
  const done = (errs: readonly { message: string }[] | undefined) => {
    if (errs?.length) message.error(errs.map((e) => e.message).join("；"));
    else {
      message.success(t("common.saved"));
      setRefresh((x) => x + 1);
      void detail.refetch();
    }
  };
  const decideWith = async (decision: "approve" | "reject" | "withdraw") => {
    const note = decision === "reject" ? window.prompt(t("permits.rejectReason"))?.trim() : undefined;
    if (decision === "reject" && !note) return;
    done((await decide({ variables: { id: node!.id, decision, note } })).data?.decidePermit.userErrors);
  };
  return (
    <PageLayout
      title={t("permits.title")}
      subtitle={t("permits.subtitle")}
      testId="cw-permits"
      extra={
        <Space>
          {staff || operator ? (
            <Button type="primary" onClick={() => setApplying(true)} data-testid="cw-permit-apply">
              {t("permits.apply")}
            </Button>
          ) : null}
          <ExportButton name="construction.permits" filter={{ districtId: filter.districtId, status: filter.status, search: filter.search }} />
        </Space>
      }
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("permits.number"), type: "text" },
            { name: "districtId", label: t("common.district"), type: "select", options: districts, allowAll: true },
            { name: "status", label: t("common.status"), type: "select", multiple: true, options: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
            { name: "inForce", label: t("permits.inForce"), type: "select", allowAll: true, options: [{ value: "yes", label: t("common.yes") }] },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="cw-permits-table"
        query={CwPermitsDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.transportPermits}
        onRowClick={setOpen}
        columns={[
          { title: t("permits.number"), dataIndex: "number", key: "number", render: (v: string | null) => <span data-testid="cw-permit-number">{v ?? t("permits.unnumbered")}</span> },
          { title: t("vehicles.plate"), key: "plate", render: (_: unknown, p: Permit) => p.vehicle?.plate ?? "—" },
          { title: t("vehicles.company"), key: "company", render: (_: unknown, p: Permit) => p.company?.name ?? "—" },
          { title: t("permits.route"), key: "route", render: (_: unknown, p: Permit) => `${p.site?.name ?? "—"} → ${p.disposalPlace?.name ?? "—"}` },
          { title: t("permits.valid"), key: "valid", render: (_: unknown, p: Permit) => `${f.day(p.validFrom)} ~ ${f.day(p.validTo)}` },
          { title: t("common.status"), dataIndex: "status", key: "status", render: (s: string) => <StatusTag status={s} ns={NS} /> },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={node?.number ?? t("permits.application")}
        width={640}
        loading={detail.loading && !node}
        extra={
          node ? (
            <Space>
              {staff && node.status === "PENDING" ? (
                <>
                  <Button size="small" type="primary" onClick={() => void decideWith("approve")} data-testid="cw-permit-approve">
                    {t("permits.approve")}
                  </Button>
                  <Button size="small" danger onClick={() => void decideWith("reject")} data-testid="cw-permit-reject">
                    {t("permits.reject")}
                  </Button>
                </>
              ) : null}
              {operator && node.status === "PENDING" ? (
                <Button size="small" onClick={() => void decideWith("withdraw")}>
                  {t("permits.withdraw")}
                </Button>
              ) : null}
              {staff && node.status === "ACTIVE" ? (
                <Button size="small" danger onClick={async () => { const r = window.prompt(t("permits.revokeReason"))?.trim(); if (r) done((await revoke({ variables: { id: node.id, reason: r } })).data?.revokePermit.userErrors); }} data-testid="cw-permit-revoke">
                  {t("permits.revoke")}
                </Button>
              ) : null}
              {node.qrCode ? (
                <Link to={`/permits/${encodeURIComponent(node.id)}/print`} data-testid="cw-permit-print">
                  {t("permits.print")}
                </Link>
              ) : null}
            </Space>
          ) : null
        }
        items={
          node
            ? [
                { label: t("common.status"), value: <span data-testid="cw-permit-status" data-status={node.status}><StatusTag status={node.status} ns={NS} /></span> },
                { label: t("vehicles.plate"), value: node.vehicle?.plate ?? "—" },
                { label: t("vehicles.company"), value: node.company?.name ?? "—" },
                { label: t("permits.site"), value: node.site?.name ?? "—" },
                { label: t("permits.place"), value: node.disposalPlace?.name ?? "—" },
                { label: t("permits.valid"), value: `${f.time(node.validFrom)} ~ ${f.time(node.validTo)}` },
                { label: t("permits.routeLength"), value: `${node.routeLengthKm} km` },
                { label: t("permits.scans"), value: String(node.scanCount) },
                ...(node.decisionNote ? [{ label: t("permits.note"), value: node.decisionNote }] : []),
                ...(node.revocationReason ? [{ label: t("permits.revokeReason"), value: node.revocationReason }] : []),
              ]
            : []
        }
      >
        {node?.qrCode ? (
          <div style={{ marginTop: 16, textAlign: "center" }}>
            <img src={node.qrCode.pngDataUrl} alt={t("permits.qr")} width={160} height={160} data-testid="cw-permit-qr" />
            <Typography.Paragraph copyable={{ text: node.qrCode.url }} type="secondary">
              {t("permits.qrHint")}
            </Typography.Paragraph>
          </div>
        ) : null}
        <History entries={node?.history} />
      </DetailDrawer>
      <Drawer open={applying} title={t("permits.apply")} onClose={() => setApplying(false)} size={600} destroyOnHidden>
        <ApplyPermitForm
          onDone={() => {
            setApplying(false);
            setRefresh((x) => x + 1);
            message.success(t("permits.applied"));
          }}
        />
      </Drawer>
    </PageLayout>
  );
}

function ApplyPermitForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation(NS);
  const [plate, setPlate] = useState("");
  const vehicles = useQuery(CwVehiclesDocument, { variables: { first: 50, filter: { status: "ACTIVE", search: plate || undefined } } });
  const sites = useQuery(CwSitesDocument, { variables: { first: 100, filter: { status: ["REGISTERED", "ACTIVE"] } } });
  const places = useQuery(CwPlacesDocument, { variables: { first: 100, filter: { status: "OPEN" } } });
  const [apply] = useMutation(CwApplyPermitDocument);
  const [form] = Form.useForm();
  const siteList = sites.data?.excavationSites.edges.map((e) => e.node) ?? [];
  const placeList = places.data?.disposalPlaces.edges.map((e) => e.node) ?? [];
  /** A straight route from the site to the place, as a starting point the applicant can edit. */
  const suggest = () => {
    const s = siteList.find((x) => x.id === form.getFieldValue("siteId"));
    const p = placeList.find((x) => x.id === form.getFieldValue("disposalPlaceId"));
    if (s && p) form.setFieldValue("route", JSON.stringify([[s.lon, s.lat], [(s.lon + p.lon) / 2, (s.lat + p.lat) / 2], [p.lon, p.lat]]));
  };
  type V = { vehicleId: string; siteId: string; disposalPlaceId: string; route: string; period: [{ toISOString: () => string }, { toISOString: () => string }] };
  return (
    <ApiForm<V>
      form={form}
      onSubmit={async (v) => {
        let route: unknown = null;
        try {
          route = JSON.parse(v.route);
        } catch {
          return { userErrors: [{ field: "input.route", message: t("permits.routeJson") }] };
        }
        return (await apply({ variables: { input: { vehicleId: v.vehicleId, siteId: v.siteId, disposalPlaceId: v.disposalPlaceId, route, validFrom: v.period[0].toISOString(), validTo: v.period[1].toISOString() } } })).data?.applyForPermit;
      }}
      onSuccess={onDone}
    >
      <Form.Item name="vehicleId" label={t("vehicles.plate")} rules={[{ required: true }]}>
        <Select showSearch filterOption={false} onSearch={setPlate} data-testid="cw-apply-vehicle" options={vehicles.data?.spoilVehicles.edges.map((e) => ({ value: e.node.id, label: `${e.node.plate}${e.node.activePermit ? ` · ${t("permits.hasPermit")}` : ""}` })) ?? []} />
      </Form.Item>
      <Form.Item name="siteId" label={t("permits.site")} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" onChange={suggest} data-testid="cw-apply-site" options={siteList.map((s) => ({ value: s.id, label: s.name }))} />
      </Form.Item>
      <Form.Item name="disposalPlaceId" label={t("permits.place")} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" onChange={suggest} data-testid="cw-apply-place" options={placeList.map((p) => ({ value: p.id, label: p.name }))} />
      </Form.Item>
      <Form.Item name="route" label={t("permits.route")} rules={[{ required: true }]} extra={t("permits.routeHint")}>
        <Input.TextArea rows={3} data-testid="cw-apply-route" />
      </Form.Item>
      <Form.Item name="period" label={t("permits.valid")} rules={[{ required: true }]}>
        <DatePicker.RangePicker showTime data-testid="cw-apply-period" />
      </Form.Item>
    </ApiForm>
  );
}
