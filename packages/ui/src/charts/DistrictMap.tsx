import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import geojson from "../map/shaoxing-districts.json";
import { useLanguage } from "../i18n.js";
import { echarts } from "./echarts.js";
import { EChart } from "./EChart.js";

/** The six districts/counties of the map, by adcode (the API's District.adcode). */
export const DISTRICT_NAMES: Record<string, { zh: string; en: string }> = {
  "330602": { zh: "越城区", en: "Yuecheng" },
  "330603": { zh: "柯桥区", en: "Keqiao" },
  "330604": { zh: "上虞区", en: "Shangyu" },
  "330624": { zh: "新昌县", en: "Xinchang" },
  "330681": { zh: "诸暨市", en: "Zhuji" },
  "330683": { zh: "嵊州市", en: "Shengzhou" },
};

export const MAP_NAME = "shaoxing";
let registered = false;
/** Registers the Shaoxing district boundaries with ECharts (once); no online tiles. */
export function registerShaoxingMap(): void {
  if (registered) return;
  const fc = geojson as unknown as { type: string; features: { properties: Record<string, unknown> }[] };
  const features = fc.features.map((f) => ({ ...f, properties: { ...f.properties, adcode: String(f.properties.adcode) } }));
  echarts.registerMap(MAP_NAME, { ...fc, features } as never);
  registered = true;
}

export interface MapPoint {
  id: string;
  /** [longitude, latitude] */
  coord: [number, number];
  label?: string;
  /** Group name (one scatter series per group: trucks, stations, cells …). */
  group?: string;
  value?: number;
  color?: string;
}

/**
 * The Shaoxing district map: districts coloured by `values` (adcode → number), markers from `points`,
 * click a district to select it (`onSelect(adcode | null)`), click a marker for `onPointClick`.
 */
export function DistrictMap({
  values,
  points,
  selected,
  onSelect,
  onPointClick,
  height = 420,
  valueName,
}: {
  values?: Record<string, number>;
  points?: MapPoint[];
  selected?: string | null;
  onSelect?: (adcode: string | null) => void;
  onPointClick?: (p: MapPoint) => void;
  height?: number;
  valueName?: string;
}) {
  registerShaoxingMap();
  const lng = useLanguage();
  const { t } = useTranslation("ui");
  const option = useMemo(() => {
    const name = (code: string) => (lng === "en" ? DISTRICT_NAMES[code]?.en : DISTRICT_NAMES[code]?.zh) ?? code;
    const regionData = Object.keys(DISTRICT_NAMES).map((code) => ({ name: code, value: values?.[code] ?? 0, selected: code === selected }));
    const max = Math.max(1, ...regionData.map((d) => d.value));
    const groups = new Map<string, MapPoint[]>();
    for (const p of points ?? []) {
      const g = p.group ?? "";
      groups.set(g, [...(groups.get(g) ?? []), p]);
    }
    return {
      tooltip: {
        trigger: "item",
        formatter: (p: { seriesType: string; name: string; value?: unknown; data?: { label?: string } }) =>
          p.seriesType === "map" ? `${name(p.name)}${values ? `<br/>${valueName ?? ""} ${p.value ?? 0}` : ""}` : (p.data?.label ?? p.name),
      },
      visualMap: values ? { min: 0, max, left: 8, bottom: 8, calculable: false, inRange: { color: ["#e6f0fa", "#1456a0"] }, seriesIndex: 0 } : undefined,
      geo: {
        map: MAP_NAME,
        nameProperty: "adcode",
        roam: true,
        selectedMode: "single",
        itemStyle: { areaColor: "#eef3f9", borderColor: "#7a9cc6" },
        emphasis: { itemStyle: { areaColor: "#ffd666" }, label: { show: true } },
        select: { itemStyle: { areaColor: "#faad14" }, label: { show: true } },
        label: { show: true, formatter: (p: { name: string }) => name(p.name) },
        regions: selected ? [{ name: selected, selected: true }] : [],
      },
      series: [
        {
          type: "map",
          map: MAP_NAME,
          nameProperty: "adcode",
          geoIndex: 0,
          selectedMode: "single",
          data: regionData,
          label: { show: true },
        },
        ...[...groups.entries()].map(([group, pts]) => ({
          type: "scatter",
          name: group,
          coordinateSystem: "geo",
          symbolSize: 9,
          z: 5,
          itemStyle: pts[0]?.color ? { color: pts[0].color } : undefined,
          data: pts.map((p) => ({ name: p.id, value: [...p.coord, p.value ?? 1], label: p.label, point: p })),
        })),
      ],
    };
  }, [values, points, selected, lng, valueName]);

  return (
    <div data-testid="zw-district-map" aria-label={t("map.title")}>
      <EChart
        option={option}
        height={height}
        testId="zw-district-map-chart"
        onEvents={{
          click: (p: { componentType: string; seriesType?: string; name: string; data?: { point?: MapPoint } }) => {
            if (p.seriesType === "scatter" && p.data?.point) onPointClick?.(p.data.point);
            else if (p.componentType === "geo" || p.seriesType === "map") onSelect?.(p.name === selected ? null : p.name);
          },
        }}
      />
    </div>
  );
}
