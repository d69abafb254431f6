/**
 * The module's forms against a mocked API: what each sends, client-side checks that stop a bad request,
 * server errors landing on the named field, and the alert → case and case actions.
 */
import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { registerMessages } from "@zw/ui";
import { App as AntApp } from "antd";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { Observable } from "rxjs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import en from "./i18n/en.json";
import zhCN from "./i18n/zh-CN.json";
import { NS } from "./module.js";
import { AlertActions } from "./pages/AlertsPage.js";
import { CaseActions } from "./pages/CasesPage.js";
import { AddCarrier } from "./pages/forms/AddCarrier.js";
import { CompanyForm } from "./pages/forms/CompanyForm.js";
import { PlaceForm } from "./pages/forms/PlaceForm.js";
import { VehicleForm } from "./pages/forms/VehicleForm.js";
import { PickupAdvanceForm } from "./pages/PickupsPage.js";
import { ModuleRoutes } from "./routes.js";
import { VisitForm } from "./pages/VisitsPage.js";

beforeAll(() => {
  registerMessages(NS, { "zh-CN": zhCN, en });
  configure({ asyncUtilTimeout: 5000 });
});
afterEach(() => cleanup());

type Call = { op: string; vars: Record<string, any> };
type Replies = Record<string, (vars: Record<string, any>) => unknown>;
const ME = { me: { __typename: "Viewer", user: null, role: "STAFF", department: null, district: null, org: null, modules: [{ __typename: "ModuleAccess", key: "construction", read: true, write: true }] } };
const ERR = { __typename: "UserError" };

function setup(replies: Replies, ui: ReactNode, path = "/") {
  const calls: Call[] = [];
  const link = new ApolloLink((op) => {
    const call = { op: op.operationName ?? "", vars: op.variables as Record<string, any> };
    calls.push(call);
    return new Observable((o) => {
      const r = replies[call.op];
      o.next({ data: (r ? r(call.vars) : call.op === "Me" ? ME : call.op === "ConstructionReference" ? { districts: [], departments: [] } : {}) as Record<string, unknown> });
      o.complete();
    });
  });
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  render(
    <ApolloProvider client={client}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
      </AntApp>
    </ApolloProvider>,
  );
  return { calls, of: (op: string) => calls.filter((c) => c.op === op) };
}

const type = (testId: string, value: string) => {
  const el = screen.getByTestId(testId);
  const input = (el.tagName === "INPUT" || el.tagName === "TEXTAREA" ? el : el.querySelector("input, textarea")) as HTMLInputElement;
  fireEvent.change(input, { target: { value } });
};
const submit = (root: HTMLElement | Document = document) => fireEvent.submit((root as HTMLElement).querySelector?.("[data-testid=zw-api-form]") ?? screen.getByTestId("zw-api-form"));

