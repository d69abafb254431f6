import { useQuery } from "@apollo/client/react";
import { Tag } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ConnectionTable } from "../connection-table.js";
import { DetailDrawer } from "../detail-drawer.js";
import { FilterBar, type FilterValues } from "../filter-bar.js";
import { StreamCasesDocument, StreamDistrictsDocument, type CaseStatus, type Stream, type StreamCasesQuery } from "../graphql/generated.js";
import { localName, useLanguage } from "../i18n.js";
import { PageLayout } from "../layout.js";

export type StreamCase = StreamCasesQuery["cases"]["edges"][number]["node"];
const CASE_COLORS: Record<string, string> = { OPEN: "red", INVESTIGATING: "processing", DECIDED: "purple", CLOSED: "green" };

/**
 * One stream's enforcement cases (core's case model): search, status and district filters, cursor
 * paging, details in a drawer. `drawerExtra` adds actions to the drawer's header, `drawerBody` below the details (its `changed(patch)` updates the drawer and reloads the list), for the open case.
 */
export function StreamCasesPage({ stream, title, subtitle, extra, drawerExtra, drawerBody }: { stream: Stream; title?: ReactNode; subtitle?: ReactNode; extra?: ReactNode; drawerExtra?: (c: StreamCase) => ReactNode; drawerBody?: (c: StreamCase, changed: (patch: Partial<StreamCase>) => void) => ReactNode }) {
  const { t } = useTranslation("ui");
  const lng = useLanguage();
  const districts = useQuery(StreamDistrictsDocument);
  const [filters, setFilters] = useState<FilterValues>({});
  const [open, setOpen] = useState<StreamCase | null>(null);
  const [refresh, setRefresh] = useState(0);
  const changed = (patch: Partial<StreamCase>) => {
    setOpen((o) => (o ? { ...o, ...patch } : o));
    setRefresh((x) => x + 1);
  };
  const when = (v: string | null | undefined) => (v ? new Date(v).toLocaleString(lng) : "—");
  const status = (s: string) => (
    <Tag color={CASE_COLORS[s]} data-status={s}>
      {t(`caseStatus.${s}`)}
    </Tag>
  );
  const filter = {
    stream,
    search: (filters.search as string | undefined) ?? undefined,
    status: filters.status ? ([filters.status] as CaseStatus[]) : undefined,
    districtId: (filters.districtId as string | undefined) ?? undefined,
  };
  return (
    <PageLayout
      title={title ?? t("cases.title")}
      subtitle={subtitle ?? t("cases.subtitle")}
      extra={extra}
      testId="zw-stream-cases"
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "search", label: t("filter.search"), type: "text" },
            { name: "status", label: t("col.status"), type: "select", options: ["OPEN", "INVESTIGATING", "DECIDED", "CLOSED"].map((s) => ({ value: s, label: t(`caseStatus.${s}`) })) },
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
        testId="zw-cases-table"
        refreshToken={refresh}
        query={StreamCasesDocument}
        variables={{ filter }}
        select={(d) => d.cases}
        pageSize={20}
        onRowClick={setOpen}
        columns={[
          { title: t("col.number"), dataIndex: "number", key: "number", render: (v: string) => <span data-testid="zw-case-number">{v}</span> },
          { title: t("col.subject"), dataIndex: "subjectLabel", key: "subject" },
          { title: t("col.violation"), dataIndex: "violationType", key: "violation" },
          { title: t("col.district"), key: "district", render: (_: unknown, c: StreamCase) => <span data-testid="zw-case-district">{localName(c.district, lng)}</span> },
          { title: t("col.status"), dataIndex: "status", key: "status", render: status },
          { title: t("col.fine"), dataIndex: "fineYuan", key: "fine", align: "right" as const },
          { title: t("col.openedAt"), dataIndex: "openedAt", key: "openedAt", render: when },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open ? `${t("cases.detail")} ${open.number}` : t("cases.detail")}
        extra={open && drawerExtra ? drawerExtra(open) : undefined}
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
      >
        {open && drawerBody ? drawerBody(open, changed) : null}
      </DetailDrawer>
    </PageLayout>
  );
}
