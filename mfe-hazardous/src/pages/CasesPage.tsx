import { useQuery } from "@apollo/client/react";
import { ConnectionTable, DetailDrawer, FilterBar, PageLayout, localName, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { Tag } from "antd";
import { useState } from "react";
import { HazardousCasesDocument, HazardousReferenceDocument, type CaseStatus, type HazardousCasesQuery } from "../graphql/generated.js";
import { NS, STREAM } from "../module.js";

type CaseRow = HazardousCasesQuery["cases"]["edges"][number]["node"];
const CASE_COLORS: Record<string, string> = { OPEN: "red", INVESTIGATING: "processing", DECIDED: "purple", CLOSED: "green" };

/** The stream's enforcement cases: search, status and district filters, cursor paging, details. */
export function CasesPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const ref = useQuery(HazardousReferenceDocument);
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<CaseRow | null>(null);
  const when = (v: string | null | undefined) => (v ? new Date(v).toLocaleString(lng) : "—");
  const status = (s: string) => <Tag color={CASE_COLORS[s]} data-status={s}>{t(`caseStatus.${s}`)}</Tag>;

  const filter = {
    stream: STREAM,
    search: (filters.search as string | undefined) ?? undefined,
    status: filters.status ? ([filters.status] as CaseStatus[]) : undefined,
    districtId: (filters.districtId as string | undefined) ?? undefined,
  };

  return (
    <PageLayout
      title={t("cases.title")}
      subtitle={t("cases.subtitle")}
      testId="mfe-cases"
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("filter.search"), type: "text" },
            { name: "status", label: t("filter.status"), type: "select", options: ["OPEN", "INVESTIGATING", "DECIDED", "CLOSED"].map((s) => ({ value: s, label: t(`caseStatus.${s}`) })) },
            {
              name: "districtId",
              label: t("filter.district"),
              type: "select",
              options: (ref.data?.districts ?? []).filter((d) => d.level === "DISTRICT").map((d) => ({ value: d.id, label: localName(d, lng) })),
            },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="mfe-cases-table"
        query={HazardousCasesDocument}
        variables={{ filter }}
        select={(d) => d.cases}
        pageSize={20}
        onRowClick={setOpen}
        columns={[
          { title: t("col.number"), dataIndex: "number", key: "number", render: (v: string) => <span data-testid="mfe-case-number">{v}</span> },
          { title: t("col.subject"), dataIndex: "subjectLabel", key: "subject" },
          { title: t("col.violation"), dataIndex: "violationType", key: "violation" },
          { title: t("col.district"), key: "district", render: (_: unknown, c: CaseRow) => <span data-testid="mfe-case-district">{localName(c.district, lng)}</span> },
          { title: t("col.status"), dataIndex: "status", key: "status", render: status },
          { title: t("col.fine"), dataIndex: "fineYuan", key: "fine", align: "right" as const },
          { title: t("col.openedAt"), dataIndex: "openedAt", key: "openedAt", render: when },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open ? `${t("cases.detail")} ${open.number}` : t("cases.detail")}
        items={
          open
            ? [
                { label: t("col.number"), value: open.number },
                { label: t("col.source"), value: t(`source.${open.source}`) },
                { label: t("col.campaign"), value: open.campaign ?? "—" },
                { label: t("col.subject"), value: `${open.subjectType} · ${open.subjectLabel}` },
                { label: t("col.violation"), value: open.violationType },
                { label: t("col.description"), value: open.description || "—" },
                { label: t("col.district"), value: localName(open.district, lng) },
                { label: t("col.status"), value: status(open.status) },
                { label: t("col.fine"), value: open.fineYuan },
                { label: t("col.openedAt"), value: when(open.openedAt) },
                { label: t("col.decidedAt"), value: when(open.decidedAt) },
                { label: t("col.closedAt"), value: when(open.closedAt) },
              ]
            : []
        }
      />
    </PageLayout>
  );
}