describe("company form", () => {
  const payload = (errors: unknown[] = []) => ({ __typename: "TransportCompanyPayload", company: null, userErrors: errors });

  it("registers a company with an upper-cased credit code in the chosen district", async () => {
    const done = vi.fn();
    const m = setup({ CwCreateCompany: () => ({ createTransportCompany: payload() }) }, <CompanyForm initial={{ districtId: "RGlzdHJpY3Q6MzMwNjAy" }} onDone={done} />);
    type("cw-company-name", "越城安达运输有限公司");
    type("cw-company-creditCode", "91330602ma2b3c4d5x");
    type("cw-company-qualificationNo", "ZTYS-001");
    type("cw-company-validFrom", "2026-01-01");
    type("cw-company-validTo", "2028-12-31");
    submit();
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(m.of("CwCreateCompany")[0]!.vars.input).toEqual({
      name: "越城安达运输有限公司",
      creditCode: "91330602MA2B3C4D5X",
      districtId: "RGlzdHJpY3Q6MzMwNjAy",
      qualificationNo: "ZTYS-001",
      qualificationValidFrom: "2026-01-01",
      qualificationValidTo: "2028-12-31",
      crossDistrict: false,
    });
  });

  it("does not send a short credit code, and shows the server's error on its field", async () => {
    const done = vi.fn();
    const m = setup(
      { CwCreateCompany: () => ({ createTransportCompany: payload([{ ...ERR, field: "input.qualificationValidTo", message: "Qualification must end after it starts", code: "INVALID_PERIOD" }]) }) },
      <CompanyForm initial={{ districtId: "D", name: "某运输公司", qualificationNo: "Q", qualificationValidFrom: "2026-05-01", qualificationValidTo: "2026-01-01" }} onDone={done} />,
    );
    type("cw-company-creditCode", "123");
    submit();
    expect(await screen.findByText(zhCN.form.creditCode)).toBeTruthy();
    expect(m.of("CwCreateCompany")).toHaveLength(0);
    type("cw-company-creditCode", "91330602MA2B3C4D5X");
    submit();
    expect(await screen.findByText("Qualification must end after it starts")).toBeTruthy();
    expect(m.of("CwCreateCompany")).toHaveLength(1);
    expect(done).not.toHaveBeenCalled();
  });

  it("edits a company by id without its credit code or district", async () => {
    const done = vi.fn();
    const m = setup({ CwUpdateCompany: () => ({ updateTransportCompany: payload() }) }, <CompanyForm companyId="Q29tcGFueTox" initial={{ name: "甲公司", qualificationNo: "Q-1", qualificationValidFrom: "2025-01-01", qualificationValidTo: "2027-01-01", contactPhone: "13900000000" }} onDone={done} />);
    expect(screen.queryByTestId("cw-company-creditCode")).toBeNull();
    type("cw-company-validTo", "2029-06-30");
    submit();
    await waitFor(() => expect(done).toHaveBeenCalled());
    const input = m.of("CwUpdateCompany")[0]!.vars.input;
    expect(input).toMatchObject({ id: "Q29tcGFueTox", name: "甲公司", qualificationValidTo: "2029-06-30", contactPhone: "13900000000" });
    expect(input.creditCode).toBeUndefined();
    expect(input.districtId).toBeUndefined();
  });
});

describe("vehicle form", () => {
  const payload = (errors: unknown[] = []) => ({ registerSpoilVehicle: { __typename: "VehiclePayload", vehicle: null, userErrors: errors } });

  it("refuses a plate that is not GA 36 before sending, and normalises a good one", async () => {
    const done = vi.fn();
    const m = setup({ CwRegisterVehicle: () => payload(), CwCompanyOptions: () => ({ transportCompanies: { __typename: "TransportCompanyConnection", edges: [] } }) }, <VehicleForm initial={{ companyId: "Q286MQ==", loadM3: 22.5 }} onDone={done} />);
    type("cw-vehicle-plate-input", "浙DIO123");
    submit();
    expect(await screen.findByText(zhCN.form.plate)).toBeTruthy();
    expect(m.of("CwRegisterVehicle")).toHaveLength(0);
    type("cw-vehicle-plate-input", "浙d 7k301");
    type("cw-vehicle-terminal", "GT-7K301");
    submit();
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(m.of("CwRegisterVehicle")[0]!.vars.input).toEqual({ plate: "浙D7K301", companyId: "Q286MQ==", kind: "DUMP_TRUCK", loadM3: "22.5", terminalId: "GT-7K301", standardCompliant: true });
  });

  it("shows a duplicate plate from the server on the plate field", async () => {
    setup({ CwRegisterVehicle: () => payload([{ ...ERR, field: "input.plate", message: "Plate 浙D7K301 is already registered", code: "DUPLICATE" }]), CwCompanyOptions: () => ({ transportCompanies: { __typename: "TransportCompanyConnection", edges: [] } }) }, <VehicleForm initial={{ companyId: "C", loadM3: 18, plate: "浙D7K301" }} onDone={() => {}} />);
    submit();
    const msg = await screen.findByText("Plate 浙D7K301 is already registered");
    expect(msg.closest(".ant-form-item")?.querySelector("[data-testid=cw-vehicle-plate-input]")).toBeTruthy();
  });

  it("changes load, terminal, standard and status of a registered vehicle", async () => {
    const done = vi.fn();
    const m = setup({ CwUpdateVehicle: () => ({ updateSpoilVehicle: { __typename: "VehiclePayload", vehicle: null, userErrors: [] } }) }, <VehicleForm vehicleId="VmVoaWNsZTo5" initial={{ loadM3: 18, terminalId: "T-0001", standardCompliant: true, status: "ACTIVE" }} onDone={done} />);
    expect(screen.queryByTestId("cw-vehicle-plate-input")).toBeNull();
    type("cw-vehicle-terminal", "");
    fireEvent.click(screen.getByTestId("cw-vehicle-standard"));
    submit();
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(m.of("CwUpdateVehicle")[0]!.vars.input).toEqual({ id: "VmVoaWNsZTo5", loadM3: "18", terminalId: null, standardCompliant: false, status: "ACTIVE" });
  });
});

