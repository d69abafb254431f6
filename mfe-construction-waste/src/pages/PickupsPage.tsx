import { ConnectionTable, FilterBar, PageLayout, StatusTag, useTranslation, type FilterValues } from "@zw/ui";
import { useState } from "react";
import { useFormat } from "../format.js";
import { CwPickupsDocument, type BulkyPickupStatus, type ResidentWasteKind } from "../graphql/generated.js";
import { NS } from "../module.js";

/** 居民一键预约清运（装修、大件、园林垃圾）：预约 → 排班 → 收运 → 进场。 */
export function PickupsPage() {
  const { t } = useTranslation(NS);
  const f = useFormat();
  const [filters, setFilters] = useState<FilterValues>({});
  const filter = { status: (filters.status as BulkyPickupStatus[] | undefined)?.length ? (filters.status as BulkyPickupStatus[]) : undefined, wasteKind: (filters.wasteKind as ResidentWasteKind) || undefined };
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
        select={(d) => d.bulkyPickupRequests}
        columns={[
          { title: t("pickups.code"), dataIndex: "trackingCode", key: "code" },
          { title: t("pickups.resident"), key: "r", render: (_: unknown, p) => `${p.residentName} ${p.phone}` },
          { title: t("pickups.address"), dataIndex: "address", key: "a" },
          { title: t("pickups.kind"), dataIndex: "wasteKind", key: "k", render: (k: string) => t(`wasteKind.${k}`) },
          { title: t("pickups.date"), dataIndex: "preferredDate", key: "d", render: f.day },
          { title: t("pickups.weight"), dataIndex: "weightKg", key: "w", align: "right", render: (v: number | null) => (v == null ? "—" : `${v} kg`) },
          { title: t("common.status"), dataIndex: "status", key: "s", render: (s: string) => <StatusTag status={s} ns={NS} /> },
        ]}
      />
    </PageLayout>
  );
}
