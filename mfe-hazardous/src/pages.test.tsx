/**
 * Page tests of the registers: transport (carriers paged, edit, vehicles out of service, licence renewal),
 * road segments and restricted roads, rule settings, training records and contract termination.
 * The API is a mock link answering by operation name and recording every operation's variables.
 */
import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { registerMessages } from "@zw/ui";
import { MemoryRouter } from "react-router";
import { Observable } from "rxjs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import en from "./i18n/en.json";
import zhCN from "./i18n/zh-CN.json";
import { formatDate } from "./format.js";
import { NS } from "./module.js";
import { parseAttendees } from "./pages/CensusPage.js";
import { lineText, parseLineText } from "./pages/RoadsPage.js";
import { ModuleRoutes } from "./routes.js";

// Full pages with antd forms in happy-dom take several seconds each on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => registerMessages(NS, { "zh-CN": zhCN, en }));
afterEach(() => cleanup());

type Seen = { op: string; vars: Record<string, unknown> }[];
type Replies = Record<string, (vars: Record<string, unknown>) => unknown>;

const district = { __typename: "District", id: "D3", nameZh: "柯桥区", nameEn: "Keqiao" };
const page = (type: string, nodes: Record<string, unknown>[], hasNextPage = false, endCursor = "c") => ({
  __typename: `${type}Connection`,
  totalCount: nodes.length + (hasNextPage ? 1 : 0),
  pageInfo: { __typename: "PageInfo", hasNextPage, endCursor },
  edges: nodes.map((n, i) => ({ __typename: `${type}Edge`, cursor: `${endCursor}${i}`, node: { __typename: type, ...n } })),
});
const me = (over: Record<string, unknown> = {}) => ({
  me: { __typename: "Viewer", user: null, role: "STAFF", department: null, district: null, org: null, modules: [{ __typename: "ModuleAccess", key: "hazardous", read: true, write: true }], ...over },
});
const ok = (field: string, value: Record<string, unknown>) => ({ [field]: { __typename: "Payload", ...value, userErrors: [] } });

function mount(path: string, replies: Replies, seen: Seen) {
  const base: Replies = {
    Me: () => me(),
    HazardousReference: () => ({ districts: [{ __typename: "District", id: "D3", code: "keqiao", adcode: 330603, nameZh: "柯桥区", nameEn: "Keqiao", level: "DISTRICT" }], departments: [] }),
    HzCarriers: () => ({ hazardousCarriers: [{ __typename: "Carrier", id: "C1", name: "华鑫环保运输", permitNo: "P1", permitValidTo: "2027-01-01", vehicleCount: 1, personCount: 2, district }], hazardousFacilities: [] }),
  };
  const link = new ApolloLink((op) => {
    seen.push({ op: op.operationName ?? "", vars: op.variables as Record<string, unknown> });
    return new Observable((o) => {
      const f = replies[op.operationName ?? ""] ?? base[op.operationName ?? ""];
      o.next({ data: (f ? f(op.variables as Record<string, unknown>) : {}) as Record<string, unknown> });
      o.complete();
    });
  });
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  return render(
    <ApolloProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <ModuleRoutes />
      </MemoryRouter>
    </ApolloProvider>,
  );
}
const last = (seen: Seen, op: string) => [...seen].reverse().find((s) => s.op === op);
const type = (el: HTMLElement, value: string) => fireEvent.change(el.tagName === "INPUT" || el.tagName === "TEXTAREA" ? el : el.querySelector("input, textarea")!, { target: { value } });
/** Clicks the submit button of the last API form on the page (the open drawer's). */
const submit = () => {
  const forms = screen.getAllByTestId("zw-api-form");
  fireEvent.click(forms[forms.length - 1]!.querySelector('button[type="submit"]')!);
};

const vehicle = { id: "V1", plate: "浙D12345", terminalId: "T1", vehicleType: "厢式危货车", loadKg: "8000.000", licenceNo: "330603000001", licenceValidTo: "2027-01-01", licenceDaysLeft: 300, licenceValid: true, active: true, carrier: { __typename: "Carrier", id: "C1", name: "华鑫环保运输" } };
const carrier = (id: string, name: string) => ({ id, name, creditCode: "91330603MA2BXXXX1X", permitNo: `P-${id}`, permitValidTo: "2027-01-01", permitDaysLeft: 400, permitValid: true, vehicleCount: 3, personCount: 4, district });

