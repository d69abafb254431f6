import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { D1, page, renderAt, viewer } from "../test-client.js";

afterEach(() => cleanup());

const district = { __typename: "District", id: "D1", nameZh: "越城区", nameEn: "Yuecheng" };
const pickup = {
  __typename: "HouseholdPickup",
  id: "P1",
  number: "HG202611050001",
  address: "新昌县七星街道某小区3幢",
  contactName: "张阿姨",
  status: "COLLECTED",
  requestedAt: "2026-11-05T01:00:00Z",
  collector: "王师傅",
  truckPlate: null,
  recycler: null,
  collectedGrams: 20000,
  currentGrams: 20000,
  lossGrams: 0,
  cardNo: "SX0200000001",
  nextActions: ["toStation"],
  updatedAt: "2026-11-05T03:00:00Z",
  station: { __typename: "RecyclingStation", id: "S1", name: "七星回收服务站" },
  sortingCentre: null,
  material: { __typename: "RecyclingMaterial", nameZh: "废纸", nameEn: "Waste paper" },
  district,
};
const handover = (action: string, from: string | null, to: string, weight: number | null, loss: number | null, at: string) => ({
  __typename: "CustodyHandover",
  action,
  fromStatus: from,
  toStatus: to,
  at,
  weightGrams: weight,
  lossGrams: loss,
  fromParty: "居民",
  toParty: "王师傅",
  note: null,
  actor: "user:huge",
});

const reply = (op: string, vars: Record<string, unknown>) => {
  if (op === "RecyclingPickups") return { householdPickups: page("HouseholdPickup", [pickup]) };
  if (op === "RecyclingPickupDetail")
    return { node: { ...pickup, handovers: [handover("request", null, "REQUESTED", null, null, "2026-11-05T01:00:00Z"), handover("assign", "REQUESTED", "ASSIGNED", null, null, "2026-11-05T01:10:00Z"), handover("collect", "ASSIGNED", "COLLECTED", 20000, null, "2026-11-05T03:00:00Z")] } };
  if (op === "RecyclingAdvancePickup") return { advanceHouseholdPickup: { __typename: "HouseholdPickupPayload", pickup: { ...pickup, status: "AT_STATION", currentGrams: (vars.input as { weightGrams: number }).weightGrams, lossGrams: 20000 - (vars.input as { weightGrams: number }).weightGrams, nextActions: ["loadTruck"] }, userErrors: [] } };
  if (op === "RecyclingRequestPickup") return { requestHouseholdPickup: { __typename: "HouseholdPickupPayload", pickup: { __typename: "HouseholdPickup", id: "P2", number: "HG202611050002" }, userErrors: [] } };
  return undefined;
};

describe("pickup tracking", () => {
  it("takes a one-click request with the household's card and district", async () => {
    const { calls } = renderAt("/pickups", reply, viewer({ district: true }));
    await within(await screen.findByTestId("rec-pickups-table")).findByText("HG202611050001");
    fireEvent.click(screen.getByTestId("rec-pickup-new"));
    const address = await screen.findByTestId("rec-request-address");
    fireEvent.change(address, { target: { value: " 越城区府山街道仓桥直街12号 " } });
    fireEvent.change(screen.getByTestId("rec-request-phone"), { target: { value: "0575-88001234" } });
    fireEvent.change(screen.getByTestId("rec-request-card"), { target: { value: "sx0200000009" } });
    fireEvent.submit(address.closest("form")!);
    await waitFor(() =>
      expect(calls.find((c) => c.op === "RecyclingRequestPickup")?.vars).toEqual({ input: { districtId: D1.id, address: "越城区府山街道仓桥直街12号", phone: "0575-88001234", cardNo: "SX0200000009" } }),
    );
    expect(await screen.findByText("已预约，单号 HG202611050002")).toBeTruthy();
  });

  it("refuses a request without an address or with a bad phone before calling the API", async () => {
    const { calls } = renderAt("/pickups", reply, viewer({ district: true }));
    fireEvent.click(await screen.findByTestId("rec-pickup-new"));
    const phone = await screen.findByTestId("rec-request-phone");
    fireEvent.change(phone, { target: { value: "call me" } });
    fireEvent.submit(phone.closest("form")!);
    expect(await screen.findByText("请输入电话号码")).toBeTruthy();
    expect(calls.some((c) => c.op === "RecyclingRequestPickup")).toBe(false);
  });

  it("shows the custody chain and hands the load over to the station with its weight in grams", async () => {
    const { calls } = renderAt("/pickups", reply, viewer({ org: { kind: "recycling.enterprise", id: "E1", name: "虎哥" } }));
    fireEvent.click(await within(await screen.findByTestId("rec-pickups-table")).findByText("HG202611050001"));
    const chain = await screen.findByTestId("rec-custody-chain");
    await within(chain).findByText("上门收集");
    expect(within(chain).getAllByRole("row")).toHaveLength(4); // header + request, assign, collect
    expect(within(chain).getByText("20.000 kg")).toBeTruthy();
    const weight = within(await screen.findByTestId("rec-pickup-advance")).getByRole("spinbutton");
    fireEvent.change(weight, { target: { value: "19.5" } });
    fireEvent.blur(weight);
    fireEvent.submit(weight.closest("form")!);
    await waitFor(() => expect(calls.find((c) => c.op === "RecyclingAdvancePickup")?.vars).toEqual({ input: { id: "P1", action: "toStation", weightGrams: 19500 } }));
  });

  it("offers no request or hand-over to a reader without write access", async () => {
    renderAt("/pickups", reply, viewer({ write: false }));
    fireEvent.click(await within(await screen.findByTestId("rec-pickups-table")).findByText("HG202611050001"));
    await within(await screen.findByTestId("rec-custody-chain")).findByText("上门收集");
    expect(screen.queryByTestId("rec-pickup-advance")).toBeNull();
    expect(screen.queryByTestId("rec-pickup-new")).toBeNull();
  });
});
