import { useMutation, useQuery } from "@apollo/client/react";
import { errorMessage, useViewer } from "@zw/client";
import { ConnectionTable, DetailDrawer, ExportButton, FilterBar, PageLayout, StatusTag, useLanguage, useTranslation, type FilterValues } from "@zw/ui";
import { Button, Input, Space, Tag, Timeline, message } from "antd";
import { useState } from "react";
import { districtName, useDateFormat, useDistrictOptions } from "../format.js";
import { HzHazardHistoryDocument, HzHazardsDocument, HzTransitionHazardDocument, type HazardAction, type HazardStatus, type HzHazardsQuery, type Severity } from "../graphql/generated.js";
import { NS } from "../module.js";

type Hz = HzHazardsQuery["hazards"]["edges"][number]["node"];
const STATUSES: HazardStatus[] = ["FOUND", "RECTIFYING", "SUBMITTED", "VERIFIED"];
const CATEGORIES = ["STORAGE", "LABELLING", "LEDGER", "TRANSFER", "DISPOSAL", "POLLUTION_CONTROL", "OTHER"];
/** Which actions each status offers, and who may take them (the API enforces the same table). */
const NEXT: Record<HazardStatus, { action: HazardAction; staffOnly: boolean; needsNote: boolean }[]> = {
  FOUND: [{ action: "startRectification", staffOnly: false, needsNote: false }],
  RECTIFYING: [{ action: "submitEvidence", staffOnly: false, needsNote: true }],
  SUBMITTED: [
    { action: "verify", staffOnly: true, needsNote: false },
    { action: "returnForRework", staffOnly: true, needsNote: true },
  ],
  VERIFIED: [],
};

export function DeadlineTag({ h }: { h: Pick<Hz, "status" | "daysLeft" | "overdue"> }) {
  const { t } = useTranslation(NS);
  if (h.status === "VERIFIED") return <Tag color="green">{t("hazards.closed")}</Tag>;
  if (h.overdue) return <Tag color="red" data-testid="hz-overdue">{t("hazards.overdueBy", { days: -h.daysLeft })}</Tag>;
  return <Tag color={h.daysLeft <= 7 ? "orange" : "default"}>{t("hazards.daysLeft", { days: h.daysLeft })}</Tag>;
}

