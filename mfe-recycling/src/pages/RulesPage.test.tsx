import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderAt, viewer } from "../test-client.js";
import { ALERT_RULES } from "./RulesPage.js";
import en from "../i18n/en.json";
import zhCN from "../i18n/zh-CN.json";

afterEach(() => cleanup());

const param = (key: string, value: number, unit: string, min: number, max: number) => ({
  __typename: "RecyclingRuleParameter",
  key,
  value,
  unit,
  min,
  max,
  descriptionZh: `${key} 的含义`,
  descriptionEn: `meaning of ${key}`,
  updatedBy: "system",
  updatedAt: "2026-01-01T00:00:00Z",
});
const params = [
  param("points.expiry_days", 180, "天", 1, 3650),
  param("alert.station_mad_k", 3, "倍MAD", 0.5, 50),
  param("alert.station_window_days", 28, "天", 7, 365),
  param("alert.station_min_days", 14, "天", 3, 365),
  param("alert.device_silent_hours", 48, "小时", 1, 2160),
  param("alert.price_jump_pct", 30, "%", 1, 1000),
  param("alert.card_daily_points", 20000, "分", 1, 100000000),
  param("custody.loss_alert_pct", 15, "%", 0, 100),
];

const reply = (op: string, vars: Record<string, unknown>) => {
  if (op === "RecyclingRuleParameters") return { recyclingRuleParameters: params };
  if (op === "RecyclingUpdateRuleParameter") return { updateRecyclingRuleParameter: { __typename: "RuleParameterPayload", parameter: { __typename: "RecyclingRuleParameter", key: vars.key, value: vars.value, updatedBy: "user:commerce", updatedAt: "2026-11-05T00:00:00Z" }, userErrors: [] } };
  if (op === "RecyclingRunChecks") return { runRecyclingChecks: { __typename: "RecyclingChecksPayload", lotsExpired: 3, pointsExpired: 1250, silentDevices: 2, abnormalStations: 1, userErrors: [] } };
  return undefined;
};

describe("rule parameters and alert rules", () => {
  it("documents every alert rule in both languages with the current values of its parameters", async () => {
    renderAt("/rules", reply);
    const rules = await screen.findByTestId("rec-alert-rules");
    for (const r of ALERT_RULES) {
      const key = r.code.replace("recycling.", "") as keyof typeof zhCN.rules.doc;
      expect(zhCN.rules.doc[key]).toBeTruthy();
      expect(en.rules.doc[key]).toBeTruthy();
      expect(within(rules).getByText(zhCN.rules.doc[key])).toBeTruthy();
      for (const k of r.params) expect(params.some((p) => p.key === k)).toBe(true);
    }
    expect((await within(rules).findByTestId("rec-rule-param-alert.price_jump_pct")).textContent).toBe("alert.price_jump_pct = 30 %");
    expect(within(rules).getByTestId("rec-rule-param-alert.station_mad_k").textContent).toBe("alert.station_mad_k = 3 倍MAD");
  });

  it("lets city staff change a parameter after confirming, and run the checks now", async () => {
    const { calls } = renderAt("/rules", reply);
    const table = await screen.findByTestId("rec-rules-table");
    const row = (await within(table).findByText("alert.price_jump_pct")).closest("tr")!;
    const input = within(row as HTMLElement).getByRole("spinbutton");
    fireEvent.change(input, { target: { value: "25" } });
    fireEvent.click(await within(row as HTMLElement).findByText("保存"));
    fireEvent.click(await screen.findByRole("button", { name: "OK" }));
    await waitFor(() => expect(calls.find((c) => c.op === "RecyclingUpdateRuleParameter")?.vars).toEqual({ key: "alert.price_jump_pct", value: 25 }));

    fireEvent.click(screen.getByTestId("rec-run-checks"));
    const oks = await screen.findAllByRole("button", { name: "OK" });
    fireEvent.click(oks[oks.length - 1]!);
    expect((await screen.findByTestId("rec-checks-result")).textContent).toBe("过期积分批次 3 个（1250 分），离线设备 2 台，回收量异常站点 1 个");
    expect(calls.filter((c) => c.op === "RecyclingRunChecks")).toHaveLength(1);
  });

  it("shows district staff the values read-only, without run-checks", async () => {
    renderAt("/rules", reply, viewer({ district: true }));
    const table = await screen.findByTestId("rec-rules-table");
    const row = (await within(table).findByText("alert.price_jump_pct")).closest("tr")!;
    expect(within(row as HTMLElement).queryByRole("spinbutton")).toBeNull();
    expect(within(row as HTMLElement).getByText("30 %")).toBeTruthy();
    expect(screen.queryByTestId("rec-run-checks")).toBeNull();
  });
});