describe("helpers", () => {
  it("parses a typed line (longitude first) and refuses malformed ones", () => {
    expect(parseLineText("120.58,29.99\n120.58 30.01")).toEqual([
      [120.58, 29.99],
      [120.58, 30.01],
    ]);
    expect(parseLineText("120.58,29.99")).toBeNull();
    expect(parseLineText("120.58,29.99\nabc,30")).toBeNull();
    expect(parseLineText("120.58,99\n120.58,30")).toBeNull();
    expect(lineText([[1, 2], [3, 4]])).toBe("1,2\n3,4");
    // A day stays that day whatever the zone the browser (here: the test process) is in.
    expect(formatDate("2030-06-30", "zh-CN")).toBe("2030/6/30");
    expect(formatDate("2030-06-30", "en")).toBe("6/30/2030");
    expect(formatDate("2030-06-29T17:00:00Z", "zh-CN")).toBe("2030/6/30");
    expect(parseAttendees("张三,安全员\n李四\n\n王五，负责人")).toEqual([{ personName: "张三", role: "安全员" }, { personName: "李四" }, { personName: "王五", role: "负责人" }]);
  });
});

describe("transport registers", () => {
  it("pages carriers by cursor and edits one, sending only the changed fields", async () => {
    const seen: Seen = [];
    mount(
      "/transport",
      {
        HzVehicles: () => ({ transportVehicles: page("TransportVehicle", [vehicle]) }),
        HzCarrierList: (v) => ({ transportCarriers: v.after ? page("Carrier", [carrier("C2", "另一危货运输")], false, "d") : page("Carrier", [carrier("C1", "华鑫环保运输")], true, "c") }),
        HzUpdateCarrier: (v) => ok("updateCarrier", { carrier: { __typename: "Carrier", id: "C1", name: (v.input as { name: string }).name } }),
      },
      seen,
    );
    fireEvent.click(await screen.findByRole("tab", { name: zhCN.transport.carriers }));
    const table = await screen.findByTestId("hz-carriers-table");
    expect(await within(table).findByText("华鑫环保运输")).toBeTruthy();
    fireEvent.click(within(table).getByTestId("zw-next"));
    expect(await within(table).findByText("另一危货运输")).toBeTruthy();
    expect(last(seen, "HzCarrierList")!.vars.after).toBe("c");

    fireEvent.click(within(table).getAllByTestId("hz-carrier-edit")[0]!);
    const name = await screen.findByTestId("hz-carrier-name");
    expect((name as HTMLInputElement).value).toBe("另一危货运输");
    type(name, "另一危货运输（更名）");
    submit();
    await waitFor(() => expect(last(seen, "HzUpdateCarrier")).toBeTruthy());
    expect(last(seen, "HzUpdateCarrier")!.vars.input).toEqual({ id: "C2", name: "另一危货运输（更名）", districtId: "D3" });
  });

  it("takes a vehicle out of service and shows API field errors on the form", async () => {
    const seen: Seen = [];
    let calls = 0;
    mount(
      "/transport",
      {
        HzVehicles: () => ({ transportVehicles: page("TransportVehicle", [vehicle]) }),
        HzUpdateVehicle: () =>
          ++calls === 1
            ? { updateTransportVehicle: { __typename: "Payload", vehicle: null, userErrors: [{ __typename: "UserError", field: "input.loadKg", message: "载质量不合理", code: "INVALID" }] } }
            : ok("updateTransportVehicle", { vehicle: { __typename: "TransportVehicle", id: "V1", plate: "浙D12345", active: false, vehicleType: "厢式危货车", loadKg: "8000.000", terminalId: "T1" } }),
      },
      seen,
    );
    const table = await screen.findByTestId("hz-vehicles-table");
    fireEvent.click(await within(table).findByTestId("hz-vehicle-edit"));
    expect((await screen.findByTestId("hz-vehicle-edit-plate")).textContent).toBe("浙D12345");
    fireEvent.click(screen.getByTestId("hz-vehicle-active"));
    submit();
    expect(await screen.findByText("载质量不合理")).toBeTruthy();
    expect(last(seen, "HzUpdateVehicle")!.vars.input).toEqual({ id: "V1", vehicleType: "厢式危货车", loadKg: "8000.000", terminalId: "T1", active: false });
    submit();
    const listed = seen.filter((x) => x.op === "HzVehicles").length;
    await waitFor(() => expect(calls).toBe(2));
    // Saved: the list is asked again.
    await waitFor(() => expect(seen.filter((x) => x.op === "HzVehicles").length).toBeGreaterThan(listed));
  });

  it("renews a vehicle's licence with a new number and date", async () => {
    const seen: Seen = [];
    mount("/transport", { HzVehicles: () => ({ transportVehicles: page("TransportVehicle", [{ ...vehicle, licenceValid: false, licenceDaysLeft: -3 }]) }), HzRenewLicence: () => ({ renewHazardousLicence: { __typename: "OkPayload", ok: true, userErrors: [] } }) }, seen);
    const table = await screen.findByTestId("hz-vehicles-table");
    expect(await within(table).findByTestId("hz-expired")).toBeTruthy();
    fireEvent.click(within(table).getByTestId("hz-vehicle-renew"));
    expect((await screen.findByTestId("hz-renew-subject")).textContent).toBe("浙D12345");
    type(screen.getByTestId("hz-renew-number"), "330603009999");
    const date = screen.getByTestId("hz-renew-date").querySelector("input") ?? (screen.getByTestId("hz-renew-date") as HTMLInputElement);
    fireEvent.mouseDown(date);
    fireEvent.change(date, { target: { value: "2027-06-30" } });
    fireEvent.keyDown(date, { key: "Enter", code: "Enter", keyCode: 13 });
    submit();
    await waitFor(() => expect(last(seen, "HzRenewLicence")).toBeTruthy());
    expect(last(seen, "HzRenewLicence")!.vars.input).toEqual({ id: "V1", number: "330603009999", validTo: "2027-06-30" });
  });

  it("hides the write actions from a carrier's operator account", async () => {
    const seen: Seen = [];
    mount("/transport", { Me: () => me({ role: "OPERATOR", org: { __typename: "OrgRef", kind: "hazardous.carrier", id: "C1", name: "华鑫环保运输" } }), HzVehicles: () => ({ transportVehicles: page("TransportVehicle", [vehicle]) }) }, seen);
    const table = await screen.findByTestId("hz-vehicles-table");
    expect(await within(table).findByText("浙D12345")).toBeTruthy();
    expect(screen.queryByTestId("hz-vehicle-new")).toBeNull();
    expect(within(table).queryByTestId("hz-vehicle-edit")).toBeNull();
  });
});

