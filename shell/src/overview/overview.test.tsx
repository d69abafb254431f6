/**
 * The overview's front end without a server: catalogues complete in both languages (and every key the
 * code uses exists), the URL state, number formatting, and the page against a fake API — figures with
 * their change and links, a district picked on the map filtering the figures, the big screen without
 * controls, live alerts marked as new when the subscription delivers.
 */
import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { i18n, registerMessages, setLanguage } from "@zw/ui";
import { App as AntApp } from "antd";
import { Observable } from "rxjs";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import en from "./i18n/en.json";
import zhCN from "./i18n/zh-CN.json";
import { groupDigits, periodOptions, periodValueOf, recentMonths, roundDec, showChange, showValue, trendOf } from "./format.js";
import { parseState, stateSearch } from "./url-state.js";

// The map needs canvas (ECharts): a stand-in with one button per district.
vi.mock("@zw/ui/charts", () => ({
  DistrictMap: ({ values, onSelect, selected }: { values?: Record<string, number>; onSelect?: (a: string | null) => void; selected?: string | null }) => (
    <div data-testid="fake-map" data-selected={selected ?? ""}>
      {["330602", "330603", "330604", "330624", "330681", "330683"].map((a) => (
        <button key={a} data-testid={`fake-map-${a}`} data-value={values?.[a] ?? ""} onClick={() => onSelect?.(a === selected ? null : a)}>
          {a}
        </button>
      ))}
    </div>
  ),
}));

// The live source: the test delivers subscription events by hand.
const live = vi.hoisted(() => ({ emit: null as null | ((d: unknown) => void), count: 1, alerts: [{ id: "A1", title: "超速" }] as { id: string; title: string }[] }));
vi.mock("@zw/client", async (orig) => {
  const real = await orig<typeof import("@zw/client")>();
  return {
    ...real,
    apolloLiveSource: () => ({
      subscribe: (_doc: unknown, onEvent: (d: unknown) => void) => {
        live.emit = onEvent;
        return () => (live.emit = null);
      },
    }),
  };
});

