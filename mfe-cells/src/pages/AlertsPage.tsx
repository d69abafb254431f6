import { useQuery } from "@apollo/client/react";
import { ConnectionTable, DetailDrawer, FilterBar, PageLayout, StatusTag, localName, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { useState } from "react";
import { CellsAlertsDocument, CellsReferenceDocument, type AlertStatus, type CellsAlertsQuery, type Severity } from "../graphql/generated.js";
import { NS, STREAM } from "../module.js";

type AlertRow = CellsAlertsQuery["alerts"]["edges"][number]["node"];

/** The stream's alerts: filters, server-side cursor paging, details in a drawer. */
export function AlertsPage() {
  const { t } = useTranslation([NS, "ui"]);
  const lng = useLanguage();
  const ref = useQuery(CellsReferenceDocument);
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<AlertRow | null>(null);
  const when = (v: string | null | undefined) => (v ? new Date(v).toLocaleString(lng) : "—");

  const filter = {
    stream: STREAM,
    status: filters.status ? ([filters.status] as AlertStatus[]) : undefined,
    severity: (filters.severity as Severity | undefined) ?? undefined,
    districtId: (filters.districtId as string | undefined) ?? undefined,
  };

  return (
    <PageLayout
      title={t("alerts.title")}
      subtitle={t("alerts.subtitle")}
      testId="mfe-alerts"
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "status", label: t("filter.status"), type: "select", options: ["OPEN", "ACKNOWLEDGED", "CLOSED"].map((s) => ({ value: s, label: t(`ui:status.${s}`) })) },
            { name: "severity", label: t("filter.severity"), type: "select", options: ["HIGH", "MEDIUM", "LOW"].map((s) => ({ value: s, label: t(`ui:status.${s}`) })) },
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
        testId="mfe-alerts-table"
        query={CellsAlertsDocument}
        variables={{ filter }}
        select={(d) => d.alerts}
        pageSize={20}
        onRowClick={setOpen}
        columns={[
          { title: t("col.title"), dataIndex: "title", key: "title" },
          { title: t("col.severity"), dataIndex: "severity", key: "severity", render: (s: string) => <StatusTag status={s} /> },
          { title: t("col.status"), dataIndex: "status", key: "status", render: (s: string) => <StatusTag status={s} /> },
          { title: t("col.district"), key: "district", render: (_: unknown, a: AlertRow) => (a.district ? localName(a.district, lng) : "—") },
          { title: t("col.subject"), dataIndex: "subjectLabel", key: "subject" },
          { title: t("col.raisedAt"), dataIndex: "raisedAt", key: "raisedAt", render: when },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open?.title ?? t("alerts.detail")}
        items={
          open
            ? [
                { label: t("col.rule"), value: open.rule },
                { label: t("col.severity"), value: <StatusTag status={open.severity} /> },
                { label: t("col.status"), value: <StatusTag status={open.status} /> },
                { label: t("col.district"), value: open.district ? localName(open.district, lng) : "—" },
                { label: t("col.subject"), value: `${open.subjectType} · ${open.subjectLabel}` },
                { label: t("col.occurrences"), value: open.occurrences },
                { label: t("col.raisedAt"), value: when(open.raisedAt) },
                { label: t("col.lastSeenAt"), value: when(open.lastSeenAt) },
                { label: t("col.disposition"), value: open.disposition ?? "—" },
                { label: t("col.detail"), value: <pre style={{ margin: 0, whiteSpace: "pre-wrap" }}>{JSON.stringify(open.detail, null, 2)}</pre> },
              ]
            : []
        }
      />
    </PageLayout>
  );
}
