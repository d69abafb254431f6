/**
 * The district map (the shared boundaries from @zw/ui/charts) coloured by a chosen figure or by the
 * zero-waste index; clicking a district filters the whole page. ECharts loads lazily, after the figures.
 */
import { useQuery } from "@apollo/client/react";
import { LoadingState, useLanguage, useTranslation } from "@zw/ui";
import { Card, Select, Table } from "antd";
import { lazy, Suspense, useMemo } from "react";
import { OverviewMapDocument, type OverviewFiguresQuery, type OverviewPeriod } from "../graphql/generated.js";
import { Change, NS, pick, useShow } from "./common.js";

const DistrictMap = lazy(() => import("@zw/ui/charts").then((m) => ({ default: m.DistrictMap })));

type Streams = OverviewFiguresQuery["overviewFigures"]["streams"];

export function MapPanel({
  measure,
  onMeasure,
  selected,
  onSelect,
  period,
  date,
  streams,
  height = 380,
  controls = true,
  pollInterval,
}: {
  measure: string;
  onMeasure?: (m: string) => void;
  selected: string | null;
  onSelect?: (adcode: string | null) => void;
  period: OverviewPeriod;
  date: string | null;
  streams: Streams;
  height?: number;
  controls?: boolean;
  pollInterval?: number;
}) {
  const lng = useLanguage();
  const { t } = useTranslation([NS, "ui"]);
  const show = useShow();
  const isIndex = measure === "index";
  const q = useQuery(OverviewMapDocument, {
    variables: isIndex ? { index: true, period, date } : { figureKey: measure, period, date },
    pollInterval,
  });
  const m = q.data?.overviewDistricts ?? null;
  const values = useMemo(() => {
    const out: Record<string, number> = {};
    for (const v of m?.values ?? []) if (v.value != null) out[v.district.adcode] = Number(v.value);
    return out;
  }, [m]);
  const options = useMemo(
    () => [
      { value: "index", label: t("map.index") },
      ...streams.map((s) => ({
        label: t(`ui:stream.${s.stream}`),
        options: s.figures.filter((f) => /^-?\d/.test(f.value)).map((f) => ({ value: f.key, label: pick(lng, f.labelZh, f.labelEn) })),
      })),
    ],
    [streams, lng, t],
  );
  const label = m ? pick(lng, m.labelZh, m.labelEn) : "";
  const rows = [...(m?.values ?? [])].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
  return (
    <Card
      size="small"
      title={t("map.title")}
      data-testid="zw-ov-map"
      extra={
        controls && onMeasure ? (
          <Select
            size="small"
            style={{ width: 260 }}
            value={measure}
            onChange={(v) => onMeasure(v)}
            options={options}
            showSearch={{ optionFilterProp: "label" }}
            data-testid="zw-ov-map-measure"
            aria-label={t("map.measure")}
          />
        ) : (
          <span className="zw-ov-muted">{label}</span>
        )
      }
    >
      <div className="zw-ov-map-caption" data-testid="zw-ov-map-caption">
        {label}
        {m?.indexYear ? ` · ${t("map.quarter", { year: m.indexYear, quarter: m.indexQuarter })}` : ""}
        {selected ? ` · ${t("map.selected")}` : ` · ${t("map.clickHint")}`}
      </div>
      <Suspense fallback={<LoadingState />}>
        <DistrictMap values={values} selected={selected} onSelect={onSelect} height={height} valueName={label} />
      </Suspense>
      {controls ? (
        <Table
          size="small"
          rowKey={(r) => r.district.adcode}
          pagination={false}
          data-testid="zw-ov-map-table"
          dataSource={rows}
          rowClassName={(r) => (r.district.adcode === selected ? "ant-table-row-selected zw-ov-clickable" : "zw-ov-clickable")}
          onRow={(r) => ({ onClick: () => onSelect?.(r.district.adcode === selected ? null : r.district.adcode), "data-testid": `map-row-${r.district.adcode}` }) as never}
          columns={[
            { title: t("col.rank"), key: "rank", width: 56, render: (_: unknown, r) => r.rank ?? "—" },
            { title: t("col.district"), key: "d", render: (_: unknown, r) => pick(lng, r.district.nameZh, r.district.nameEn) },
            {
              title: label || t("col.value"),
              key: "v",
              align: "right" as const,
              render: (_: unknown, r) => {
                if (r.value == null) return <span className="zw-ov-muted">—</span>;
                const s = show(r.value, m?.unit ?? "");
                return `${s.value}${s.unit ? ` ${s.unit}` : ""}`;
              },
            },
            { title: isIndex ? t("col.vsQuarter") : t("col.yoy"), key: "c", align: "right" as const, render: (_: unknown, r) => <Change changePct={r.changePct} /> },
          ]}
        />
      ) : null}
    </Card>
  );
}
