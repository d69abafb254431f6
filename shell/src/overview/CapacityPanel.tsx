/**
 * Generation against capacity to use and dispose of it (产生量与利用处置量相匹配) per district, for
 * spoil, hazardous waste and recyclables: the year now and the end of the plan period, shortfalls red.
 */
import { useQuery } from "@apollo/client/react";
import { EmptyState, ErrorState, LoadingState, useLanguage, useTranslation } from "@zw/ui";
import { Card, Progress, Segmented, Table, Tag, Tooltip } from "antd";
import { useState } from "react";
import { OverviewCapacityDocument, type OverviewCapacityQuery } from "../graphql/generated.js";
import { NS, pick, useShow } from "./common.js";

type Row = OverviewCapacityQuery["capacityBalance"]["rows"][number];
const CATEGORIES = ["spoil", "hazardous", "recyclables"];

export function CapacityPanel({ districtId, pollInterval, compact = false }: { districtId: string | null; pollInterval?: number; compact?: boolean }) {
  const lng = useLanguage();
  const { t } = useTranslation(NS);
  const show = useShow();
  const [category, setCategory] = useState("spoil");
  const q = useQuery(OverviewCapacityDocument, { variables: { districtId }, pollInterval });
  const c = q.data?.capacityBalance ?? null;
  const fmt = (v: string, unit: string) => {
    const s = show(v, unit);
    return `${s.value}${s.unit ? ` ${s.unit}` : ""}`;
  };
  const rows = (c?.rows ?? []).filter((r) => r.category === category);
  const total = c?.totals.find((x) => x.category === category) ?? null;
  const shortCount = (cat: string) => (c?.rows ?? []).filter((r) => r.category === cat && (r.shortfall || r.projectedShortfall)).length;
  const planEnd = c?.plan.endYear ?? 0;
  return (
    <Card
      size="small"
      data-testid="zw-ov-capacity"
      title={c ? t("capacity.titleOf", { year: c.year, plan: pick(lng, c.plan.nameZh, c.plan.nameEn), end: planEnd }) : t("capacity.title")}
      extra={
        compact ? null : (
          <Segmented
            size="small"
            value={category}
            onChange={(v) => setCategory(String(v))}
            data-testid="zw-ov-capacity-category"
            options={CATEGORIES.map((k) => ({
              value: k,
              label: (
                <span data-testid={`capacity-cat-${k}`}>
                  {t(`capacity.category.${k}`)}
                  {shortCount(k) ? <Tag color="red" style={{ marginInlineStart: 4 }}>{shortCount(k)}</Tag> : null}
                </span>
              ),
            }))}
          />
        )
      }
    >
      {q.loading && !q.data ? (
        <LoadingState />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !rows.length ? (
        <EmptyState description={t("capacity.none")} />
      ) : (
        <>
          {c?.yearToDate && rows.some((r) => r.generatedToDate) ? <div className="zw-ov-note">{t("capacity.annualised", { pct: Math.round((c.yearShare ?? 1) * 100) })}</div> : null}
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.district.adcode}-${r.category}`}
            dataSource={rows}
            rowClassName={(r: Row) => (r.shortfall ? "zw-ov-shortfall" : r.projectedShortfall ? "zw-ov-shortfall-later" : "")}
            onRow={(r: Row) => ({ "data-testid": `capacity-row-${r.category}-${r.district.adcode}`, "data-shortfall": String(r.shortfall), "data-projected-shortfall": String(r.projectedShortfall) }) as never}
            summary={() =>
              total && !compact ? (
                <Table.Summary.Row className={total.shortfall ? "zw-ov-shortfall" : ""}>
                  <Table.Summary.Cell index={0}>
                    <b>{t("capacity.total")}</b>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {fmt(total.generatedAnnual, total.unit)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {fmt(total.capacity, total.unit)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3}>{total.loadPct ? `${total.loadPct}%` : "—"}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {fmt(total.projectedGenerated, total.unit)} / {fmt(total.projectedCapacity, total.unit)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
            columns={[
              { title: t("col.district"), key: "d", render: (_: unknown, r: Row) => pick(lng, r.district.nameZh, r.district.nameEn) },
              {
                title: t("capacity.generated"),
                key: "g",
                align: "right" as const,
                render: (_: unknown, r: Row) => (
                  <Tooltip title={r.generatedToDate ? t("capacity.soFar", { value: fmt(r.generated, r.unit) }) : undefined}>
                    <span>{fmt(r.generatedAnnual, r.unit)}</span>
                  </Tooltip>
                ),
              },
              { title: t("capacity.capacity"), key: "c", align: "right" as const, render: (_: unknown, r: Row) => fmt(r.capacity, r.unit) },
              {
                title: t("capacity.load"),
                key: "l",
                width: compact ? 120 : 170,
                render: (_: unknown, r: Row) => (
                  <div className="zw-ov-load">
                    <Progress percent={Math.min(100, Number(r.loadPct ?? (Number(r.generatedAnnual) > 0 ? 999 : 0)))} size="small" status={r.shortfall ? "exception" : "normal"} showInfo={false} />
                    <span>{r.loadPct ? `${r.loadPct}%` : "—"}</span>
                    {r.shortfall ? (
                      <Tag color="red" data-testid="shortfall-now">
                        {t("capacity.shortfall")}
                      </Tag>
                    ) : null}
                  </div>
                ),
              },
              {
                title: t(r0Basis(rows) === "CUMULATIVE" ? "capacity.projectedCumulative" : "capacity.projected", { year: planEnd }),
                key: "p",
                align: "right" as const,
                render: (_: unknown, r: Row) => (
                  <span>
                    {fmt(r.projectedGenerated, r.unit)} / {fmt(r.projectedCapacity, r.unit)}
                    {r.projectedShortfall ? (
                      <Tag color="volcano" style={{ marginInlineStart: 6 }} data-testid="shortfall-projected">
                        {t("capacity.projectedShortfall")}
                      </Tag>
                    ) : null}
                  </span>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function r0Basis(rows: Row[]): string {
  return rows[0]?.projectionBasis ?? "ANNUAL";
}
