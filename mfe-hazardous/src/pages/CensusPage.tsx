import { ConnectionTable, PageLayout, useLanguage, useTranslation } from "@zw/ui";
import { Tabs, Tag } from "antd";
import { useState } from "react";
import { districtName, useDateFormat } from "../format.js";
import { HzInspectionsDocument, HzTrainingDocument, type HzInspectionsQuery, type HzTrainingQuery, type InspectionKind } from "../graphql/generated.js";
import { NS } from "../module.js";

type Training = HzTrainingQuery["trainingSessions"]["edges"][number]["node"];
type Insp = HzInspectionsQuery["hazardousInspections"]["edges"][number]["node"];

/** 大排查：培训批次与签到人次；检查记录（排查、日常、禁塑限塑、酒店一次性用品），含发现的问题与立案。 */
export function CensusPage() {
  const { t } = useTranslation(NS);
  const lng = useLanguage();
  const fmt = useDateFormat();
  const [kind, setKind] = useState<InspectionKind | "ALL">("ALL");
  return (
    <PageLayout title={t("census.title")} subtitle={t("census.subtitle")} testId="hz-census">
      <Tabs
        items={[
          {
            key: "training",
            label: t("census.training"),
            children: (
              <ConnectionTable
                testId="hz-training-table"
                query={HzTrainingDocument}
                select={(d) => d.trainingSessions}
                columns={[
                  { title: t("census.session"), dataIndex: "title", key: "title" },
                  { title: t("census.heldOn"), dataIndex: "heldOn", key: "heldOn", render: fmt.date },
                  { title: t("census.trainer"), dataIndex: "trainer", key: "trainer" },
                  { title: t("census.attendees"), dataIndex: "attendeeCount", key: "n", align: "right" },
                  { title: t("common.district"), key: "d", render: (_: unknown, s: Training) => districtName(s.district, lng) },
                ]}
              />
            ),
          },
          {
            key: "inspections",
            label: t("census.inspections"),
            children: (
              <>
                <Tabs
                  size="small"
                  activeKey={kind}
                  onChange={(k) => setKind(k as InspectionKind | "ALL")}
                  items={(["ALL", "CENSUS", "ROUTINE", "PLASTIC_BAN", "HOTEL_SUPPLIES"] as const).map((k) => ({ key: k, label: t(`inspectionKind.${k}`) }))}
                />
                <ConnectionTable
                  testId="hz-inspections-table"
                  query={HzInspectionsDocument}
                  variables={{ filter: kind === "ALL" ? {} : { kind } }}
                  select={(d) => d.hazardousInspections}
                  columns={[
                    { title: t("census.inspectedOn"), dataIndex: "inspectedOn", key: "on", render: fmt.date },
                    { title: t("census.kind"), dataIndex: "kind", key: "kind", render: (k: string) => t(`inspectionKind.${k}`) },
                    { title: t("census.subject"), dataIndex: "subjectName", key: "s" },
                    { title: t("census.findings"), key: "f", render: (_: unknown, i: Insp) => (i.findingCount ? i.findings.map((f, k) => <Tag key={k} color={f.serious ? "red" : "orange"}>{f.description}</Tag>) : <Tag color="green">{t("census.noFindings")}</Tag>) },
                    { title: t("census.case"), key: "c", render: (_: unknown, i: Insp) => (i.case ? `${i.case.number}` : "—") },
                    { title: t("census.inspector"), dataIndex: "inspector", key: "by" },
                    { title: t("common.district"), key: "d", render: (_: unknown, i: Insp) => districtName(i.district, lng) },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </PageLayout>
  );
}