/** The overview's own source files (as text), to check every key they use is in the catalogues. */
const SOURCES = import.meta.glob(["./*.ts", "./*.tsx", "!./*.test.tsx"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

function keysOf(o: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

beforeAll(() => {
  registerMessages("overview", { "zh-CN": zhCN, en });
});
afterEach(async () => {
  cleanup();
  history.replaceState(null, "", "/");
  await setLanguage("zh-CN");
});

describe("catalogues", () => {
  it("have the same keys in zh-CN and en, and every key the overview uses", () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
    const known = new Set(keysOf(zhCN));
    const used = new Set<string>();
    expect(Object.keys(SOURCES).length).toBeGreaterThan(8);
    for (const text of Object.values(SOURCES)) {
      for (const m of text.matchAll(/\bt\(\s*"([^"]+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(/\bt\(\s*`([^`$]+)\.\$\{/g)) used.add(`${m[1]}.*`);
    }
    expect(used.size).toBeGreaterThan(60);
    const missing = [...used].filter((k) => !k.startsWith("ui:") && (k.endsWith(".*") ? ![...known].some((x: string) => x.startsWith(k.slice(0, -1))) : !known.has(k)));
    expect(missing).toEqual([]);
  });

  it("translates every unit the streams use", () => {
    for (const u of ["m³", "t", "元", "%", "分", "人次", "趟", "张", "个", "起", "条", "家", "份", "家次", "位", "项", "件"]) expect(Object.keys(en.unit)).toContain(u);
  });
});

describe("url state", () => {
  it("reads the period, day, district and map measure, ignoring nonsense", () => {
    expect(parseState("?period=quarter&date=2026-08-31&district=330602&map=construction.spoilMovedM3")).toEqual({
      mode: "page",
      period: "QUARTER",
      date: "2026-08-31",
      district: "330602",
      map: "construction.spoilMovedM3",
      briefing: null,
    });
    expect(parseState("?period=WEEK&date=2026-8-1&district=110101&map=<script>")).toMatchObject({ period: "MONTH", date: null, district: null, map: "index" });
    expect(parseState("?district=330600").district).toBeNull();
    expect(parseState("?screen=big").mode).toBe("big");
    expect(parseState("", "/big-screen").mode).toBe("big");
    expect(parseState("?briefing=2026-10")).toMatchObject({ mode: "briefing", briefing: "2026-10" });
    expect(parseState("?briefing=2026-13").mode).toBe("page");
  });
  it("writes back only what differs from the defaults", () => {
    expect(stateSearch({ mode: "page", period: "MONTH", date: null, district: null, map: "index" })).toBe("");
    expect(stateSearch({ mode: "page", period: "YEAR", date: "2025-01-01", district: "330603", map: "recycling.tonnage" })).toBe("?period=YEAR&date=2025-01-01&district=330603&map=recycling.tonnage");
    expect(stateSearch({ mode: "big", district: "330603" })).toBe("?screen=big");
    expect(stateSearch({ mode: "briefing", briefing: "2026-10" })).toBe("?briefing=2026-10");
  });
});

describe("formatting", () => {
  const unit = (u: string) => u;
  it("groups digits and rounds exactly without floats", () => {
    expect(groupDigits("19480000.50")).toBe("19,480,000.50");
    expect(groupDigits("-1234")).toBe("-1,234");
    expect(roundDec("2.345", 2)).toBe("2.35");
    expect(roundDec("-2.345", 2)).toBe("-2.35");
    expect(roundDec("9007199254740993.125", 2)).toBe("9007199254740993.13");
  });
  it("writes large volumes and money in 万 in Chinese, millions in English", () => {
    expect(showValue("27283000.00", "元", "zh-CN", unit)).toEqual({ value: "2,728.3", unit: "万元" });
    expect(showValue("19480000", "m³", "zh-CN", unit)).toEqual({ value: "1,948", unit: "万方" });
    expect(showValue("9999.99", "m³", "zh-CN", unit)).toEqual({ value: "9,999.99", unit: "m³" });
    expect(showValue("27283000.00", "元", "en", unit)).toEqual({ value: "27.28", unit: "million 元" });
    expect(showValue("4749.850", "t", "zh-CN", unit)).toEqual({ value: "4,749.85", unit: "t" });
    expect(showValue("4252", "起", "zh-CN", unit)).toEqual({ value: "4,252", unit: "起" });
  });
  it("shows changes with their direction", () => {
    expect([showChange("98.8"), showChange("-3.0"), showChange("0.0"), showChange(null)]).toEqual(["+98.8%", "−3.0%", "0.0%", "—"]);
    expect([trendOf("98.8"), trendOf("-3.0"), trendOf("0.0"), trendOf(null)]).toEqual(["up", "down", "flat", "none"]);
  });
  it("lists recent periods in Shanghai time", () => {
    const now = new Date("2026-01-01T17:00:00Z"); // 2 Jan 01:00 in Shanghai
    expect(recentMonths(3, now)).toEqual(["2026-01", "2025-12", "2025-11"]);
    expect(periodOptions("QUARTER", "zh-CN", now).slice(0, 2)).toEqual([
      { value: "2026-01-01", label: "2026年第一季度" },
      { value: "2025-10-01", label: "2025年第四季度" },
    ]);
    expect(periodOptions("DAY", "en", now)[0]).toEqual({ value: "2026-01-02", label: "2 Jan 2026" });
    expect(periodValueOf("QUARTER", "2026-08-31")).toBe("2026-07-01");
  });
});

// ——— the page against a fake API ———

type Call = { operationName: string; variables: Record<string, unknown> };

const DISTRICTS = [
  { __typename: "District", id: "D0", code: "shaoxing", adcode: "330600", nameZh: "绍兴市", nameEn: "Shaoxing", level: "CITY" },
  { __typename: "District", id: "D2", code: "yuecheng", adcode: "330602", nameZh: "越城区", nameEn: "Yuecheng", level: "DISTRICT" },
  { __typename: "District", id: "D3", code: "keqiao", adcode: "330603", nameZh: "柯桥区", nameEn: "Keqiao", level: "DISTRICT" },
];
const PERIOD = { __typename: "OverviewPeriodInfo", kind: "MONTH", startDay: "2026-11-01", endDay: "2026-12-01", lastDay: "2026-11-29", toDate: true, previousStartDay: "2025-11-01", previousLastDay: "2025-11-29", labelZh: "2026年11月", labelEn: "November 2026", year: 2026, quarter: 4 };

function fig(key: string, labelZh: string, value: string, previous: string | null, unit: string, link: string, changePct: string | null) {
  return { __typename: "OverviewFigure", key, stream: key.split(".")[0], labelZh, labelEn: `${labelZh}-en`, unit, value, previous, delta: null, changePct, link };
}

function figures(districtId: string | null) {
  const k = districtId === "D3";
  return {
    overviewFigures: {
      __typename: "OverviewFigures",
      period: PERIOD,
      district: k ? { __typename: "District", id: "D3", adcode: "330603", nameZh: "柯桥区", nameEn: "Keqiao" } : null,
      streams: [
        {
          __typename: "OverviewStreamFigures",
          stream: "construction",
          available: true,
          figures: [
            fig("construction.spoilMovedM3", "渣土外运量", k ? "1200.00" : "185000.00", k ? "1000.00" : "100000.00", "m³", "/construction/manifests", k ? "20.0" : "85.0"),
            fig("construction.cases", "渣土案件", "42", "21", "起", "/construction/cases", "100.0"),
            fig("construction.permitsActive", "有效准运证", "310", null, "张", "/construction/permits", null),
            fig("construction.extra", "其他指标", "1", null, "个", "/construction", null),
          ],
        },
        { __typename: "OverviewStreamFigures", stream: "hazardous", available: false, figures: [] },
        { __typename: "OverviewStreamFigures", stream: "recycling", available: true, figures: [fig("recycling.tonnage", "再生资源回收量", "812.345", "900.000", "t", "/recycling/dashboard", "-9.7")] },
        { __typename: "OverviewStreamFigures", stream: "cells", available: true, figures: [fig("cells.certifiedCells", "无废细胞（已命名）", "57", null, "个", "/cells/map", null)] },
      ],
    },
  };
}

function respond(c: Call): unknown {
  switch (c.operationName) {
    case "Me":
      return { me: { __typename: "Me", user: { __typename: "User", id: "U1", username: "leader", displayName: "领导" }, role: "LEADERSHIP", department: null, district: null, org: null, modules: ["overview", "construction", "hazardous", "recycling", "cells"].map((key) => ({ __typename: "ModuleAccess", key, read: true, write: false })) } };
    case "OverviewDistricts":
      return { districts: DISTRICTS };
    case "OverviewFigures":
      return figures((c.variables.districtId as string | null) ?? null);
    case "OverviewMap":
      return {
        overviewDistricts: {
          __typename: "OverviewDistrictValues",
          key: "index",
          labelZh: "无废指数",
          labelEn: "Zero-waste index",
          unit: "",
          link: "/cells/index",
          indexYear: 2026,
          indexQuarter: 3,
          values: DISTRICTS.slice(1).map((d, i) => ({ __typename: "OverviewDistrictValue", district: { __typename: "District", id: d.id, adcode: d.adcode, nameZh: d.nameZh, nameEn: d.nameEn }, value: i ? "81.20" : "84.50", previous: "80.00", changePct: i ? "1.5" : "5.6", rank: i + 1 })),
        },
      };
    case "OverviewIndexRanking":
      return { indexRanking: null };
    case "OverviewCapacity":
      return {
        capacityBalance: {
          __typename: "CapacityBalanceResult",
          year: 2026,
          yearToDate: true,
          yearShare: 0.91,
          plan: { __typename: "PlanPeriodInfo", nameZh: "十五五", nameEn: "15th Five-Year Plan", startYear: 2026, endYear: 2030 },
          unavailable: [],
          rows: [
            { __typename: "CapacityBalanceRow", district: { __typename: "District", id: "D2", adcode: "330602", nameZh: "越城区", nameEn: "Yuecheng" }, category: "spoil", unit: "m³", generated: "1200000.00", generatedToDate: false, generatedAnnual: "1200000.00", capacity: "1000000.00", balance: "-200000.00", loadPct: "120.0", shortfall: true, projectedGenerated: "5000000.00", projectedCapacity: "6000000.00", projectedBalance: "1000000.00", projectedShortfall: false, projectionBasis: "CUMULATIVE" },
            { __typename: "CapacityBalanceRow", district: { __typename: "District", id: "D3", adcode: "330603", nameZh: "柯桥区", nameEn: "Keqiao" }, category: "spoil", unit: "m³", generated: "500000.00", generatedToDate: false, generatedAnnual: "500000.00", capacity: "900000.00", balance: "400000.00", loadPct: "55.6", shortfall: false, projectedGenerated: "4000000.00", projectedCapacity: "3000000.00", projectedBalance: "-1000000.00", projectedShortfall: true, projectionBasis: "CUMULATIVE" },
          ],
          totals: [],
        },
      };
    case "OverviewAlerts":
      return {
        alerts: {
          __typename: "AlertConnection",
          totalCount: live.count,
          pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
          edges: live.alerts.map((a) => ({ __typename: "AlertEdge", cursor: a.id, node: { __typename: "Alert", stream: "construction", rule: "OVERSPEED", severity: "HIGH", status: "OPEN", subjectLabel: "浙D12345", raisedAt: "2026-11-29T02:00:00Z", district: null, ...a } })),
        },
      };
    default:
      return {};
  }
}

function fakeClient() {
  const calls: Call[] = [];
  const link = new ApolloLink((op) => {
    const call = { operationName: op.operationName ?? "", variables: (op.variables ?? {}) as Record<string, unknown> };
    calls.push(call);
    return new Observable((o) => {
      o.next({ data: respond(call) } as never);
      o.complete();
    });
  });
  return { client: new ApolloClient({ link, cache: new InMemoryCache(), defaultOptions: { watchQuery: { fetchPolicy: "cache-and-network" } } }), calls };
}

function Wrap({ client, children }: { client: ApolloClient; children: ReactNode }) {
  return (
    <ApolloProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <AntApp>{children}</AntApp>
      </I18nextProvider>
    </ApolloProvider>
  );
}

async function renderApp() {
  const { OverviewApp } = await import("./OverviewApp.js");
  const { client, calls } = fakeClient();
  render(
    <Wrap client={client}>
      <OverviewApp />
    </Wrap>,
  );
  return { calls };
}

describe("the overview page", () => {
  it("shows every stream's figures with the change on the year before, each linking into its module", async () => {
    await renderApp();
    const tile = await screen.findByTestId("fig-construction.spoilMovedM3");
    expect(tile.getAttribute("href")).toBe("/construction/manifests");
    expect(screen.getByTestId("fig-value-construction.spoilMovedM3").textContent).toBe("18.5万方");
    expect(tile.textContent).toContain("+85.0%");
    expect(screen.getByTestId("fig-recycling.tonnage").textContent).toContain("−9.7%");
    expect(screen.getByTestId("fig-construction.permitsActive").textContent).toContain("当前存量");
    expect(screen.getByTestId("unavailable-hazardous")).toBeTruthy();
    // Figures beyond the headline are behind "more".
    expect(screen.queryByTestId("fig-construction.extra")).toBeNull();
    fireEvent.click(screen.getByTestId("more-construction"));
    expect(screen.getByTestId("fig-construction.extra")).toBeTruthy();
    // A plain click routes inside the app.
    fireEvent.click(screen.getByTestId("fig-construction.cases"));
    expect(location.pathname).toBe("/construction/cases");
  });

  it("filters the figures by the district clicked on the map, and back to the city", async () => {
    const { calls } = await renderApp();
    await screen.findByTestId("fig-construction.spoilMovedM3");
    fireEvent.click(await screen.findByTestId("fake-map-330603"));
    await waitFor(() => expect(screen.getByTestId("fig-value-construction.spoilMovedM3").textContent).toBe("1,200m³"));
    expect(location.search).toBe("?district=330603");
    expect(calls.filter((c) => c.operationName === "OverviewFigures").at(-1)!.variables.districtId).toBe("D3");
    expect(screen.getByTestId("zw-ov-district-tag").textContent).toContain("柯桥区");
    expect(screen.getByTestId("fake-map").getAttribute("data-selected")).toBe("330603");
    fireEvent.click(screen.getByTestId("zw-ov-city"));
    await waitFor(() => expect(screen.getByTestId("fig-value-construction.spoilMovedM3").textContent).toBe("18.5万方"));
    expect(location.search).toBe("");
  });

  it("highlights shortfalls now and at the end of the plan", async () => {
    await renderApp();
    const now = await screen.findByTestId("capacity-row-spoil-330602");
    expect(now.getAttribute("data-shortfall")).toBe("true");
    expect(now.className).toContain("zw-ov-shortfall");
    const later = screen.getByTestId("capacity-row-spoil-330603");
    expect(later.getAttribute("data-projected-shortfall")).toBe("true");
    expect(later.textContent).toContain("期末缺口");
  });

  it("marks a live alert as new when the subscription delivers it, refetching the list", async () => {
    const { calls } = await renderApp();
    await screen.findAllByTestId("zw-ov-alert");
    await waitFor(() => expect(live.emit).not.toBeNull());
    live.count = 2;
    live.alerts = [{ id: "A2", title: "偏离路线" }, ...live.alerts];
    const before = calls.filter((c) => c.operationName === "OverviewAlerts").length;
    act(() => live.emit!({ alertRaised: { id: "A2", stream: "construction", title: "偏离路线" } }));
    await waitFor(() => expect(screen.getAllByTestId("zw-ov-alert")).toHaveLength(2));
    expect(calls.filter((c) => c.operationName === "OverviewAlerts").length).toBeGreaterThan(before);
    const [first, second] = screen.getAllByTestId("zw-ov-alert");
    expect([first!.getAttribute("data-new"), second!.getAttribute("data-new")]).toEqual(["1", "0"]);
    expect(screen.getByTestId("zw-ov-new-count").textContent).toContain("1");
  });

  it("switches to English completely", async () => {
    await setLanguage("en");
    await renderApp();
    const tile = await screen.findByTestId("fig-construction.spoilMovedM3");
    expect(tile.textContent).toContain("渣土外运量-en");
    expect(screen.getByTestId("zw-overview").textContent).toContain("Overview");
    expect(screen.getByTestId("zw-overview").textContent).not.toMatch(/同比|总览|全市/);
  });

  it("shows the big screen without any control", async () => {
    history.replaceState(null, "", "/?screen=big");
    await renderApp();
    await screen.findByTestId("bs-fig-construction.spoilMovedM3");
    const root = screen.getByTestId("zw-big-screen");
    expect(root.querySelectorAll("button:not([data-testid^=fake-map]), input, select, .ant-select, .ant-segmented").length).toBe(0);
    expect(screen.getByTestId("zw-bs-canvas").style.width).toBe("1920px");
    expect(document.body.classList.contains("zw-big-screen")).toBe(true);
  });
});
