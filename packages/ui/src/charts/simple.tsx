import { useMemo } from "react";
import { EChart } from "./EChart.js";

export interface Series {
  name: string;
  data: number[];
}

/** Bars (or lines) over categories: one series per entry of `series`. */
export function BarChart({ categories, series, horizontal, height, stacked }: { categories: string[]; series: Series[]; horizontal?: boolean; height?: number; stacked?: boolean }) {
  const option = useMemo(() => {
    const cat = { type: "category" as const, data: categories };
    const val = { type: "value" as const };
    return {
      tooltip: { trigger: "axis" },
      legend: series.length > 1 ? {} : undefined,
      grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? cat : val,
      series: series.map((s) => ({ type: "bar", name: s.name, data: s.data, stack: stacked ? "total" : undefined })),
    };
  }, [categories, series, horizontal, stacked]);
  return <EChart option={option} height={height} testId="zw-bar-chart" />;
}

export function LineChart({ categories, series, height, area }: { categories: string[]; series: Series[]; height?: number; area?: boolean }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: series.length > 1 ? {} : undefined,
      grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: categories, boundaryGap: false },
      yAxis: { type: "value" },
      series: series.map((s) => ({ type: "line", name: s.name, data: s.data, smooth: true, areaStyle: area ? {} : undefined })),
    }),
    [categories, series, area],
  );
  return <EChart option={option} height={height} testId="zw-line-chart" />;
}

export function PieChart({ data, height, donut = true }: { data: { name: string; value: number }[]; height?: number; donut?: boolean }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: "item" },
      legend: { bottom: 0 },
      series: [{ type: "pie", radius: donut ? ["40%", "70%"] : "70%", data, label: { formatter: "{b}: {d}%" } }],
    }),
    [data, donut],
  );
  return <EChart option={option} height={height} testId="zw-pie-chart" />;
}
