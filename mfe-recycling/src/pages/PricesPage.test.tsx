import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reference, renderAt, viewer } from "../test-client.js";

// happy-dom has no canvas: the history chart (ECharts) is left out.
vi.mock("@zw/ui/charts", () => ({ LineChart: () => null }));

afterEach(() => cleanup());

const material = (id: string, code: string, nameZh: string, unit: string, pointsPerUnit: number, active = true) => ({ __typename: "RecyclingMaterial", id, code, nameZh, nameEn: code, category: "PAPER", unit, pointsPerUnit, active });
const mats = [material("M1", "paper_cardboard", "黄板纸", "KG", 80), material("M2", "ewaste_phone", "废旧手机", "PIECE", 500)];

const reply = (op: string, vars: Record<string, unknown>) => {
  if (op === "RecyclingPriceBoard")
    return { recyclingPriceBoard: [{ __typename: "PriceBoardRow", material: mats[0], priceYuan: "1.20", publishedDay: "2026-11-05", previousPriceYuan: "1.00", changePct: 20, enterprisePrice: false }] };
  if (op === "RecyclingPriceHistory") return { recyclingPriceHistory: [] };
  if (op === "RecyclingUpdateMaterial") {
    const input = vars.input as { id: string; pointsPerUnit?: number; active?: boolean };
    const m = mats.find((x) => x.id === input.id)!;
    return { updateRecyclingMaterial: { __typename: "RecyclingMaterialPayload", material: { __typename: "RecyclingMaterial", id: m.id, pointsPerUnit: input.pointsPerUnit ?? m.pointsPerUnit, active: input.active ?? m.active }, userErrors: [] } };
  }
  return undefined;
};

describe("prices and the materials catalogue", () => {
  it("shows the board with day-on-day change and lets city staff change a points rate and stop a material", async () => {
    reference.recyclingMaterials = mats;
    const { calls } = renderAt("/prices", reply);
    const board = await screen.findByTestId("rec-price-board");
    expect(await within(board).findByText("+20%")).toBeTruthy();
    const catalogue = screen.getByTestId("rec-materials");
    const rate = (await within(catalogue).findByTestId("rec-material-rate-paper_cardboard")) as HTMLInputElement;
    fireEvent.change(rate, { target: { value: "100" } });
    fireEvent.click(await within(catalogue).findByTestId("rec-material-save-paper_cardboard"));
    fireEvent.click(await screen.findByRole("button", { name: "OK" }));
    await waitFor(() => expect(calls.find((c) => c.op === "RecyclingUpdateMaterial")?.vars).toEqual({ input: { id: "M1", pointsPerUnit: 100 } }));

    fireEvent.click(within(catalogue).getByTestId("rec-material-active-ewaste_phone"));
    const oks = await screen.findAllByRole("button", { name: "OK" });
    fireEvent.click(oks[oks.length - 1]!);
    await waitFor(() => expect(calls.filter((c) => c.op === "RecyclingUpdateMaterial").map((c) => c.vars)).toContainEqual({ input: { id: "M2", active: false } }));
  });

  it("shows district staff the rates read-only", async () => {
    reference.recyclingMaterials = mats;
    renderAt("/prices", reply, viewer({ district: true }));
    const catalogue = await screen.findByTestId("rec-materials");
    expect(await within(catalogue).findByText("黄板纸")).toBeTruthy();
    expect(within(catalogue).queryByTestId("rec-material-rate-paper_cardboard")).toBeNull();
    expect(within(catalogue).getByText("500")).toBeTruthy();
    expect(screen.queryByTestId("rec-price-publish")).toBeNull();
  });
});
