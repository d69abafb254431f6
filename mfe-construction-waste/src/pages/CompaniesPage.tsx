import { useMutation, useQuery } from "@apollo/client/react";
import { canWrite, useViewer } from "@zw/client";
import { ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, StatusTag, useTranslation, type FilterValues } from "@zw/ui";
import { App as AntApp, Button, Drawer, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { grouped, useDistricts, useFormat } from "../format.js";
import { CwAdjustCreditDocument, CwCompaniesDocument, CwCompanyDetailDocument, CwReinstateCompanyDocument, CwSuspendCompanyDocument, type CreditGrade, type CwCompaniesQuery, type QualificationStatus } from "../graphql/generated.js";
import { NS } from "../module.js";
import { CompanyForm } from "./forms/CompanyForm.js";
import { History } from "./History.js";

type Company = CwCompaniesQuery["transportCompanies"]["edges"][number]["node"];
const GRADE_COLOR: Record<string, string> = { A: "green", B: "blue", C: "orange", D: "red" };

/** 运输企业：资质与信用评价（信用分、等级、每次变动及原因）；暂停与恢复资质（仅工作人员）。 */
export function CompaniesPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const { options: districts } = useDistricts();
  const { viewer } = useViewer();
  const { message } = AntApp.useApp();
  const writer = canWrite(viewer, "construction") && !viewer?.org;
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<Company | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [form, setForm] = useState<"new" | "edit" | null>(null);
  const detail = useQuery(CwCompanyDetailDocument, { variables: { id: open?.id ?? "" }, skip: !open });
  const [adjust] = useMutation(CwAdjustCreditDocument);
  const [suspend] = useMutation(CwSuspendCompanyDocument);
  const [reinstate] = useMutation(CwReinstateCompanyDocument);
  const node = detail.data?.node && "creditHistory" in detail.data.node ? detail.data.node : null;
  const filter = {
    districtId: (filters.districtId as string) || undefined,
    qualificationStatus: (filters.qualificationStatus as QualificationStatus) || undefined,
    creditGrade: (filters.creditGrade as CreditGrade) || undefined,
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
  const ask = (key: string) => window.prompt(t(key))?.trim() ?? "";
  return (
    <PageLayout
      title={t("companies.title")}
      subtitle={t("companies.subtitle")}
      testId="cw-companies"
      extra={
        <Space>
          {writer ? (
            <Button type="primary" onClick={() => setForm("new")} data-testid="cw-company-new">
              {t("companies.new")}
            </Button>
          ) : null}
          <ExportButton name="construction.companies" filter={{ districtId: filter.districtId, status: filter.qualificationStatus, search: filter.search }} />
        </Space>
      }
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("common.search"), type: "text" },
            { name: "districtId", label: t("common.district"), type: "select", options: districts, allowAll: true },
            { name: "qualificationStatus", label: t("companies.qualification"), type: "select", allowAll: true, options: ["VALID", "SUSPENDED", "REVOKED"].map((s) => ({ value: s, label: t(`status.${s}`) })) },
            { name: "creditGrade", label: t("companies.grade"), type: "select", allowAll: true, options: ["A", "B", "C", "D"].map((g) => ({ value: g, label: g })) },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="cw-companies-table"
        query={CwCompaniesDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.transportCompanies}
        onRowClick={setOpen}
        columns={[
          { title: t("common.name"), dataIndex: "name", key: "name" },
          { title: t("common.district"), key: "district", render: (_: unknown, c: Company) => f.district(c.district) },
          { title: t("companies.qualification"), dataIndex: "qualificationStatus", key: "q", render: (s: string) => <StatusTag status={s} ns={NS} /> },
          { title: t("companies.score"), dataIndex: "creditScore", key: "score", align: "right", render: (v: number, c: Company) => <span data-testid="cw-company-score">{v} <Tag color={GRADE_COLOR[c.creditGrade]}>{c.creditGrade}</Tag></span> },
          { title: t("companies.vehicles"), dataIndex: "vehicleCount", key: "v", align: "right" },
          { title: t("companies.fleet"), dataIndex: "fleetLoadM3", key: "fleet", align: "right", render: grouped },
          { title: t("companies.sites"), dataIndex: "sitesServed", key: "s", align: "right" },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open?.name ?? ""}
        width={680}
        loading={detail.loading && !node}
        extra={
          writer && node ? (
            <Space>
              <Button size="small" onClick={() => setForm("edit")} data-testid="cw-company-edit">
                {t("common.edit")}
              </Button>
              <Button size="small" onClick={async () => { const note = ask("companies.bonusNote"); if (note) done((await adjust({ variables: { input: { companyId: node.id, bonus: "COMMENDATION", note } } })).data?.adjustCompanyCredit.userErrors); }} data-testid="cw-company-bonus">
                {t("companies.bonus")}
              </Button>
              {node.qualificationStatus === "VALID" ? (
                <Button size="small" danger onClick={async () => { const r = ask("companies.suspendReason"); if (r) done((await suspend({ variables: { id: node.id, reason: r } })).data?.suspendTransportCompany.userErrors); }} data-testid="cw-company-suspend">
                  {t("companies.suspend")}
                </Button>
              ) : node.qualificationStatus === "SUSPENDED" ? (
                <Button size="small" type="primary" onClick={async () => { const r = ask("companies.reinstateReason"); if (r) done((await reinstate({ variables: { id: node.id, reason: r } })).data?.reinstateTransportCompany.userErrors); }} data-testid="cw-company-reinstate">
                  {t("companies.reinstate")}
                </Button>
              ) : null}
            </Space>
          ) : null
        }
        items={
          node
            ? [
                { label: t("companies.creditCode"), value: node.creditCode },
                { label: t("companies.qualificationNo"), value: `${node.qualificationNo}（${t("companies.validTo")} ${node.qualificationValidTo}）` },
                { label: t("companies.qualification"), value: <span data-testid="cw-company-status"><StatusTag status={node.qualificationStatus} ns={NS} /> {node.suspensionReason ?? ""}</span> },
                { label: t("companies.score"), value: `${node.creditScore} (${node.creditGrade})` },
                { label: t("companies.crossDistrict"), value: node.crossDistrict ? t("common.yes") : t("common.no") },
                { label: t("companies.fleet"), value: `${node.vehicleCount} · ${grouped(node.fleetLoadM3)} m³` },
                { label: t("companies.contact"), value: `${node.contactName} ${node.contactPhone}` },
              ]
            : []
        }
      >
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t("companies.creditHistory")}
        </Typography.Title>
        <Table
          size="small"
          rowKey="id"
          data-testid="cw-credit-history"
          pagination={false}
          dataSource={node?.creditHistory.edges.map((e) => e.node) ?? []}
          columns={[
            { title: t("common.time"), dataIndex: "at", key: "at", render: f.time },
            { title: t("companies.cause"), dataIndex: "cause", key: "cause", render: (c: string, r) => `${t(`cause.${c}`)}${r.violationType ? ` · ${t(`violation.${r.violationType}`, { defaultValue: r.violationType })}` : ""}` },
            { title: t("companies.delta"), dataIndex: "delta", key: "delta", align: "right", render: (d: number) => (d > 0 ? `+${d}` : String(d)) },
            { title: t("companies.after"), key: "after", render: (_: unknown, r) => `${r.scoreAfter} (${r.gradeAfter})` },
            { title: t("companies.note"), dataIndex: "note", key: "note" },
          ]}
        />
        <History entries={node?.history} />
      </DetailDrawer>
      <Drawer open={!!form} title={form === "edit" ? `${t("common.edit")} ${node?.name ?? ""}` : t("companies.new")} onClose={() => setForm(null)} size={560} destroyOnHidden>
        {form === "new" ? (
          <CompanyForm onDone={() => { setForm(null); message.success(t("common.saved")); setRefresh((x) => x + 1); }} />
        ) : form === "edit" && node ? (
          <CompanyForm
            companyId={node.id}
            initial={{ name: node.name, address: node.address, contactName: node.contactName, contactPhone: node.contactPhone, qualificationNo: node.qualificationNo, qualificationValidFrom: node.qualificationValidFrom, qualificationValidTo: node.qualificationValidTo, crossDistrict: node.crossDistrict }}
            onDone={() => { setForm(null); message.success(t("common.saved")); setRefresh((x) => x + 1); void detail.refetch(); }}
          />
        ) : null}
      </Drawer>
    </PageLayout>
  );
}
