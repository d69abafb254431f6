import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { page, pick, renderAt, viewer } from "../test-client.js";

afterEach(() => cleanup());

const district = { __typename: "District", id: "D1", nameZh: "越城区", nameEn: "Yuecheng" };
const device = (id: string, code: string, silent: boolean) => ({
  __typename: "RecyclingDevice",
  id,
  code,
  kind: "SMART_BIN",
  vendor: "某厂",
  status: "ACTIVE",
  silent,
  lastSeenAt: silent ? "2026-10-01T00:00:00Z" : "2026-11-05T01:00:00Z",
  lastRecordAt: "2026-11-05T00:59:00Z",
  lastSeq: "1234",
  recordsTotal: 1234,
  station: { __typename: "RecyclingStation", id: "S1", name: "府山智能回收箱" },
  district,
});

const reply = (op: string, vars: Record<string, unknown>) => {
  if (op === "RecyclingDevices") return { recyclingDevices: page("RecyclingDevice", [device("V1", "BIN-001", true), device("V2", "BIN-002", false)]) };
  if (op === "RecyclingStationPoints") return { recyclingStationPoints: [{ __typename: "RecyclingStationPoint", id: "S1", name: "府山智能回收箱", kind: "SMART_BIN", rural: false, lon: 120.58, lat: 30.0, adcode: 330602 }] };
  if (op === "RecyclingRegisterDevice") {
    const input = vars.input as { code: string };
    return { registerRecyclingDevice: { __typename: "RecyclingDevicePayload", device: { __typename: "RecyclingDevice", id: "V3", code: input.code }, secret: "zwk_newdevice", userErrors: [] } };
  }
  return undefined;
};

describe("devices", () => {
  it("lists devices with last seen and marks the silent one", async () => {
    renderAt("/devices", reply);
    const table = await screen.findByTestId("rec-devices-table");
    await within(table).findByText("BIN-001");
    expect(within(table).getAllByTestId("rec-device-silent")).toHaveLength(1);
    expect(within(table).getByText("BIN-001").closest("tr")!.querySelector("[data-testid=rec-device-silent]")).toBeTruthy();
  });

  it("registers a device at a station and shows its new key once", async () => {
    const { calls } = renderAt("/devices", reply, viewer({ district: true }));
    fireEvent.click(await screen.findByTestId("rec-device-new"));
    await waitFor(() => expect(calls.some((c) => c.op === "RecyclingStationPoints")).toBe(true));
    await pick(screen, fireEvent, "rec-device-station", /府山智能回收箱/);
    const code = await screen.findByTestId("rec-device-code");
    fireEvent.change(code, { target: { value: "SCALE-9" } });
    fireEvent.submit(code.closest("form")!);
    await waitFor(() => expect(calls.find((c) => c.op === "RecyclingRegisterDevice")?.vars).toEqual({ input: { stationId: "S1", kind: "SMART_SCALE", code: "SCALE-9" } }));
    expect((await screen.findByTestId("rec-device-secret")).textContent).toContain("zwk_newdevice");
  });

  it("offers no registration to a merchant's counter", async () => {
    renderAt("/devices", reply, viewer({ org: { kind: "recycling.merchant", id: "M1", name: "联华" } }));
    await within(await screen.findByTestId("rec-devices-table")).findByText("BIN-001");
    expect(screen.queryByTestId("rec-device-new")).toBeNull();
  });
});
