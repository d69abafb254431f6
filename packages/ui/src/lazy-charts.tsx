/**
 * The charts as they are used in pages: the same components as @zw/ui/charts, but ECharts (≈ 250 KB gzip,
 * its own import-map entry) is fetched and parsed only when a chart first renders — not when a module
 * loads. A module whose first page is a list (most of them) shows it without paying for the charts.
 */
import { lazy, Suspense, type ComponentProps, type ComponentType, type JSX, type ReactElement } from "react";
import type * as Charts from "./charts/index.js";

const load = () => import("./charts/index.js");

function deferred<K extends "BarChart" | "LineChart" | "PieChart" | "DistrictMap">(name: K, defaultHeight: number) {
  type P = ComponentProps<(typeof Charts)[K]>;
  const Lazy = lazy(async () => ({ default: (await load())[name] as unknown as ComponentType<P> }));
  function Deferred(props: P): ReactElement {
    const height = (props as { height?: number }).height ?? defaultHeight;
    return (
      <Suspense fallback={<div data-testid="zw-chart-loading" style={{ height }} />}>
        <Lazy {...(props as P & JSX.IntrinsicAttributes)} />
      </Suspense>
    );
  }
  Deferred.displayName = `Deferred${name}`;
  return Deferred;
}

export const BarChart = deferred("BarChart", 320);
export const LineChart = deferred("LineChart", 320);
export const PieChart = deferred("PieChart", 320);
export const DistrictMap = deferred("DistrictMap", 420);