describe("road segments and restricted roads", () => {
  it("lists segments with their kind and creates a restricted one from a typed line", async () => {
    const seen: Seen = [];
    mount(
      "/roads",
      {
        HzSegmentList: () => ({
          roadSegmentList: page("RoadSegment", [
            { id: "S1", name: "古城解放路（危货禁行）", speedLimitKmh: 30, bufferM: 25, line: [[120.58, 29.99], [120.58, 30.01]], restricted: true, active: true, updatedAt: "2026-11-01T00:00:00Z", district },
            { id: "S2", name: "工业园区主干道", speedLimitKmh: 60, bufferM: 30, line: [[120.5, 30], [120.6, 30]], restricted: false, active: true, updatedAt: "2026-11-01T00:00:00Z", district: null },
          ]),
        }),
        HzCreateSegment: () => ok("createRoadSegment", { segment: { __typename: "RoadSegment", id: "S3", name: "x" } }),
      },
      seen,
    );
    const table = await screen.findByTestId("hz-segments-table");
    expect(await within(table).findByText("古城解放路（危货禁行）")).toBeTruthy();
    expect(within(table).getAllByTestId("hz-segment-restricted")).toHaveLength(1);
    expect(last(seen, "HzSegmentList")!.vars.filter).toEqual({ active: true });

    fireEvent.click(screen.getByTestId("hz-segment-new"));
    type(await screen.findByTestId("hz-segment-name"), "鲁迅中路（危货禁行）");
    fireEvent.click(screen.getByTestId("hz-segment-restricted-switch"));
    type(screen.getByTestId("hz-segment-line"), "120.5806,29.9905\nnot a point");
    submit();
    expect(await screen.findByText(zhCN.roads.lineInvalid)).toBeTruthy();
    expect(last(seen, "HzCreateSegment")).toBeUndefined();
    type(screen.getByTestId("hz-segment-line"), "120.5806,29.9905\n120.5812,30.0021");
    submit();
    await waitFor(() => expect(last(seen, "HzCreateSegment")).toBeTruthy());
    expect(last(seen, "HzCreateSegment")!.vars.input).toEqual({ name: "鲁迅中路（危货禁行）", speedLimitKmh: 60, bufferM: 30, restricted: true, line: [[120.5806, 29.9905], [120.5812, 30.0021]] });
  });
});

