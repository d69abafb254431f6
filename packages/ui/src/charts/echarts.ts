/**
 * ECharts, imported per chart type: only these charts and components are in the bundle. To use
 * another chart type, add it here (and rebuild @zw/shared).
 */
import { BarChart, LineChart, MapChart, PieChart, ScatterChart, EffectScatterChart } from "echarts/charts";
import { DatasetComponent, GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  EffectScatterChart,
  MapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  GeoComponent,
  VisualMapComponent,
  DatasetComponent,
  CanvasRenderer,
]);

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;