describe("disposal place form", () => {
  it("checks the geofence is JSON, then registers the place with exact decimal strings", async () => {
    const done = vi.fn();
    const m = setup({ CwCreatePlace: () => ({ createDisposalPlace: { __typename: "DisposalPlacePayload", place: null, userErrors: [] } }) }, <PlaceForm initial={{ districtId: "D2", kind: "GREEN_COMPLEX", capacityBasis: "ANNUAL", capacityUnit: "T", capacity: "182500", dailyCapacity: "500" }} onDone={done} />);
    type("cw-place-name", "上虞绿色综合体");
    type("cw-place-openFrom", "2024-06-01");
    type("cw-place-geofence", "[[[120.8, 30.0]");
    submit();
    expect(await screen.findByText(zhCN.form.json, {}, { timeout: 5000 })).toBeTruthy();
    expect(m.of("CwCreatePlace")).toHaveLength(0);
    type("cw-place-geofence", "");
    submit();
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(m.of("CwCreatePlace")[0]!.vars.input).toMatchObject({ name: "上虞绿色综合体", kind: "GREEN_COMPLEX", districtId: "D2", capacityBasis: "ANNUAL", capacity: "182500", capacityUnit: "T", dailyCapacity: "500", alertThresholdPct: 90, openFrom: "2024-06-01", lon: 120.58, lat: 30 });
  });

  it("edits capacity, threshold and status only", async () => {
    const done = vi.fn();
    const m = setup({ CwUpdatePlace: () => ({ updateDisposalPlace: { __typename: "DisposalPlacePayload", place: null, userErrors: [] } }) }, <PlaceForm placeId="UDox" initial={{ capacity: "1000.00", dailyCapacity: null, alertThresholdPct: 90, status: "OPEN" }} onDone={done} />);
    expect(screen.queryByTestId("cw-place-name")).toBeNull();
    submit();
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(m.of("CwUpdatePlace")[0]!.vars.input).toEqual({ id: "UDox", capacity: "1000.00", dailyCapacity: null, alertThresholdPct: 90, status: "OPEN" });
  });
});

describe("service visit form", () => {
  it("records a visit with the problems raised", async () => {
    const done = vi.fn();
    const m = setup(
      { CwRecordVisit: () => ({ recordServiceVisit: { __typename: "ServiceVisitPayload", visit: { __typename: "ServiceVisit", id: "V1" }, userErrors: [] } }), CwCompanyOptions: () => ({ transportCompanies: { __typename: "TransportCompanyConnection", edges: [] } }) },
      <VisitForm initial={{ companyId: "C1", visitedAt: "2026-03-02T09:30" }} onDone={done} />,
    );
    type("cw-visit-visitor", "住建局 王");
    type("cw-visit-summary", "走访了解运输需求");
    fireEvent.click(screen.getByTestId("cw-visit-add-problem"));
    type("cw-visit-problem-0", "消纳场太远");
    submit();
    await waitFor(() => expect(done).toHaveBeenCalled());
    const input = m.of("CwRecordVisit")[0]!.vars.input;
    expect(input).toEqual({ companyId: "C1", visitedAt: new Date("2026-03-02T09:30").toISOString(), visitor: "住建局 王", summary: "走访了解运输需求", problems: [{ category: "OTHER", description: "消纳场太远" }] });
  });

  it("lists visits and marks a problem solved", async () => {
    const visit = {
      __typename: "ServiceVisit",
      id: "V1",
      visitedAt: "2026-03-02T01:30:00Z",
      visitor: "住建局 王",
      summary: "走访",
      company: { __typename: "TransportCompany", id: "C1", name: "越城安达运输" },
      problems: [{ __typename: "ServiceProblem", id: "P1", category: "ROUTE", description: "路线绕行", status: "OPEN", solution: null, solvedAt: null }],
    };
    const m = setup(
      {
        Me: () => ME,
        CwServiceStats: () => ({ serviceStatistics: { __typename: "ServiceStats", visits: 230, problems: 150, solved: 136 } }),
        CwVisits: () => ({ serviceVisits: { __typename: "ServiceVisitConnection", totalCount: 1, pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: "a" }, edges: [{ __typename: "ServiceVisitEdge", cursor: "a", node: visit }] } }),
        CwSolveProblem: (v) => ({ solveServiceProblem: { __typename: "ServiceProblemPayload", problem: { __typename: "ServiceProblem", id: v.id, status: "SOLVED", solution: v.solution, solvedAt: "2026-03-03T00:00:00Z" }, userErrors: [] } }),
      },
      <ModuleRoutes />,
      "/visits",
    );
    expect(await screen.findByText("越城安达运输")).toBeTruthy();
    expect(screen.getByTestId("cw-visit-stats").textContent).toContain("136");
    fireEvent.click(screen.getByText("越城安达运输"));
    const solve = await screen.findByTestId("cw-problem-solve-P1");
    fireEvent.change(solve.querySelector("input")!, { target: { value: "协调就近消纳场" } });
    fireEvent.click(within(solve).getByRole("button"));
    await waitFor(() => expect(m.of("CwSolveProblem")).toHaveLength(1));
    expect(m.of("CwSolveProblem")[0]!.vars).toEqual({ id: "P1", solution: "协调就近消纳场" });
    expect(await screen.findByText(/协调就近消纳场（/)).toBeTruthy();
  });
});

