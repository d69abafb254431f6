import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { withWriter } from "../../graphql/mutation.js";
import { systemPrincipal } from "../core/auth.js";
import { KEQIAO, makeNetwork, rollupMismatches, write, YUECHENG, type Network } from "./fixtures.js";
import { ingestWeighings } from "./ingest.js";
import { recyclingOverview } from "./overview.js";
import { redeemPoints } from "./points.js";
import { addDays, alignedPeriod, dayOf, startOfDay, yearBefore } from "./time.js";

let h: Harness;
let net: Network;
let D: string;
const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");

const DASH = `query($p: RecyclingPeriodInput!, $d: ID) { recyclingDashboard(period: $p, districtId: $d) {
  from to previous { tonnes }
  indicators { weightGrams tonnes records amountYuan averagePriceYuanPerKg pointsIssued pointsRedeemed redemptions redemptionYuan activeCards cardsTotal participationPct }
  byMaterial { material { code } weightGrams records points }
  byDistrict { district { code } weightGrams pointsIssued pointsRedeemed activeCards }
  topStations { station { code } weightGrams records }
  series { start weightGrams activeCards } } }`;

beforeAll(async () => {
  h = await createHarness();
  net = await makeNetwork(h.platform.app, { cards: 3 });
  const app = h.platform.app;
  const t = new Date(Date.now() - 60_000);
  D = dayOf(t);
  const at = t.toISOString();
  const as = (deviceId: number) => ({ ...systemPrincipal("test"), label: `key:device-${deviceId}`, org: { kind: "recycling.device", id: deviceId } });
  const [c0, c1] = net.cards;
  await withWriter(app, as(net.scale.id), { operation: "ingestWeighings" }, (w) =>
    ingestWeighings(w, [
      { seq: 1, at, material: "paper_cardboard", weightGrams: 5000, card: c0!.cardNo }, // 400 points, 5.00 yuan
      { seq: 2, at, material: "plastic_pet", weightGrams: 2000, card: c1!.cardNo }, // 200 points
      { seq: 3, at, material: "metal_steel", weightGrams: 10_000 },
    ]),
  );
  await withWriter(app, as(net.keqiaoScale.id), { operation: "ingestWeighings" }, (w) =>
    ingestWeighings(w, [
      { seq: 1, at, material: "glass", weightGrams: 4000, card: net.keqiaoCard.cardNo }, // 80 points
      { seq: 2, at, material: "paper_cardboard", weightGrams: 6500 },
      { seq: 3, at, material: "metal_steel", weightGrams: 2100 },
    ]),
  );
  await write(app, (w) => redeemPoints(w, { cardId: c0!.id, merchant: { id: net.merchantId, districtId: YUECHENG, name: "测试超市" }, yuanValue: "2.00", goods: "纸巾" }));
});
afterAll(async () => h?.close());

