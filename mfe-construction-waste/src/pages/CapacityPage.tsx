import { useQuery } from "@apollo/client/react";
import { ErrorState, LoadingState, PageLayout, useTranslation, BarChart } from "@zw/ui";
import { Card, Table, Tag } from "antd";
import { grouped, useDistricts } from "../format.js";
import { CwCapacityDocument } from "../graphql/generated.js";
import { NS } from "../module.js";

/** 产消匹配：各区县待外运渣土与消纳能力（缺口标出）；运力不足的运输企业。 */
export function CapacityPage() {
  const { t } = useTranslation(NS);
  const { byAdcode } = useDistricts();
  const q = useQuery(CwCapacityDocument);
  if (q.loading && !q.data) return <LoadingState />;
  if (q.error && !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data!.districtCapacityMatching;
  return (
    <PageLayout title={t("capacity.title")} subtitle={t("capacity.subtitle")} testId="cw-capacity">
      <Card size="small" title={t("capacity.districts")}>
        <BarChart
          height={300}
          categories={d.map((x) => byAdcode.get(x.districtAdcode) ?? x.districtAdcode)}
          series={[
            { name: t("capacity.toMove"), data: d.map((x) => x.spoilToMoveM3) },
            { name: t("capacity.left"), data: d.map((x) => x.disposalCapacityLeftM3) },
            { name: t("capacity.plants"), data: d.map((x) => x.annualPlantCapacityM3) },
          ]}
        />
        <Table
          size="small"
          rowKey="districtAdcode"
          pagination={false}
          data-testid="cw-capacity-districts"
          dataSource={d}
          columns={[
            { title: t("common.district"), key: "d", render: (_: unknown, x) => byAdcode.get(x.districtAdcode) ?? x.districtAdcode },
            { title: t("capacity.toMove"), dataIndex: "spoilToMoveM3", key: "m", align: "right", render: grouped },
            { title: t("capacity.left"), dataIndex: "disposalCapacityLeftM3", key: "l", align: "right", render: grouped },
            { title: t("capacity.plants"), dataIndex: "annualPlantCapacityM3", key: "p", align: "right", render: grouped },
            { title: t("capacity.shortfall"), key: "s", align: "right", render: (_: unknown, x) => (x.shortfall ? <Tag color="red" data-testid="cw-shortfall">{grouped(x.shortfallM3)}</Tag> : <Tag color="green">{t("capacity.ok")}</Tag>) },
          ]}
        />
      </Card>
      <Card size="small" title={t("capacity.companies")} style={{ marginTop: 16 }}>
        <Table
          size="small"
          rowKey={(x) => x.company?.id ?? ""}
          data-testid="cw-capacity-companies"
          dataSource={q.data!.companyCapacityMatching}
          columns={[
            { title: t("common.name"), key: "n", render: (_: unknown, x) => x.company?.name ?? "—" },
            { title: t("companies.vehicles"), dataIndex: "vehicleCount", key: "v", align: "right" },
            { title: t("companies.sites"), dataIndex: "sitesServed", key: "s", align: "right" },
            { title: t("capacity.fleetPerDay"), dataIndex: "fleetCapacityM3PerDay", key: "f", align: "right", render: grouped },
            { title: t("capacity.demandPerDay"), dataIndex: "demandM3PerDay", key: "d", align: "right", render: grouped },
            { title: t("capacity.shortfall"), dataIndex: "shortfallM3PerDay", key: "x", align: "right", render: (v: number) => <Tag color="red">{grouped(v)}</Tag> },
          ]}
        />
      </Card>
    </PageLayout>
  );
}