describe("pickup actions", () => {
  const reply = () => ({ advanceBulkyPickup: { __typename: "BulkyPickupRequestPayload", pickup: null, userErrors: [] } });
  it("schedules with a time and a crew, or cancels with a reason", async () => {
    const done = vi.fn();
    const m = setup({ CwAdvancePickup: reply }, <PickupAdvanceForm pickupId="PK1" actions={["schedule", "cancel"]} onDone={done} />);
    type("cw-pickup-scheduledFor", "2026-12-01T09:00");
    type("cw-pickup-crew", "上虞清运一队");
    submit();
    await waitFor(() => expect(done).toHaveBeenCalledTimes(1));
    expect(m.of("CwAdvancePickup")[0]!.vars.input).toEqual({ id: "PK1", action: "schedule", scheduledFor: new Date("2026-12-01T09:00").toISOString(), crew: "上虞清运一队" });
    fireEvent.click(screen.getByTestId("cw-pickup-action-cancel"));
    submit();
    expect(await screen.findByText(zhCN.form.required)).toBeTruthy();
    expect(m.of("CwAdvancePickup")).toHaveLength(1);
    type("cw-pickup-reason", "居民取消");
    submit();
    await waitFor(() => expect(m.of("CwAdvancePickup")).toHaveLength(2));
    expect(m.of("CwAdvancePickup")[1]!.vars.input).toEqual({ id: "PK1", action: "cancel", reason: "居民取消" });
  });

  it("collects with the weighed kilograms and shows a server refusal", async () => {
    const m = setup({ CwAdvancePickup: () => ({ advanceBulkyPickup: { __typename: "BulkyPickupRequestPayload", pickup: null, userErrors: [{ ...ERR, field: "input.weightKg", message: "Collected weight: 1–50,000 kg", code: "INVALID_VALUE" }] } }) }, <PickupAdvanceForm pickupId="PK2" actions={["collect"]} onDone={() => {}} />);
    type("cw-pickup-weight", "640");
    submit();
    expect(await screen.findByText("Collected weight: 1–50,000 kg")).toBeTruthy();
    expect(m.of("CwAdvancePickup")[0]!.vars.input).toEqual({ id: "PK2", action: "collect", weightKg: 640 });
  });
});

