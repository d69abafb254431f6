import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderAt } from "../test-client.js";

// happy-dom has no canvas: the charts (ECharts) are left out; the figures, tables and lists are real.
vi.mock("@zw/ui/charts", () => ({ DistrictMap: () => null, BarChart: () => null, LineChart: () => null, PieChart: () => null }));

afterEach(() => cleanup());

const ind = (tonnes: string, activeCards: number, pointsIssued: string) => ({
  __typename: "RecyclingIndicators",
  weightGrams: String(Number(tonnes) * 1_000_000),
  tonnes,
  records: 1200,
  amountYuan: "5600.00",
  averagePriceYuanPerKg: "1.12",
  pointsIssued,
  pointsRedeemed: "40000",
  pointsExpired: "0",
  redemptions: 80,
  redemptionYuan: "400.00",
  activeCards,
  cardsTotal: 5000,
  cardsIssued: 20,
  participationPct: 24.5,
});

const dashboard = (kind: string) => ({
  recyclingDashboard: {
    __typename: "RecyclingDashboard",
    period: kind,
    from: kind === "YEAR" ? "2026-01-01" : "2026-11-01",
    to: kind === "YEAR" ? "2026-12-31" : "2026-11-30",
    indicators: ind(kind === "YEAR" ? "81234.5" : "6789.1", 1225, "1200000"),
    previous: ind(kind === "YEAR" ? "70000" : "6000", 1000, "1000000"),
    byMaterial: [],
    byDistrict: [{ __typename: "DistrictVolume", district: { __typename: "District", id: "D1", adcode: 330602, nameZh: "越城区", nameEn: "Yuecheng" }, tonnes: "1234.5", records: 300, pointsIssued: "300000", pointsRedeemed: "10000", redemptionYuan: "100.00", activeCards: 400 }],
    topStations: [],
    series: [],
  },
});

const reply = (op: string, vars: Record<string, unknown>) => {
  if (op === "RecyclingDashboard") return dashboard((vars.period as { kind: string }).kind);
  if (op === "RecyclingCoop") return { coopRecovery: { __typename: "CoopRecovery", from: "2026-01-01", to: "2026-11-05", totalTonnes: "21057.0", categories: [{ __typename: "CategoryShare", category: "PAPER", tonnes: "13687.1", sharePct: 65 }, { __typename: "CategoryShare", category: "METAL", tonnes: "4422.0", sharePct: 21 }] } };
  if (op === "RecyclingOpenAlerts")
    return {
      alerts: {
        __typename: "AlertConnection",
        totalCount: 1,
        edges: [{ __typename: "AlertEdge", node: { __typename: "Alert", id: "A1", rule: "recycling.price_jump", severity: "MEDIUM", status: "OPEN", title: "废铜价格较前次上涨 45%", raisedAt: "2026-11-05T01:00:00Z", subjectLabel: "废铜" } }],
      },
    };
  return undefined;
};

describe("the one map", () => {
  it("shows the month's indicators against the year before, the co-op recovery and the open alerts", async () => {
    const { calls } = renderAt("/dashboard", reply);
    const tonnes = await screen.findByTestId("rec-figure-tonnes");
    expect(tonnes.textContent).toContain("6,789.1");
    expect(tonnes.textContent).toContain("+13.2"); // 6789.1 against 6000
    expect(screen.getByTestId("rec-figure-activeCards").textContent).toContain("+22.5");
    expect(screen.getByTestId("rec-figure-participation").textContent).toContain("24.5");
    const alerts = screen.getByTestId("rec-dashboard-alerts");
    expect(await within(alerts).findByText(/废铜价格较前次上涨 45%/)).toBeTruthy();
    expect(within(alerts).getByText(/价格异动/)).toBeTruthy();
    expect((await screen.findByTestId("rec-coop")).textContent).toContain("21,057.0");
    expect(within(screen.getByTestId("rec-by-district")).getByText("1,234.5")).toBeTruthy();
    const first = calls.find((c) => c.op === "RecyclingDashboard")!;
    expect((first.vars.period as { kind: string }).kind).toBe("MONTH");
    expect(calls.find((c) => c.op === "RecyclingOpenAlerts")?.vars).toEqual({ filter: { stream: "recycling", status: ["OPEN", "ACKNOWLEDGED"], districtId: null } });
  });

  it("follows the period selector", async () => {
    const { calls } = renderAt("/dashboard", reply);
    await screen.findByTestId("rec-figure-tonnes");
    fireEvent.click(screen.getByTestId("rec-period-YEAR"));
    await waitFor(() => expect(screen.getByTestId("rec-figure-tonnes").textContent).toContain("81,234.5"));
    expect(calls.filter((c) => c.op === "RecyclingDashboard").map((c) => (c.vars.period as { kind: string }).kind)).toEqual(["MONTH", "YEAR"]);
  });
});