/** 隐患整改看板：按期限排序，逾期标红；整改流转 发现 → 整改中 → 已提交材料 → 验收销号（或退回）。 */
export function HazardsPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const districts = useDistrictOptions();
  const { viewer } = useViewer();
  const [filters, setFilters] = useState<FilterValues>(() => (new URLSearchParams(window.location.search).get("open") ? { statuses: ["FOUND", "RECTIFYING", "SUBMITTED"] } : {}));
  const [open, setOpen] = useState<Hz | null>(null);
  const [note, setNote] = useState("");
  const [refresh, setRefresh] = useState(0);
  const history = useQuery(HzHazardHistoryDocument, { variables: { id: open?.id ?? "" }, skip: !open });
  const [move, moving] = useMutation(HzTransitionHazardDocument);
  const isStaff = !viewer?.org && viewer?.role === "STAFF";
  const isUnit = viewer?.org?.kind === "hazardous.unit";
  const filter = {
    districtId: (filters.districtId as string | undefined) ?? undefined,
    statuses: (filters.statuses as HazardStatus[] | undefined) ?? undefined,
    severity: (filters.severity as Severity | undefined) ?? undefined,
    category: (filters.category as string | undefined) ?? undefined,
    overdue: filters.overdue === "yes" ? true : undefined,
    byDeadline: true,
  };
  const act = async (action: HazardAction) => {
    if (!open) return;
    try {
      const r = await move({ variables: { id: open.id, action, note: note || null } });
      const errs = r.data?.transitionHazard.userErrors ?? [];
      if (errs.length) return void message.error(errs.map((e) => e.message).join("；"));
      message.success(t("common.done"));
      setOpen({ ...open, status: r.data!.transitionHazard.hazard!.status });
      setNote("");
      setRefresh((x) => x + 1);
      void history.refetch();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const hist = history.data?.node && "history" in history.data.node ? history.data.node.history : [];
  return (
    <PageLayout
      title={t("hazards.title")}
      subtitle={t("hazards.subtitle")}
      testId="hz-hazards"
      extra={<ExportButton name="hazardous.hazards" filter={{ districtId: filter.districtId, statuses: filter.statuses, overdue: filter.overdue }} />}
      filters={
        <FilterBar
          value={filters}
          onChange={setFilters}
          fields={[
            { name: "statuses", label: t("hazards.status"), type: "select", multiple: true, options: STATUSES.map((s) => ({ value: s, label: t(`hazardStatus.${s}`) })) },
            { name: "overdue", label: t("hazards.overdue"), type: "select", options: [{ value: "yes", label: t("hazards.overdueOnly") }] },
            { name: "severity", label: t("hazards.severity"), type: "select", options: ["HIGH", "MEDIUM", "LOW"].map((s) => ({ value: s, label: t(`severity.${s}`) })) },
            { name: "category", label: t("hazards.category"), type: "select", options: CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) })) },
            { name: "districtId", label: t("common.district"), type: "select", options: districts },
          ]}
        />
      }
    >
      <ConnectionTable
        testId="hz-hazards-table"
        query={HzHazardsDocument}
        variables={{ filter }}
        refreshToken={refresh}
        select={(d) => d.hazards}
        onRowClick={(h: Hz) => setOpen(h)}
        columns={[
          { title: t("hazards.deadline"), key: "deadline", render: (_: unknown, h: Hz) => <Space orientation="vertical" size={0}><span>{fmt.date(h.deadline)}</span><DeadlineTag h={h} /></Space> },
          { title: t("hazards.unit"), key: "unit", render: (_: unknown, h: Hz) => h.unit.name },
          { title: t("hazards.category"), dataIndex: "category", key: "category", render: (c: string) => t(`category.${c}`) },
          { title: t("hazards.severity"), dataIndex: "severity", key: "severity", render: (s: string) => <StatusTag status={s} /> },
          { title: t("hazards.description"), dataIndex: "description", key: "description" },
          { title: t("hazards.status"), dataIndex: "status", key: "status", render: (s: string) => <Tag data-status={s}>{t(`hazardStatus.${s}`)}</Tag> },
          { title: t("hazards.responsible"), dataIndex: "responsibleUnit", key: "resp" },
          { title: t("common.district"), key: "district", render: (_: unknown, h: Hz) => districtName(h.district, lng) },
        ]}
      />
      <DetailDrawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={open ? `${open.unit.name} · ${t(`category.${open.category}`)}` : ""}
        items={
          open
            ? [
                { label: t("hazards.description"), value: open.description },
                { label: t("hazards.status"), value: t(`hazardStatus.${open.status}`) },
                { label: t("hazards.foundOn"), value: fmt.date(open.foundOn) },
                { label: t("hazards.deadline"), value: <>{fmt.date(open.deadline)} <DeadlineTag h={open} /></> },
                { label: t("hazards.responsible"), value: open.responsibleUnit },
                { label: t("hazards.evidence"), value: open.evidence ?? "—" },
              ]
            : []
        }
      >
        {open && NEXT[open.status].some((n) => (n.staffOnly ? isStaff : isStaff || isUnit)) ? (
          <Space orientation="vertical" style={{ width: "100%", marginTop: 16 }} data-testid="hz-hazard-actions">
            <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("hazards.notePlaceholder")} data-testid="hz-hazard-note" />
            <Space>
              {NEXT[open.status]
                .filter((n) => (n.staffOnly ? isStaff : isStaff || isUnit))
                .map((n) => (
                  <Button key={n.action} type={n.action === "returnForRework" ? "default" : "primary"} loading={moving.loading} disabled={n.needsNote && !note.trim()} onClick={() => void act(n.action)} data-testid={`hz-hazard-${n.action}`}>
                    {t(`hazardAction.${n.action}`)}
                  </Button>
                ))}
            </Space>
          </Space>
        ) : null}
        <Timeline
          style={{ marginTop: 24 }}
          items={hist.map((e) => ({ children: <span>{fmt.dateTime(e.at)} · {t(`hazardAction.${e.action}`, { defaultValue: e.action })} → {t(`hazardStatus.${e.toStatus}`)} {e.note ? `（${e.note}）` : ""}</span> }))}
        />
      </DetailDrawer>
    </PageLayout>
  );
}
