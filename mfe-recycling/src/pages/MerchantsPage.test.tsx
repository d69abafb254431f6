import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { D1, page, renderAt, viewer } from "../test-client.js";

afterEach(() => cleanup());

const district = { __typename: "District", id: "D1", nameZh: "越城区", nameEn: "Yuecheng" };
const settlement = (id: string, status: string, extra: object = {}) => ({
  __typename: "MerchantSettlement",
  id,
  month: "2026-10-01",
  redemptions: 12,
  points: 3400,
  amountYuan: "34.00",
  status,
  paymentRef: null,
  paidAt: null,
  merchant: { __typename: "RecyclingMerchant", id: `M-${id}`, name: `联华超市${id}` },
  district,
  ...extra,
});
const merchant = {
  __typename: "RecyclingMerchant",
  id: "M1",
  code: "LH-001",
  name: "联华超市府山店",
  kind: "SUPERMARKET",
  address: "府山街道",
  contact: "李经理",
  active: true,
  district,
  months: [{ __typename: "MerchantMonth", month: "2026-10-01", redemptions: 3, points: 900, yuanValue: "9.00" }],
};

describe("merchants and settlements", () => {
  it("confirms a pending settlement and pays a confirmed one with its payment reference", async () => {
    const { calls } = renderAt("/merchants", (op, vars) => {
      if (op === "RecyclingSettlements") return { merchantSettlements: page("MerchantSettlement", [settlement("S1", "PENDING"), settlement("S2", "CONFIRMED")]) };
      if (op === "RecyclingAdvanceSettlement") return { advanceMerchantSettlement: { __typename: "MerchantSettlementPayload", settlement: { __typename: "MerchantSettlement", id: vars.id, status: vars.action === "pay" ? "PAID" : "CONFIRMED", paymentRef: vars.paymentRef ?? null }, userErrors: [] } };
      return undefined;
    });
    const table = await screen.findByTestId("rec-settlements-table");
    await within(table).findByText("联华超市S1");
    expect(within(table).getAllByText("¥34.00")).toHaveLength(2);
    fireEvent.click(within(table).getByRole("button", { name: "确 认" }));
    await waitFor(() => expect(calls.find((c) => c.op === "RecyclingAdvanceSettlement")?.vars).toEqual({ id: "S1", action: "confirm" }));

    const row = within(table).getByText("联华超市S2").closest("tr")!;
    fireEvent.click(within(row as HTMLElement).getByRole("button", { name: "支 付" }));
    const ref = await screen.findByPlaceholderText("支付凭证号");
    fireEvent.change(ref, { target: { value: "ZF20261105001" } });
    fireEvent.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(calls.filter((c) => c.op === "RecyclingAdvanceSettlement").map((c) => c.vars)).toContainEqual({ id: "S2", action: "pay", paymentRef: "ZF20261105001" }));
  });

  it("registers a merchant in the staff member's district and shows the API's field errors on the form", async () => {
    let attempt = 0;
    const { calls } = renderAt(
      "/merchants",
      (op) => {
        if (op === "RecyclingMerchants") return { recyclingMerchants: page("RecyclingMerchant", [merchant]) };
        if (op === "RecyclingCreateMerchant") {
          attempt += 1;
          return attempt === 1
            ? { createRecyclingMerchant: { __typename: "RecyclingMerchantPayload", merchant: null, userErrors: [{ __typename: "UserError", field: "input.code", message: "编码 LH-002 已存在", code: "DUPLICATE" }] } }
            : { createRecyclingMerchant: { __typename: "RecyclingMerchantPayload", merchant: { __typename: "RecyclingMerchant", id: "M2", code: "LH-003", name: "老百姓大药房" }, userErrors: [] } };
        }
        return undefined;
      },
      viewer({ district: true }),
    );
    fireEvent.click(await screen.findByTestId("rec-view-merchants"));
    await within(await screen.findByTestId("rec-merchants-table")).findByText("联华超市府山店");
    fireEvent.click(screen.getByTestId("rec-merchant-new"));
    const code = (await screen.findByTestId("rec-merchant-code")) as HTMLInputElement;
    fireEvent.change(code, { target: { value: "LH-002" } });
    fireEvent.change(screen.getByTestId("rec-merchant-name"), { target: { value: "老百姓大药房" } });
    fireEvent.submit(code.closest("form")!);
    await waitFor(() => expect(calls.find((c) => c.op === "RecyclingCreateMerchant")?.vars).toEqual({ input: { code: "LH-002", name: "老百姓大药房", kind: "SUPERMARKET", districtId: D1.id } }));
    await screen.findByText("编码 LH-002 已存在");

    fireEvent.change(code, { target: { value: "LH-003" } });
    fireEvent.submit(code.closest("form")!);
    await waitFor(() => expect(calls.filter((c) => c.op === "RecyclingCreateMerchant")).toHaveLength(2));
    expect(await screen.findByText("已登记商户")).toBeTruthy();
    // the list is read again after the registration
    expect(calls.filter((c) => c.op === "RecyclingMerchants").length).toBeGreaterThanOrEqual(2);
  });

  it("refuses an invalid code before calling the API", async () => {
    const { calls } = renderAt("/merchants", (op) => (op === "RecyclingMerchants" ? { recyclingMerchants: page("RecyclingMerchant", []) } : undefined), viewer({ district: true }));
    fireEvent.click(await screen.findByTestId("rec-view-merchants"));
    fireEvent.click(await screen.findByTestId("rec-merchant-new"));
    const code = (await screen.findByTestId("rec-merchant-code")) as HTMLInputElement;
    fireEvent.change(code, { target: { value: "联华 001" } });
    fireEvent.change(screen.getByTestId("rec-merchant-name"), { target: { value: "联华" } });
    fireEvent.submit(code.closest("form")!);
    await screen.findByText("2–40 位字母、数字、“.”、“_”或“-”");
    expect(calls.some((c) => c.op === "RecyclingCreateMerchant")).toBe(false);
  });

  it("issues a redemption terminal key for a merchant and shows it once", async () => {
    const { calls } = renderAt("/merchants", (op) => {
      if (op === "RecyclingMerchants") return { recyclingMerchants: page("RecyclingMerchant", [merchant]) };
      if (op === "RecyclingCreateTerminalKey") return { createMerchantTerminalKey: { __typename: "TerminalKeyPayload", secret: "zwk_abc123", userErrors: [] } };
      return undefined;
    });
    fireEvent.click(await screen.findByTestId("rec-view-merchants"));
    fireEvent.click(await within(await screen.findByTestId("rec-merchants-table")).findByText("联华超市府山店"));
    const name = await screen.findByTestId("rec-terminal-name");
    fireEvent.change(name, { target: { value: " 1号收银台 " } });
    fireEvent.submit(name.closest("form")!);
    expect((await screen.findByTestId("rec-terminal-secret")).textContent).toContain("zwk_abc123");
    expect(calls.find((c) => c.op === "RecyclingCreateTerminalKey")?.vars).toEqual({ merchantId: "M1", name: "1号收银台" });
    expect(screen.queryByTestId("rec-terminal-name")).toBeNull();
  });

  it("shows a merchant's counter its redemptions without staff actions", async () => {
    renderAt(
      "/merchants",
      (op) =>
        op === "RecyclingRedemptions"
          ? { pointsRedemptions: page("PointsRedemption", [{ __typename: "PointsRedemption", id: "R1", at: "2026-11-02T03:00:00Z", points: 500, yuanValue: "5.00", goods: "食用油", cardNo: "SX0200000001", clientRef: "t1", merchant: { __typename: "RecyclingMerchant", id: "M1", name: "联华超市府山店" } }]) }
          : undefined,
      viewer({ org: { kind: "recycling.merchant", id: "M1", name: "联华超市府山店" } }),
    );
    const table = await screen.findByTestId("rec-redemptions-table");
    expect(await within(table).findByText("食用油")).toBeTruthy();
    fireEvent.click(screen.getByTestId("rec-view-merchants"));
    await screen.findByTestId("rec-merchants-table");
    expect(screen.queryByTestId("rec-merchant-new")).toBeNull();
  });
});
