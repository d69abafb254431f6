import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { D1, page, pick, renderAt, viewer } from "../test-client.js";

// happy-dom has no canvas: the map and charts (ECharts) are left out of these form tests.
vi.mock("@zw/ui/charts", () => ({ DistrictMap: () => null, BarChart: () => null, LineChart: () => null }));

afterEach(() => cleanup());

const reply = (op: string) => {
  if (op === "RecyclingStations") return { recyclingStations: page("RecyclingStation", []) };
  if (op === "RecyclingStationPoints") return { recyclingStationPoints: [] };
  if (op === "RecyclingEnterprises") return { recyclingEnterprises: page("RecyclingEnterprise", []) };
  if (op === "RecyclingCreateStation") return { createRecyclingStation: { __typename: "RecyclingStationPayload", station: { __typename: "RecyclingStation", id: "S9", code: "HG-XC-042", name: "七星街道服务站" }, userErrors: [] } };
  if (op === "RecyclingCreateEnterprise") return { createRecyclingEnterprise: { __typename: "RecyclingEnterprisePayload", enterprise: null, userErrors: [{ __typename: "UserError", field: "input.code", message: "An enterprise with code E-1 exists", code: "CODE_TAKEN" }] } };
  return undefined;
};

describe("network registration", () => {
  it("lets an enterprise register a station of its own, with its location", async () => {
    const { calls } = renderAt("/network", reply, viewer({ org: { kind: "recycling.enterprise", id: "E1", name: "虎哥" } }));
    expect(screen.queryByTestId("rec-enterprise-new")).toBeNull();
    fireEvent.click(await screen.findByTestId("rec-station-new"));
    const code = await screen.findByTestId("rec-station-code");
    fireEvent.change(code, { target: { value: "HG-XC-042" } });
    fireEvent.change(screen.getByTestId("rec-station-name"), { target: { value: "七星街道服务站" } });
    for (const [id, v] of [["rec-station-lon", "120.9012"], ["rec-station-lat", "29.5021"]] as const) {
      const input = screen.getByTestId(id);
      fireEvent.change(input, { target: { value: v } });
      fireEvent.blur(input);
    }
    await pick(screen, fireEvent, "rec-station-district", "越城区");
    fireEvent.submit(code.closest("form")!);
    await waitFor(() => expect(calls.find((c) => c.op === "RecyclingCreateStation")?.vars).toEqual({ input: { code: "HG-XC-042", name: "七星街道服务站", kind: "SERVICE_STATION", enterpriseId: "E1", districtId: D1.id, rural: false, lon: 120.9012, lat: 29.5021 } }));
    expect(calls.some((c) => c.op === "RecyclingEnterprises" && (c.vars.first as number) === 100)).toBe(false);
  });

  it("lets staff register an enterprise and shows a taken code on its field", async () => {
    const { calls } = renderAt("/network", reply, viewer({ district: true }));
    fireEvent.click(await screen.findByTestId("rec-enterprise-new"));
    const code = await screen.findByTestId("rec-enterprise-code");
    fireEvent.change(code, { target: { value: "E-1" } });
    fireEvent.change(screen.getByTestId("rec-enterprise-name"), { target: { value: "越城再生资源公司" } });
    fireEvent.submit(code.closest("form")!);
    await waitFor(() => expect(calls.find((c) => c.op === "RecyclingCreateEnterprise")?.vars).toEqual({ input: { code: "E-1", name: "越城再生资源公司", districtId: D1.id, coop: false } }));
    expect(await screen.findByText("An enterprise with code E-1 exists")).toBeTruthy();
  });
});