describe("rule settings", () => {
  const settings = { hazardousRuleSettings: { __typename: "HazardousRuleSettings", discrepancyTolerancePct: "5.00", offRouteMetres: 500, licenceWarnDays: 30, overspeedToleranceKmh: 0 } };

  it("lets city staff change the thresholds", async () => {
    const seen: Seen = [];
    mount("/rules", { HzRuleSettings: () => settings, HzUpdateRuleSettings: (v) => ({ updateHazardousRuleSettings: { __typename: "Payload", settings: { ...settings.hazardousRuleSettings, ...(v.input as object) }, userErrors: [] } }) }, seen);
    const tol = await screen.findByTestId("hz-rule-tolerance");
    expect((tol.querySelector("input") ?? (tol as HTMLInputElement)).value).toBe("5.00");
    type(tol, "2.5");
    submit();
    await waitFor(() => expect(last(seen, "HzUpdateRuleSettings")).toBeTruthy());
    expect(last(seen, "HzUpdateRuleSettings")!.vars.input).toMatchObject({ discrepancyTolerancePct: "2.5", offRouteMetres: 500, licenceWarnDays: 30, overspeedToleranceKmh: 0 });
  });

  it("shows district staff the values read-only", async () => {
    const seen: Seen = [];
    mount("/rules", { Me: () => me({ district: { __typename: "District", id: "D3", nameZh: "柯桥区", nameEn: "Keqiao" } }), HzRuleSettings: () => settings }, seen);
    expect((await screen.findByTestId("hz-rules-view")).textContent).toContain("500 m");
    expect(screen.queryByTestId("hz-rule-tolerance")).toBeNull();
  });
});