describe("the one map", () => {
  it("answers a day's indicators, breakdowns and ranking from the rollups", async () => {
    const staff = await h.login("commerce");
    const r = ok(await h.gql(DASH, { p: { kind: "DAY", day: D } }, { token: staff })).recyclingDashboard;
    expect(r.from).toBe(D);
    expect(r.to).toBe(addDays(D, 1));
    expect(r.previous).toBeNull();
    expect(r.indicators).toEqual({
      weightGrams: "29600",
      tonnes: "0.030",
      records: 6,
      amountYuan: "29.60",
      averagePriceYuanPerKg: "1.00",
      pointsIssued: "680",
      pointsRedeemed: "200",
      redemptions: 1,
      redemptionYuan: "2.00",
      activeCards: 3,
      cardsTotal: 4,
      participationPct: 75,
    });
    expect(r.byMaterial.map((m: { material: { code: string }; weightGrams: string }) => [m.material.code, m.weightGrams])).toEqual([
      ["metal_steel", "12100"],
      ["paper_cardboard", "11500"],
      ["glass", "4000"],
      ["plastic_pet", "2000"],
    ]);
    expect(r.byDistrict).toEqual([
      { district: { code: "yuecheng" }, weightGrams: "17000", pointsIssued: "600", pointsRedeemed: "200", activeCards: 2 },
      { district: { code: "keqiao" }, weightGrams: "12600", pointsIssued: "80", pointsRedeemed: "0", activeCards: 1 },
    ]);
    expect(r.topStations.map((s: { weightGrams: string; records: number }) => [s.weightGrams, s.records])).toEqual([
      ["17000", 3],
      ["12600", 3],
    ]);
    expect(r.series).toHaveLength(30);
    expect(r.series[29]).toEqual({ start: D, weightGrams: "29600", activeCards: 3 });
  });

  it("answers the month, quarter and year with distinct active cards, and a district filter", async () => {
    const staff = await h.login("commerce");
    for (const kind of ["MONTH", "QUARTER", "YEAR"]) {
      const r = ok(await h.gql(DASH, { p: { kind, day: D } }, { token: staff })).recyclingDashboard;
      expect(r.indicators).toMatchObject({ weightGrams: "29600", activeCards: 3, pointsIssued: "680" });
      expect(alignedPeriod(r.from, r.to)?.kind).toBe(kind[0]);
      expect(r.series.reduce((s: number, p: { weightGrams: string }) => s + Number(p.weightGrams), 0)).toBe(29600);
    }
    const k = ok(await h.gql(DASH, { p: { kind: "MONTH", day: D }, d: gid("District", KEQIAO) }, { token: staff })).recyclingDashboard;
    expect(k.indicators).toMatchObject({ weightGrams: "12600", activeCards: 1, pointsIssued: "80", cardsTotal: 1 });
  });

  it("limits district staff to their district and refuses operators", async () => {
    const xinchang = await h.login("commerce.xinchang");
    const own = ok(await h.gql(DASH, { p: { kind: "DAY", day: D } }, { token: xinchang })).recyclingDashboard;
    expect(own.indicators.weightGrams).toBe("0");
    const other = await h.gql(DASH, { p: { kind: "DAY", day: D }, d: gid("District", YUECHENG) }, { token: xinchang });
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const merchant = await h.gql(DASH, { p: { kind: "DAY", day: D } }, { apiKey: net.merchantSecret });
    expect(merchant.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const leader = await h.login("leader");
    expect(ok(await h.gql(DASH, { p: { kind: "DAY", day: D } }, { token: leader })).recyclingDashboard.indicators.records).toBe(6);
    const bad = await h.gql(DASH, { p: { kind: "DAY", day: "2026-02-30" } }, { token: leader });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("reports the supply-and-marketing network's recovery by category", async () => {
    const staff = await h.login("coop");
    const r = ok(await h.gql(`{ coopRecovery { totalTonnes categories { category tonnes sharePct } } }`, {}, { token: staff })).coopRecovery;
    expect(r.totalTonnes).toBe("0.013");
    expect(r.categories).toEqual([
      { category: "PAPER", tonnes: "0.007", sharePct: 51.6 },
      { category: "GLASS", tonnes: "0.004", sharePct: 31.7 },
      { category: "METAL", tonnes: "0.002", sharePct: 16.7 },
    ]);
  });

  it("gives the overview its figures and capacity rows", async () => {
    const tx = h.database.db;
    const figures = await recyclingOverview.figures(tx, { districtId: null, from: startOfDay(D), to: startOfDay(addDays(D, 1)) });
    const byKey = Object.fromEntries(figures.map((f) => [f.key, f]));
    expect(byKey["recycling.tonnage"]).toMatchObject({ value: "0.030", previous: null, unit: "t" });
    expect(byKey["recycling.activeCards"]!.value).toBe("3");
    expect(byKey["recycling.pointsIssued"]!.value).toBe("680");
    expect(byKey["recycling.pointsRedeemed"]!.value).toBe("200");
    expect(byKey["recycling.redemptionYuan"]!.value).toBe("2.00");
    expect(byKey["recycling.participationPct"]!.value).toBe("75.0");
    const keqiao = await recyclingOverview.figures(tx, { districtId: KEQIAO, from: startOfDay(D), to: startOfDay(addDays(D, 1)) });
    expect(keqiao.find((f) => f.key === "recycling.tonnage")!.value).toBe("0.013");
    const year = Number(D.slice(0, 4));
    const cap = await recyclingOverview.capacity!(tx, { year, districtId: null });
    expect(cap.map((c) => [c.districtId, c.generated, c.capacity])).toEqual([
      [YUECHENG, "0.017", "110960.000"],
      [KEQIAO, "0.013", "730.000"],
    ]);
    expect(yearBefore("2024-02-29")).toBe("2023-02-28");
  });

  it("keeps the rollups equal to the raw records", async () => {
    expect(await rollupMismatches(h.platform.app)).toEqual([]);
  });
});
