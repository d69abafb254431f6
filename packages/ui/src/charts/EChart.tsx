import { useEffect, useRef, type CSSProperties } from "react";
import { echarts, type EChartsOption } from "./echarts.js";

type ECharts = ReturnType<typeof echarts.init>;

/**
 * One ECharts instance in a div: created on mount, updated when `option` changes, resized with its
 * container, disposed on unmount. `onEvents` binds chart events (e.g. { click: (p) => … }).
 */
export function EChart({
  option,
  style,
  height = 320,
  onEvents,
  onReady,
  testId = "zw-chart",
  notMerge = true,
}: {
  option: EChartsOption;
  style?: CSSProperties;
  height?: number | string;
  onEvents?: Record<string, (params: any) => void>;
  onReady?: (chart: ECharts) => void;
  testId?: string;
  notMerge?: boolean;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const events = useRef(onEvents);
  events.current = onEvents;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: "canvas" });
    chart.current = c;
    onReady?.(c);
    const ro = typeof ResizeObserver !== "undefined" ? new ResizeObserver(() => c.resize()) : null;
    ro?.observe(el.current);
    return () => {
      ro?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge });
  }, [option, notMerge]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onEvents) return;
    const names = Object.keys(onEvents);
    for (const n of names) c.on(n, (p: unknown) => events.current?.[n]?.(p));
    return () => {
      for (const n of names) c.off(n);
    };
  }, [Object.keys(onEvents ?? {}).join(",")]);

  return <div ref={el} data-testid={testId} style={{ width: "100%", height, ...style }} />;
}
