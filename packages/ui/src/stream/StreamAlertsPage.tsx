import { useQuery } from "@apollo/client/react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ConnectionTable } from "../connection-table.js";
import { DetailDrawer } from "../detail-drawer.js";
import { FilterBar, type FilterValues } from "../filter-bar.js";
import { StreamAlertsDocument, StreamDistrictsDocument, type AlertStatus, type Severity, type Stream, type StreamAlertsQuery } from "../graphql/generated.js";
import { localName, useLanguage } from "../i18n.js";
import { PageLayout } from "../layout.js";
import { StatusTag } from "../status-tag.js";

export type StreamAlert = StreamAlertsQuery["alerts"]["edges"][number]["node"];

/**
 * One stream's alerts (core's alert model): status, severity and district filters, server-side cursor
 * paging, details in a drawer. `drawerExtra` adds actions to the drawer's header, `drawerBody` below the details (its `changed(patch)` updates the drawer and reloads the list), for the open alert.
 */
export function StreamAlertsPage({ stream, title, subtitle, extra, drawerExtra, drawerBody }: { stream: Stream; title?: ReactNode; subtitle?: ReactNode; extra?: ReactNode; drawerExtra?: (a: StreamAlert) => ReactNode; drawerBody?: (a: StreamAlert, changed: (patch: Partial<StreamAlert>) => void) => ReactNode }) {
  const { t } = useTranslation("ui");
  const lng = useLanguage();
  const districts = useQuery(StreamDistrictsDocument);
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<StreamAlert | null>(null);
  const [refresh, setRefresh] = useState(0);
  const changed = (patch: Partial<StreamAlert>) => {
    setOpen((o) => (o ? { ...o, ...patch } : o));
    setRefresh((x) => x + 1);
  };
  const when = (v: string | null | undefined) => (v ? new Date(v).toLocaleString(lng) : "—");
  const filter = {
    stream,
    status: filters.status ? ([filters.status] as AlertStatus[]) : undefined,
    severity: (filters.severity as Severity | undefined) ?? undefined,
    districtId: (filters.districtId as string | undefined) ?? undefined,
  };
  return (
    <PageLayout
      title={title ?? t("alerts.title")}
      subtitle={subtitle}
      extra={extra}
      testId="zw-stream-alerts"
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "status", label: t("col.status"), type: "select", options: ["OPEN", "ACKNOWLEDGED", "CLOSED"].map((s) => ({ value: s, label: t(`status.${s}`) })) },
            { name: "severity", label: t("col.severity"), type: "select", options: ["HIGH", "MEDIUM", "LOW"].map((s) => ({ value: s, label: t(`status.${s}`) })) },
            {
              name: "districtId",
              label: t("col.district"),
              type: "select",
              options: (districts.data?.districts ?? []).filter((d) => d.level === "DISTRICT").map((d) => ({ value: d.id, label: localName(d, lng) })),
            },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="zw-alerts-table"
        refreshToken={refresh}
        query={StreamAlertsDocument}
        variables={{ filter }}
        select={(d) => d.alerts}
        pageSize={20}
        onRowClick={setOpen}
        columns={[
          { title: t("col.alert"), dataIndex: "title", key: "title" },
          { title: t("col.severity"), dataIndex: "severity", key: "severity", render: (s: string) => <StatusTag status={s} /> },
          { title: t("col.status"), dataIndex: "status", key: "status", render: (s: string) => <StatusTag status={s} /> },
          { title: t("col.district"), key: "district", render: (_: unknown, a: StreamAlert) => (a.district ? localName(a.district, lng) : "—") },
          { title: t("col.subject"), dataIndex: "subjectLabel", key: "subject" },
          { title: t("col.raisedAt"), dataIndex: "raisedAt", key: "raisedAt", render: when },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open?.title ?? t("alerts.detail")}
        extra={open && drawerExtra ? drawerExtra(open) : undefined}
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
      >
        {open && drawerBody ? drawerBody(open, changed) : null}
      </DetailDrawer>
    </PageLayout>
  );
}
