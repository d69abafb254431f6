import { useQuery } from "@apollo/client/react";
import { ErrorState, LoadingState, PageLayout, localName, useLanguage, DistrictMap } from "@zw/ui";
import type { MapPoint } from "@zw/ui/charts";
import { Card, Col, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { currentQuarter, useCellTypes, useNs } from "../common.js";
import { CellMapDocument } from "../graphql/generated.js";

const TYPE_COLORS: Record<string, string> = {
  SCHOOL: "#1677ff",
  HOSPITAL: "#f5222d",
  HOTEL: "#fa8c16",
  COMMUNITY: "#52c41a",
  ENTERPRISE: "#722ed1",
  GOVERNMENT: "#13c2c2",
  MARKET: "#a0d911",
  SCENIC: "#eb2f96",
  POSTAL: "#2f54eb",
};

/** Certified cells on the district map, and counts against the year's targets per district and type. */
export function MapPage() {
  const { t } = useNs();
  const lng = useLanguage();
  const [params] = useSearchParams();
  const { types } = useCellTypes();
  const [year, setYear] = useState(currentQuarter().year);
  const [typeCode, setTypeCode] = useState<string | undefined>(params.get("type") ?? undefined);
  const [selected, setSelected] = useState<string | null>(null);
  const type = types.find((x) => x.code === typeCode);
  const q = useQuery(CellMapDocument, { variables: { year, cellTypeId: type?.id, status: ["CERTIFIED"] } });

  const totals = q.data?.cellCounts.filter((c) => !c.cellType && c.district.level === "DISTRICT") ?? [];
  const values = useMemo(() => Object.fromEntries(totals.map((c) => [c.district.adcode, c.certified])), [q.data]);
  const points: MapPoint[] = useMemo(
    () =>
      (q.data?.cellMapPoints ?? [])
        .filter((p) => !selected || totals.find((c) => c.district.adcode === selected)?.district.id === p.districtId)
        .map((p) => ({ id: p.id, coord: [p.lon, p.lat] as [number, number], label: `${p.name}${p.certificateNo ? ` · ${p.certificateNo}` : ""}`, group: localName(types.find((x) => x.code === p.cellType) ?? { nameZh: p.cellType, nameEn: p.cellType }, lng), color: TYPE_COLORS[p.cellType] })),
    [q.data, selected, types, lng],
  );
  const byType = q.data?.cellCounts.filter((c) => c.cellType && (!selected || c.district.adcode === selected)) ?? [];
  const typeRows = types.map((ty) => {
    const rows = byType.filter((c) => c.cellType!.code === ty.code);
    const targets = rows.map((r) => r.target).filter((x): x is number => x != null);
    return { code: ty.code, name: localName(ty, lng), certified: rows.reduce((a, r) => a + r.certified, 0), target: targets.length ? targets.reduce((a, b) => a + b, 0) : null };
  });

  return (
    <PageLayout
      title={t("map.title")}
      subtitle={t("map.subtitle")}
      testId="cells-map"
      extra={
        <Space>
          <Select value={year} onChange={setYear} options={[2021, 2022, 2023, 2024, 2025, 2026].map((y) => ({ value: y, label: `${y}` }))} style={{ width: 100 }} data-testid="map-year" />
          <Select allowClear placeholder={t("common.cellType")} value={typeCode} onChange={setTypeCode} options={types.map((x) => ({ value: x.code, label: localName(x, lng) }))} style={{ width: 180 }} />
        </Space>
      }
    >
      {q.loading && !q.data ? (
        <LoadingState />
      ) : q.error && !q.data ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card size="small" title={t("map.points", { n: points.length })} data-testid="map-card">
              <DistrictMap values={values} points={points} selected={selected} onSelect={setSelected} valueName={t("map.certified")} height={520} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t("map.targetsTitle")}>
              <Table
                size="small"
                pagination={false}
                rowKey={(r) => r.district.id}
                dataSource={totals}
                data-testid="map-counts"
                rowClassName={(r) => (r.district.adcode === selected ? "ant-table-row-selected" : "")}
                onRow={(r) => ({ onClick: () => setSelected(r.district.adcode === selected ? null : r.district.adcode), style: { cursor: "pointer" } })}
                columns={[
                  { title: t("common.district"), render: (_, r) => localName(r.district, lng) },
                  { title: t("map.certified"), dataIndex: "certified", align: "right" },
                  { title: t("map.target"), dataIndex: "target", align: "right", render: (v) => v ?? "—" },
                  { title: t("map.gap"), align: "right", render: (_, r) => (r.gap == null ? "—" : r.gap <= 0 ? <Tag color="green">{t("map.reached")}</Tag> : <Tag color="orange">{r.gap}</Tag>) },
                ]}
              />
            </Card>
            <Card size="small" title={t("map.byType")} style={{ marginTop: 16 }}>
              <Table
                size="small"
                pagination={false}
                rowKey="code"
                dataSource={typeRows}
                columns={[
                  { title: t("common.cellType"), render: (_, r) => <Space><span style={{ display: "inline-block", width: 10, height: 10, borderRadius: 5, background: TYPE_COLORS[r.code] }} />{r.name}</Space> },
                  { title: t("map.certified"), dataIndex: "certified", align: "right" },
                  { title: t("map.target"), dataIndex: "target", align: "right", render: (v) => v ?? "—" },
                ]}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("map.targetYear", { year })}
              </Typography.Text>
            </Card>
          </Col>
        </Row>
      )}
    </PageLayout>
  );
}
