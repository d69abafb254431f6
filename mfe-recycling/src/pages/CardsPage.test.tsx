import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { D1, page, renderAt, viewer } from "../test-client.js";

afterEach(() => cleanup());

describe("issuing a card", () => {
  it("issues a card in the staff member's district and opens it", async () => {
    const { calls } = renderAt(
      "/cards",
      (op) => {
        if (op === "RecyclingCards") return { residentCards: page("ResidentCard", []) };
        if (op === "RecyclingIssueCard") return { issueResidentCard: { __typename: "ResidentCardPayload", card: { __typename: "ResidentCard", id: "C9", cardNo: "SX0299999999" }, userErrors: [] } };
        return undefined;
      },
      viewer({ district: true }),
    );
    fireEvent.click(await screen.findByTestId("rec-card-new"));
    const no = await screen.findByTestId("rec-issue-cardno");
    fireEvent.change(no, { target: { value: "sx0299999999" } });
    fireEvent.change(screen.getByTestId("rec-issue-household"), { target: { value: " YC-12-301 " } });
    fireEvent.submit(no.closest("form")!);
    await waitFor(() => expect(calls.find((c) => c.op === "RecyclingIssueCard")?.vars).toEqual({ input: { cardNo: "SX0299999999", householdCode: "YC-12-301", districtId: D1.id } }));
    // the new card is looked up straight away
    await waitFor(() => expect(calls.find((c) => c.op === "RecyclingCardLookup")?.vars).toEqual({ cardNo: "SX0299999999", withStatement: true }));
  });

  it("refuses a malformed card number before calling the API, and offers no issuing to a merchant", async () => {
    const { calls } = renderAt("/cards", (op) => (op === "RecyclingCards" ? { residentCards: page("ResidentCard", []) } : undefined), viewer({ district: true }));
    fireEvent.click(await screen.findByTestId("rec-card-new"));
    const no = await screen.findByTestId("rec-issue-cardno");
    fireEvent.change(no, { target: { value: "SX-1" } });
    fireEvent.change(screen.getByTestId("rec-issue-household"), { target: { value: "H1" } });
    fireEvent.submit(no.closest("form")!);
    expect(await screen.findByText("6–24 位大写字母或数字")).toBeTruthy();
    expect(calls.some((c) => c.op === "RecyclingIssueCard")).toBe(false);
    cleanup();
    renderAt("/cards", () => undefined, viewer({ org: { kind: "recycling.merchant", id: "M1", name: "联华" } }));
    await screen.findByTestId("rec-card-search");
    expect(screen.queryByTestId("rec-card-new")).toBeNull();
  });
});