describe("alert → case", () => {
  const violations = [
    { __typename: "ViolationTypeInfo", code: "ILLEGAL_DUMPING", labelZh: "乱倒乱卸（偷倒）", labelEn: "Illegal dumping", deduction: 20 },
    { __typename: "ViolationTypeInfo", code: "OTHER", labelZh: "其他违规", labelEn: "Other violation", deduction: 2 },
  ];
  function alertApi(subjectType = "Vehicle") {
    const alert = { __typename: "Alert", id: "A1", rule: "SUSPECTED_DUMPING", status: "OPEN", disposition: null as string | null, subjectType, case: null as null | Record<string, unknown> };
    return {
      alert,
      replies: {
        CwAlertState: () => ({ node: { ...alert }, creditRules: { __typename: "CreditRules", violations } }),
        CwTransitionAlert: (v: Record<string, any>) => {
          alert.status = v.action === "acknowledge" ? "ACKNOWLEDGED" : v.action === "close" ? "CLOSED" : "OPEN";
          alert.disposition = v.disposition ?? null;
          return { transitionAlert: { __typename: "AlertPayload", alert: { __typename: "Alert", id: "A1", status: alert.status, disposition: alert.disposition }, userErrors: [] } };
        },
        CwOpenCaseFromAlert: () => {
          alert.case = { __typename: "Case", id: "K1", number: "ZT2026-000123", status: "OPEN" };
          return { openSpoilCase: { __typename: "CasePayload", case: { __typename: "Case", id: "K1", number: "ZT2026-000123", status: "OPEN", violationType: "ILLEGAL_DUMPING", subjectLabel: "浙D12345" }, userErrors: [] } };
        },
        CwCompanyOptions: () => ({ transportCompanies: { __typename: "TransportCompanyConnection", edges: [] } }),
      } as Replies,
    };
  }

  it("acknowledges, refuses to close without a disposition, and opens a case whose subject the API takes from the alert", async () => {
    const api = alertApi();
    const changed = vi.fn();
    const m = setup(api.replies, <AlertActions alert={{ id: "A1", rule: "SUSPECTED_DUMPING", subjectType: "Vehicle" }} onChanged={changed} />);
    fireEvent.click(await screen.findByTestId("cw-alert-acknowledge"));
    await waitFor(() => expect(m.of("CwTransitionAlert")).toHaveLength(1));
    expect(m.of("CwTransitionAlert")[0]!.vars).toMatchObject({ id: "A1", action: "acknowledge" });
    expect(await screen.findByTestId("cw-alert-reopen")).toBeTruthy();
    expect(changed).toHaveBeenCalledWith({ status: "ACKNOWLEDGED", disposition: null });
    fireEvent.click(within(screen.getByTestId("cw-alert-close")).getByRole("button"));
    await new Promise((r) => setTimeout(r, 50));
    expect(m.of("CwTransitionAlert")).toHaveLength(1);

    fireEvent.click(screen.getByTestId("cw-alert-to-case"));
    expect(await screen.findByText("乱倒乱卸（偷倒）（-20）")).toBeTruthy();
    expect(screen.queryByTestId("cw-case-company")).toBeNull();
    type("cw-case-fine", "20000");
    submit();
    await waitFor(() => expect(m.of("CwOpenCaseFromAlert")).toHaveLength(1));
    expect(m.of("CwOpenCaseFromAlert")[0]!.vars.input).toEqual({ source: "ALERT", alertId: "A1", violationType: "ILLEGAL_DUMPING", fineYuan: "20000" });
    expect((await screen.findByTestId("cw-alert-case")).textContent).toContain("ZT2026-000123");
    expect(screen.queryByTestId("cw-alert-to-case")).toBeNull();
  });

  it("closes an alert with its disposition", async () => {
    const api = alertApi();
    const m = setup(api.replies, <AlertActions alert={{ id: "A1", rule: "SUSPECTED_DUMPING", subjectType: "Vehicle" }} />);
    const close = await screen.findByTestId("cw-alert-close");
    fireEvent.change(close.querySelector("input")!, { target: { value: "现场核查为正常停车" } });
    fireEvent.click(within(close).getByRole("button"));
    await waitFor(() => expect(m.of("CwTransitionAlert")).toHaveLength(1));
    expect(m.of("CwTransitionAlert")[0]!.vars).toEqual({ id: "A1", action: "close", disposition: "现场核查为正常停车" });
    expect(await screen.findByText(/现场核查为正常停车/)).toBeTruthy();
  });

  it("asks for the company when the alert names no vehicle (a disposal place over capacity)", async () => {
    const api = alertApi("DisposalPlace");
    const m = setup(api.replies, <AlertActions alert={{ id: "A1", rule: "DISPOSAL_CAPACITY", subjectType: "DisposalPlace" }} />);
    fireEvent.click(await screen.findByTestId("cw-alert-to-case"));
    expect(await screen.findByTestId("cw-case-company")).toBeTruthy();
    submit();
    expect(await screen.findByText(zhCN.form.required)).toBeTruthy();
    expect(m.of("CwOpenCaseFromAlert")).toHaveLength(0);
  });
});

