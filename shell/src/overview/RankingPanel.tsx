/** The zero-waste index: the districts ranked, each with its change on the quarter and its trend. */
import { useQuery } from "@apollo/client/react";
import { EmptyState, ErrorState, LoadingState, Sparkline, useLanguage, useTranslation } from "@zw/ui";
import { Card, Table } from "antd";
import { OverviewIndexRankingDocument } from "../graphql/generated.js";
import { NS, pick } from "./common.js";
import { trendOf } from "./format.js";

export function RankingPanel({ selected, onSelect, pollInterval, compact = false }: { selected?: string | null; onSelect?: (adcode: string | null) => void; pollInterval?: number; compact?: boolean }) {
  const lng = useLanguage();
  const { t } = useTranslation(NS);
  const q = useQuery(OverviewIndexRankingDocument, { variables: { quarters: 8 }, pollInterval });
  const r = q.data?.indexRanking ?? null;
  const title = r ? t("ranking.titleOf", { year: r.year, quarter: r.quarter }) : t("ranking.title");
  return (
    <Card size="small" title={title} data-testid="zw-ov-ranking" extra={r?.provincialRank ? <span data-testid="zw-ov-provincial-rank">{t("ranking.provincial", { rank: r.provincialRank })}</span> : null}>
      {q.loading && !q.data ? (
        <LoadingState />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !r ? (
        <EmptyState description={t("ranking.none")} />
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey={(d) => d.district.adcode}
          dataSource={r.districts}
          rowClassName={(d) => (d.district.adcode === selected ? "ant-table-row-selected zw-ov-clickable" : "zw-ov-clickable")}
          onRow={(d) => ({ onClick: () => onSelect?.(d.district.adcode === selected ? null : d.district.adcode), "data-testid": `rank-row-${d.district.adcode}` }) as never}
          columns={[
            { title: t("col.rank"), key: "rank", width: 56, render: (_: unknown, d) => <b>{d.rank ?? "—"}</b> },
            { title: t("col.district"), key: "d", render: (_: unknown, d) => pick(lng, d.district.nameZh, d.district.nameEn) },
            { title: t("col.index"), key: "v", align: "right" as const, render: (_: unknown, d) => <span data-testid={`rank-value-${d.district.adcode}`}>{d.value}</span> },
            {
              title: t("col.vsQuarter"),
              key: "c",
              align: "right" as const,
              render: (_: unknown, d) => {
                const tr = trendOf(d.change);
                const moved = d.previousRank != null && d.rank != null ? d.previousRank - d.rank : 0;
                return (
                  <span className={`zw-ov-change zw-ov-change-${tr}`}>
                    {d.change == null ? "—" : `${tr === "up" ? "▲ +" : tr === "down" ? "▼ −" : ""}${d.change.replace("-", "")}`}
                    {moved ? <small> {moved > 0 ? t("ranking.up", { n: moved }) : t("ranking.down", { n: -moved })}</small> : null}
                  </span>
                );
              },
            },
            ...(compact
              ? []
              : [
                  {
                    title: t("col.trend"),
                    key: "t",
                    width: 110,
                    render: (_: unknown, d: (typeof r.districts)[number]) => (
                      <Sparkline
                        values={d.trend.map((p) => Number(p.value))}
                        label={t("ranking.trendLabel", { n: d.trend.length, from: d.trend[0]?.value ?? "", to: d.trend.at(-1)?.value ?? "" })}
                        testId={`trend-${d.district.adcode}`}
                      />
                    ),
                  },
                ]),
          ]}
        />
      )}
    </Card>
  );
}