describe("training records and contracts", () => {
  it("records a training session with listed and pasted attendees", async () => {
    const seen: Seen = [];
    mount(
      "/census",
      {
        HzTraining: () => ({ trainingSessions: page("TrainingSession", []) }),
        HzInspections: () => ({ hazardousInspections: page("Inspection", []) }),
        HzUnits: () => ({ hazardousUnits: page("HazardousUnit", []) }),
        HzRecordTraining: () => ok("recordTrainingSession", { session: { __typename: "TrainingSession", id: "T1", title: "t", attendeeCount: 3 } }),
      },
      seen,
    );
    fireEvent.click(await screen.findByTestId("hz-training-new"));
    type(await screen.findByTestId("hz-training-title"), "柯桥区危废规范化管理培训");
    type(screen.getByTestId("hz-attendee-0"), "张三");
    type(screen.getByTestId("hz-training-bulk"), "李四,安全员\n王五");
    const date = screen.getByTestId("hz-training-date").querySelector("input") ?? (screen.getByTestId("hz-training-date") as HTMLInputElement);
    fireEvent.mouseDown(date);
    fireEvent.change(date, { target: { value: "2026-11-20" } });
    fireEvent.keyDown(date, { key: "Enter", code: "Enter", keyCode: 13 });
    // District: pick Keqiao (city staff choose).
    const sel = screen.getByTestId("hz-training-district");
    fireEvent.mouseDown(sel.querySelector(".ant-select-selector") ?? sel);
    fireEvent.click(await screen.findByTitle("柯桥区"));
    submit();
    await waitFor(() => expect(last(seen, "HzRecordTraining")).toBeTruthy());
    expect(last(seen, "HzRecordTraining")!.vars.input).toEqual({
      title: "柯桥区危废规范化管理培训",
      districtId: "D3",
      heldOn: "2026-11-20",
      attendees: [{ personName: "张三" }, { personName: "李四", role: "安全员" }, { personName: "王五" }],
    });
  });

  it("terminates a contract from the contract list", async () => {
    const seen: Seen = [];
    const contract = { id: "K1", unitType: "LABORATORY", signedOn: "2026-01-01", validTo: "2028-12-31", terminatedOn: null, unit: { __typename: "HazardousUnit", id: "U1", name: "测试检测实验室" }, operator: { __typename: "CollectionOperator", id: "O1", name: "绍兴小微收运" } };
    mount(
      "/collection",
      {
        HzCollectionStats: () => ({ collectionStatistics: { __typename: "CollectionStatistics", rows: [], totals: [] }, collectionOperators: [] }),
        HzRuns: () => ({ collectionRuns: page("CollectionRun", []) }),
        HzContracts: () => ({ collectionContracts: page("CollectionContract", [contract]) }),
        HzTerminateContract: () => ({ terminateCollectionContract: { __typename: "Payload", contract: null, userErrors: [{ __typename: "UserError", field: "input.terminatedOn", message: "已有 2 次收运在终止日之后", code: "HAS_COLLECTIONS" }] } }),
      },
      seen,
    );
    fireEvent.click(await screen.findByRole("tab", { name: zhCN.collection.contractList }));
    const table = await screen.findByTestId("hz-contracts-table");
    fireEvent.click(await within(table).findByTestId("hz-contract-terminate"));
    const date = (await screen.findByTestId("hz-contract-term-date")).querySelector("input") ?? (screen.getByTestId("hz-contract-term-date") as HTMLInputElement);
    fireEvent.mouseDown(date);
    fireEvent.change(date, { target: { value: "2026-11-01" } });
    fireEvent.keyDown(date, { key: "Enter", code: "Enter", keyCode: 13 });
    submit();
    expect(await screen.findByText("已有 2 次收运在终止日之后")).toBeTruthy();
    expect(last(seen, "HzTerminateContract")!.vars.input).toEqual({ id: "K1", terminatedOn: "2026-11-01" });
  });
});

describe("unit register (dynamic list)", () => {
  it("lists units on the list by default and takes one off it, sending only what changed", async () => {
    const seen: Seen = [];
    const unit = { id: "U1", name: "绍兴宏达印染有限公司", creditCode: "91330603MA2BXXXX1X", kind: "ENTERPRISE", smallMicro: true, industry: "印染", address: "柯桥区", contact: "王伟", phone: "13800000000", annualGenerationT: "12.500", registeredOn: "2026-01-01", censusCheckedOn: null, active: true, lon: 120.5, lat: 30, district };
    mount(
      "/units",
      {
        HzUnits: () => ({ hazardousUnits: page("HazardousUnit", [unit]) }),
        HzUnitDetail: () => ({ node: { __typename: "HazardousUnit", id: "U1", name: unit.name, openHazards: 2 } }),
        HzUpdateUnit: () => ok("updateHazardousUnit", { unit: { __typename: "HazardousUnit", id: "U1", name: unit.name, active: false } }),
      },
      seen,
    );
    const table = await screen.findByTestId("hz-units-table");
    fireEvent.click(await within(table).findByText(unit.name));
    expect(last(seen, "HzUnits")!.vars.filter).toMatchObject({ active: true });
    fireEvent.click(await screen.findByTestId("hz-unit-edit"));
    fireEvent.click(await screen.findByTestId("hz-unit-edit-active"));
    type(screen.getByTestId("hz-unit-edit-name"), "绍兴宏达印染有限公司（停产）");
    const listed = seen.filter((x) => x.op === "HzUnits").length;
    submit();
    await waitFor(() => expect(last(seen, "HzUpdateUnit")).toBeTruthy());
    expect(last(seen, "HzUpdateUnit")!.vars.input).toEqual({ id: "U1", name: "绍兴宏达印染有限公司（停产）", active: false });
    await waitFor(() => expect(seen.filter((x) => x.op === "HzUnits").length).toBeGreaterThan(listed));
  });
});