describe("case actions", () => {
  function caseApi(status: string) {
    const c = { __typename: "Case", id: "K1", status, fineYuan: "0.00", decidedAt: null, closedAt: null };
    return {
      CwCaseState: () => ({ node: { ...c } }),
      CwAdvanceCase: (v: Record<string, any>) => {
        c.status = { INVESTIGATE: "INVESTIGATING", DECIDE: "DECIDED", CLOSE: "CLOSED" }[v.input.action as string]!;
        if (v.input.fineYuan) c.fineYuan = v.input.fineYuan;
        return { advanceCase: { __typename: "CasePayload", case: { ...c }, userErrors: [] } };
      },
    } as Replies;
  }

  it("decides with the fine, then closes", async () => {
    const changed = vi.fn();
    const m = setup(caseApi("INVESTIGATING"), <CaseActions kase={{ id: "K1" }} onChanged={changed} />);
    expect(await screen.findByTestId("cw-case-action-DECIDE")).toBeTruthy();
    expect(screen.queryByTestId("cw-case-action-INVESTIGATE")).toBeNull();
    type("cw-case-decide-fine", "20000.50");
    submit();
    await waitFor(() => expect(m.of("CwAdvanceCase")).toHaveLength(1));
    expect(m.of("CwAdvanceCase")[0]!.vars.input).toEqual({ id: "K1", action: "DECIDE", fineYuan: "20000.50" });
    expect(await screen.findByTestId("cw-case-action-CLOSE")).toBeTruthy();
    expect(screen.getByText(zhCN.cases.closeHint)).toBeTruthy();
    submit();
    await waitFor(() => expect(m.of("CwAdvanceCase")).toHaveLength(2));
    expect(m.of("CwAdvanceCase")[1]!.vars.input).toEqual({ id: "K1", action: "CLOSE" });
    await waitFor(() => expect(screen.getByTestId("cw-case-status").textContent).toBe(zhCN.caseStatus.CLOSED));
    expect(screen.queryByTestId("zw-api-form")).toBeNull();
    // The drawer's details above follow (status and fine), and the list reloads.
    expect(changed.mock.calls.map((c) => c[0])).toEqual([
      { status: "DECIDED", fineYuan: "20000.50", decidedAt: null, closedAt: null },
      { status: "CLOSED", fineYuan: "20000.50", decidedAt: null, closedAt: null },
    ]);
  });

  it("refuses a fine that is not an amount in yuan", async () => {
    const m = setup(caseApi("OPEN"), <CaseActions kase={{ id: "K1" }} />);
    fireEvent.click(await screen.findByTestId("cw-case-action-DECIDE"));
    type("cw-case-decide-fine", "2万");
    submit();
    expect(await screen.findByText(zhCN.form.amount)).toBeTruthy();
    expect(m.of("CwAdvanceCase")).toHaveLength(0);
  });
});

describe("site carriers", () => {
  it("adds a chosen company (not one already serving) as the site's carrier", async () => {
    const done = vi.fn();
    const edges = [
      { __typename: "TransportCompanyEdge", node: { __typename: "TransportCompany", id: "C1", name: "已承运公司", qualificationStatus: "VALID" } },
      { __typename: "TransportCompanyEdge", node: { __typename: "TransportCompany", id: "C2", name: "新承运公司", qualificationStatus: "VALID" } },
    ];
    const m = setup(
      {
        CwCompanyOptions: () => ({ transportCompanies: { __typename: "TransportCompanyConnection", edges } }),
        CwAddSiteCarrier: (v) => ({ addSiteCarrier: { __typename: "ExcavationSitePayload", site: { __typename: "ExcavationSite", id: v.siteId, carriers: [{ __typename: "TransportCompany", id: "C2", name: "新承运公司" }] }, userErrors: [] } }),
      },
      <AddCarrier siteId="S1" exclude={["C1"]} onDone={done} />,
    );
    expect((screen.getByTestId("cw-site-carrier-add") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.mouseDown(screen.getByTestId("cw-site-add-carrier").querySelector(".ant-select")!);
    const option = await screen.findByText("新承运公司", { selector: ".ant-select-item-option-content" });
    expect(screen.queryByText("已承运公司", { selector: ".ant-select-item-option-content" })).toBeNull();
    fireEvent.click(option);
    fireEvent.click(screen.getByTestId("cw-site-carrier-add"));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(m.of("CwAddSiteCarrier")[0]!.vars).toEqual({ siteId: "S1", companyId: "C2" });
  });
});
