import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { registerMessages } from "@zw/ui";
import { MemoryRouter } from "react-router";
import { Observable } from "rxjs";
import { afterEach, describe, expect, it } from "vitest";
import en from "./i18n/en.json";
import zhCN from "./i18n/zh-CN.json";
import { NS } from "./module.js";
import { ModuleRoutes } from "./routes.js";

afterEach(() => cleanup());

const card = {
  __typename: "ResidentCard",
  id: "C1",
  cardNo: "SX0200000001",
  householdCode: "HH1",
  holderName: "王伟",
  address: "越城区",
  status: "ACTIVE",
  balance: 1234,
  earnedTotal: 5000,
  redeemedTotal: 3000,
  expiredTotal: 766,
  adjustedTotal: 0,
  issuedAt: "2026-01-01T00:00:00Z",
  lastActivityAt: "2026-11-01T00:00:00Z",
  district: { __typename: "District", id: "D1", nameZh: "越城区", nameEn: "Yuecheng" },
  station: { __typename: "RecyclingStation", id: "S1", name: "府山回收服务站" },
};

function client(seen: { op: string; vars: Record<string, unknown> }[]) {
  const link = new ApolloLink((op) => {
    seen.push({ op: op.operationName ?? "", vars: op.variables as Record<string, unknown> });
    return new Observable((o) => {
      const reply: Record<string, unknown> = {
        Me: { me: { __typename: "Viewer", user: null, role: "STAFF", department: null, district: null, org: null, modules: [{ __typename: "ModuleAccess", key: "recycling", read: true, write: true }] } },
        RecyclingReference: { districts: [], departments: [], recyclingMaterials: [] },
        RecyclingCardLookup: { residentCard: { ...card, expiringSoon: 200, lots: [{ __typename: "PointsLot", earnedOn: "2026-10-01", expiresOn: "2027-03-30", earned: 800, remaining: 634 }] } },
        RecyclingCardLedger: {
          residentCard: {
            __typename: "ResidentCard",
            id: "C1",
            ledger: {
              __typename: "PointsLedgerEntryConnection",
              totalCount: 2,
              pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: "b" },
              edges: [
                { __typename: "PointsLedgerEntryEdge", cursor: "a", node: { __typename: "PointsLedgerEntry", id: "L2", kind: "REDEEM", points: -500, balanceAfter: 1234, at: "2026-11-02T00:00:00Z", reason: null, actor: "key:t", lotOn: null, weighing: null, redemption: { __typename: "PointsRedemption", id: "R1", goods: "食用油", yuanValue: "5.00", merchant: { __typename: "RecyclingMerchant", name: "联华超市" } } } },
                { __typename: "PointsLedgerEntryEdge", cursor: "b", node: { __typename: "PointsLedgerEntry", id: "L1", kind: "EARN", points: 800, balanceAfter: 1734, at: "2026-10-01T00:00:00Z", reason: null, actor: "key:d", lotOn: null, weighing: { __typename: "WeighingRecord", id: "W1", weightGrams: 10000, material: { __typename: "RecyclingMaterial", nameZh: "黄板纸", nameEn: "Cardboard" }, station: { __typename: "RecyclingStation", name: "府山回收服务站" } }, redemption: null } },
              ],
            },
          },
        },
      };
      o.next({ data: reply[op.operationName ?? ""] ?? {} });
      o.complete();
    });
  });
  return new ApolloClient({ link, cache: new InMemoryCache() });
}

describe("card lookup", () => {
  it("finds a card by number and shows its balance, lots and statement with every movement", async () => {
    registerMessages(NS, { "zh-CN": zhCN, en });
    const seen: { op: string; vars: Record<string, unknown> }[] = [];
    render(
      <ApolloProvider client={client(seen)}>
        <MemoryRouter initialEntries={["/cards"]}>
          <ModuleRoutes />
        </MemoryRouter>
      </ApolloProvider>,
    );
    const input = (await screen.findByTestId("rec-card-search")).querySelector("input")!;
    fireEvent.change(input, { target: { value: " sx0200000001 " } });
    fireEvent.keyDown(input, { key: "Enter", code: "Enter", keyCode: 13 });
    expect(await screen.findByText("王伟")).toBeTruthy();
    expect(screen.getByTestId("rec-card-balance").textContent).toContain("1,234");
    expect(await screen.findByText("-500")).toBeTruthy();
    expect(screen.getByText("+800")).toBeTruthy();
    expect(screen.getByText(/联华超市 · 食用油/)).toBeTruthy();
    expect(screen.getByTestId("rec-card-lots").textContent).toContain("634 / 800");
    const lookup = seen.find((s) => s.op === "RecyclingCardLookup");
    expect(lookup?.vars).toEqual({ cardNo: "SX0200000001", withStatement: true });
  });
});
