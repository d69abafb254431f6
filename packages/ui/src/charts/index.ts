/** @zw/ui/charts — ECharts charts and the Shaoxing district map (a separate import-map entry, loaded only by pages that chart). */
export { echarts, type EChartsOption } from "./echarts.js";
export { EChart } from "./EChart.js";
export { BarChart, LineChart, PieChart, type Series } from "./simple.js";
export { DistrictMap, DISTRICT_NAMES, MAP_NAME, registerShaoxingMap, type MapPoint } from "./DistrictMap.js";
