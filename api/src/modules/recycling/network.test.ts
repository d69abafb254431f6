/**
 * The network, prices, cards and merchants through the public GraphQL API: what staff, enterprises and
 * merchants' counters create, the keys they are issued really working, and who is refused.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { row } from "../core/db.js";
import { makeNetwork, type Network } from "./fixtures.js";
import { addDays, dayOf } from "./time.js";

let h: Harness;
let net: Network;
const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");
const YUECHENG = gid("District", 330602);
const XINCHANG = gid("District", 330624);

async function ingest(secret: string, body: unknown) {
  const res = await h.platform.server.inject({ method: "POST", url: "/ingest/weighings", headers: { "content-type": "application/json", "x-api-key": secret }, payload: JSON.stringify(body) });
  return { status: res.statusCode, body: res.json() as Record<string, any> };
}

beforeAll(async () => {
  h = await createHarness();
  net = await makeNetwork(h.platform.app, { cards: 1, price: "1.00", days: 30 });
  const ctx = await h.seedContext();
  await ctx.account({ username: "net.ent", displayName: "网点测试企业", role: "OPERATOR", org: { kind: "recycling.enterprise", id: net.enterpriseId }, description: "test" });
  await ctx.account({ username: "net.other", displayName: "另一企业", role: "OPERATOR", org: { kind: "recycling.enterprise", id: net.otherEnterpriseId }, description: "test" });
});
afterAll(async () => h?.close());

const ENTERPRISE = `mutation($i: CreateRecyclingEnterpriseInput!) { createRecyclingEnterprise(input: $i) { enterprise { id code name coop district { id } } userErrors { field code } } }`;
const STATION = `mutation($i: CreateRecyclingStationInput!) { createRecyclingStation(input: $i) { station { id code kind rural enterprise { id } district { id } } userErrors { field code } } }`;
const DEVICE = `mutation($i: RegisterRecyclingDeviceInput!) { registerRecyclingDevice(input: $i) { device { id code kind status } secret userErrors { field code } } }`;

describe("registering the network", () => {
  it("lets staff register an enterprise, its stations of every kind and a device whose own key ingests", async () => {
    const staff = await h.login("commerce");
    const ent = ok(await h.gql(ENTERPRISE, { i: { code: "NET-E1", name: "越城再生资源公司", districtId: YUECHENG, coop: true, phone: "0575-8800 1234" } }, { token: staff })).createRecyclingEnterprise;
    expect(ent.userErrors).toEqual([]);
    expect(ent.enterprise).toMatchObject({ code: "NET-E1", coop: true, district: { id: YUECHENG } });

    const station = async (code: string, kind: string, rural = false) =>
      ok(await h.gql(STATION, { i: { code, name: `站点 ${code}`, kind, rural, enterpriseId: ent.enterprise.id, districtId: YUECHENG, lon: 120.58, lat: 30.01, capacityTpd: "2.5", households: 800 } }, { token: staff })).createRecyclingStation;
    const made = [await station("NET-S1", "SERVICE_STATION", true), await station("NET-C1", "SORTING_CENTRE"), await station("NET-B1", "SMART_BIN")];
    expect(made.map((s) => [s.station.kind, s.station.rural])).toEqual([["SERVICE_STATION", true], ["SORTING_CENTRE", false], ["SMART_BIN", false]]);
    const dup = await station("NET-S1", "SERVICE_STATION");
    expect(dup.station).toBeNull();
    expect(dup.userErrors).toEqual([{ field: "input.code", code: "CODE_TAKEN" }]);

    const dev = ok(await h.gql(DEVICE, { i: { code: "NET-SCALE-1", kind: "SMART_SCALE", stationId: made[0].station.id, vendor: "某称重设备厂" } }, { token: staff })).registerRecyclingDevice;
    expect(dev.device).toMatchObject({ code: "NET-SCALE-1", kind: "SMART_SCALE", status: "ACTIVE" });
    expect(dev.secret).toMatch(/^zwk_/);
    const key = (await row<{ scopes: string[] }>(h.database.db, sql`select k.scopes from core.api_keys k join recycling.devices d on d.api_key_id = k.id where d.code = 'NET-SCALE-1'`))!;
    expect(key.scopes).toEqual(["recycling:ingest"]);
    const r = await ingest(dev.secret, { records: [{ seq: 1, at: new Date(Date.now() - 60_000).toISOString(), material: "paper_cardboard", weightGrams: 3000 }] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 1, rejected: [] });
    const stored = (await row<{ station: string; device: string }>(h.database.db, sql`select s.code as station, d.code as device from recycling.weighings w join recycling.stations s on s.id = w.station_id join recycling.devices d on d.id = w.device_id order by w.id desc limit 1`))!;
    expect(stored).toEqual({ station: "NET-S1", device: "NET-SCALE-1" });
    // the key ingests, and nothing else: it cannot read the network
    const read = await h.gql(`{ recyclingStations(first: 1) { totalCount } }`, {}, { apiKey: dev.secret });
    expect(read.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("names each bad field and refuses district staff outside their district", async () => {
    const staff = await h.login("commerce");
    const bad = await h.gql(STATION, { i: { code: "bad code!", name: "x", kind: "SMART_BIN", enterpriseId: gid("RecyclingEnterprise", net.enterpriseId), districtId: YUECHENG, lon: 120.5, lat: 30, openedOn: "2026-13-01" } }, { token: staff });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.extensions?.fields.map((f: { field: string }) => f.field)).toEqual(["input.code", "input.name"]);
    const day = await h.gql(STATION, { i: { code: "NET-D1", name: "日期错的站点", kind: "SMART_BIN", enterpriseId: gid("RecyclingEnterprise", net.enterpriseId), districtId: YUECHENG, lon: 120.5, lat: 30, openedOn: "2026-13-01" } }, { token: staff });
    // a month 13 is a bad field, not an internal error
    expect(day.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(day.errors?.[0]?.message).toMatch(/openedOn/);

    const xinchang = await h.login("commerce.xinchang");
    const outside = await h.gql(ENTERPRISE, { i: { code: "NET-E9", name: "越城的企业", districtId: YUECHENG } }, { token: xinchang });
    expect(outside.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const inside = ok(await h.gql(ENTERPRISE, { i: { code: "NET-E8", name: "新昌的企业", districtId: XINCHANG } }, { token: xinchang })).createRecyclingEnterprise;
    expect(inside.enterprise.code).toBe("NET-E8");
    const n = (await row<{ n: string }>(h.database.db, sql`select count(*) n from recycling.enterprises where code = 'NET-E9'`))!;
    expect(Number(n.n)).toBe(0);
  });

  it("lets an enterprise register devices at its own stations only, and never enterprises", async () => {
    const mine = await h.login("net.ent");
    const other = await h.login("net.other");
    const atMine = ok(await h.gql(DEVICE, { i: { code: "NET-BIN-2", kind: "SMART_BIN", stationId: gid("RecyclingStation", net.binStationId) } }, { token: mine })).registerRecyclingDevice;
    expect(atMine.secret).toMatch(/^zwk_/);
    const foreign = await h.gql(DEVICE, { i: { code: "NET-BIN-3", kind: "SMART_BIN", stationId: gid("RecyclingStation", net.binStationId) } }, { token: other });
    expect(foreign.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const ent = await h.gql(ENTERPRISE, { i: { code: "NET-E7", name: "自己登记的企业", districtId: YUECHENG } }, { token: mine });
    expect(ent.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const list = ok(await h.gql(`{ recyclingDevices(first: 50) { edges { node { code } } } }`, {}, { token: other }));
    expect(list.recyclingDevices.edges.map((e: { node: { code: string } }) => e.node.code)).not.toContain("NET-BIN-2");
  });
});

describe("merchants and their terminals", () => {
  it("registers a merchant, issues a terminal key that redeems for that merchant, and refuses a duplicate code", async () => {
    const staff = await h.login("commerce");
    const m = ok(await h.gql(`mutation($i: CreateRecyclingMerchantInput!) { createRecyclingMerchant(input: $i) { merchant { id code kind } userErrors { field code } } }`, { i: { code: "NET-M1", name: "老百姓大药房府山店", kind: "PHARMACY", districtId: YUECHENG, contact: "周店长" } }, { token: staff })).createRecyclingMerchant;
    expect(m.merchant).toMatchObject({ code: "NET-M1", kind: "PHARMACY" });
    const again = ok(await h.gql(`mutation($i: CreateRecyclingMerchantInput!) { createRecyclingMerchant(input: $i) { merchant { id } userErrors { field code } } }`, { i: { code: "NET-M1", name: "重复", kind: "OTHER", districtId: YUECHENG } }, { token: staff })).createRecyclingMerchant;
    expect(again.userErrors).toEqual([{ field: "input.code", code: "CODE_TAKEN" }]);

    const KEY = `mutation($m: ID!, $n: String!) { createMerchantTerminalKey(merchantId: $m, name: $n) { secret userErrors { code } } }`;
    const blank = await h.gql(KEY, { m: m.merchant.id, n: "  " }, { token: staff });
    expect(blank.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const xinchang = await h.login("commerce.xinchang");
    expect((await h.gql(KEY, { m: m.merchant.id, n: "收银台" }, { token: xinchang })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const key = ok(await h.gql(KEY, { m: m.merchant.id, n: "1号收银台" }, { token: staff })).createMerchantTerminalKey.secret;
    expect(key).toMatch(/^zwk_/);

    const card = net.cards[0]!;
    ok(await h.gql(`mutation($i: AdjustPointsInput!) { adjustPoints(input: $i) { userErrors { code } } }`, { i: { cardId: gid("ResidentCard", card.id), points: 1000, reason: "测试充值 test credit" } }, { token: staff }));
    const redeemed = ok(await h.gql(`mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { redemption { points merchant { code } } balance userErrors { code } } }`, { i: { cardNo: card.cardNo, yuanValue: "3.50", goods: "口罩", clientRef: "net-1" } }, { apiKey: key })).redeemPoints;
    expect(redeemed.userErrors).toEqual([]);
    expect(redeemed.redemption).toEqual({ points: 350, merchant: { code: "NET-M1" } });
    // the key cannot redeem on behalf of another merchant
    const elsewhere = await h.gql(`mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { redemption { id } userErrors { code } } }`, { i: { cardNo: card.cardNo, yuanValue: "1", goods: "x", merchantId: gid("RecyclingMerchant", net.merchantId) } }, { apiKey: key });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(elsewhere.errors?.[0]?.message).toMatch(/merchantId/);
    const bal = (await row<{ balance: number }>(h.database.db, sql`select balance from recycling.cards where id = ${card.id}`))!;
    expect(bal.balance).toBe(redeemed.balance);
  });
});

describe("cards", () => {
  it("issues a card in the staff member's district and refuses a number in use", async () => {
    const xinchang = await h.login("commerce.xinchang");
    const ISSUE = `mutation($i: IssueResidentCardInput!) { issueResidentCard(input: $i) { card { cardNo balance status district { id } } userErrors { field code } } }`;
    const c = ok(await h.gql(ISSUE, { i: { cardNo: "XC00000001", householdCode: "XC-1-101", holderName: "陈先生", districtId: XINCHANG } }, { token: xinchang })).issueResidentCard;
    expect(c.card).toEqual({ cardNo: "XC00000001", balance: 0, status: "ACTIVE", district: { id: XINCHANG } });
    const dup = ok(await h.gql(ISSUE, { i: { cardNo: "XC00000001", householdCode: "XC-1-102", districtId: XINCHANG } }, { token: xinchang })).issueResidentCard;
    expect(dup.card).toBeNull();
    expect(dup.userErrors[0].field).toBe("input.cardNo");
    const outside = await h.gql(ISSUE, { i: { cardNo: "YC00000001", householdCode: "YC-1", districtId: YUECHENG } }, { token: xinchang });
    expect(outside.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("daily prices", () => {
  const BOARD = `query($d: String) { recyclingPriceBoard(day: $d) { material { code } priceYuan publishedDay previousPriceYuan changePct enterprisePrice } }`;
  const PUBLISH = `mutation($i: PublishPricesInput!) { publishRecyclingPrices(input: $i) { prices { material { code } priceYuan previousPriceYuan changePct } userErrors { field code } } }`;

  it("publishes city guide prices with history and day-on-day change, and the enterprise's own price wins on its board", async () => {
    const staff = await h.login("commerce");
    const today = dayOf(new Date());
    const steel = gid("RecyclingMaterial", net.materials.get("metal_steel")!);
    const y = ok(await h.gql(PUBLISH, { i: { day: addDays(today, -1), items: [{ materialId: steel, priceYuan: "2.00" }] } }, { token: staff })).publishRecyclingPrices;
    expect(y.prices[0]).toMatchObject({ priceYuan: "2.00", previousPriceYuan: "1.00", changePct: 100 });
    const t = ok(await h.gql(PUBLISH, { i: { day: today, items: [{ materialId: steel, priceYuan: "2.10" }] } }, { token: staff })).publishRecyclingPrices;
    expect(t.prices[0]).toMatchObject({ priceYuan: "2.10", previousPriceYuan: "2.00", changePct: 5 });

    const board = ok(await h.gql(BOARD, { d: today }, { token: staff })).recyclingPriceBoard;
    expect(board.find((r: { material: { code: string } }) => r.material.code === "metal_steel")).toEqual({ material: { code: "metal_steel" }, priceYuan: "2.10", publishedDay: today, previousPriceYuan: "2.00", changePct: 5, enterprisePrice: false });
    const earlier = ok(await h.gql(BOARD, { d: addDays(today, -1) }, { token: staff })).recyclingPriceBoard;
    expect(earlier.find((r: { material: { code: string } }) => r.material.code === "metal_steel").priceYuan).toBe("2.00");

    const hist = ok(await h.gql(`query($m: ID!, $f: String!, $t: String!) { recyclingPriceHistory(materialId: $m, from: $f, to: $t) { day priceYuan } }`, { m: steel, f: addDays(today, -3), t: today }, { token: staff })).recyclingPriceHistory;
    expect(hist.slice(-2)).toEqual([{ day: addDays(today, -1), priceYuan: "2.00" }, { day: today, priceYuan: "2.10" }]);

    const ent = await h.login("net.ent");
    const own = ok(await h.gql(PUBLISH, { i: { day: today, items: [{ materialId: steel, priceYuan: "2.30" }] } }, { token: ent })).publishRecyclingPrices;
    expect(own.userErrors).toEqual([]);
    const entBoard = ok(await h.gql(BOARD, { d: today }, { token: ent })).recyclingPriceBoard;
    expect(entBoard.find((r: { material: { code: string } }) => r.material.code === "metal_steel")).toMatchObject({ priceYuan: "2.30", enterprisePrice: true });
    // the city board is unchanged by an enterprise's own price
    const cityBoard = ok(await h.gql(BOARD, { d: today }, { token: staff })).recyclingPriceBoard;
    expect(cityBoard.find((r: { material: { code: string } }) => r.material.code === "metal_steel").priceYuan).toBe("2.10");
  });

  it("refuses district staff publishing guide prices, a price with three decimals, and another enterprise's board", async () => {
    const today = dayOf(new Date());
    const glass = gid("RecyclingMaterial", net.materials.get("glass")!);
    const xinchang = await h.login("commerce.xinchang");
    expect((await h.gql(PUBLISH, { i: { day: today, items: [{ materialId: glass, priceYuan: "0.30" }] } }, { token: xinchang })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const staff = await h.login("commerce");
    const bad = await h.gql(PUBLISH, { i: { day: today, items: [{ materialId: glass, priceYuan: "0.305" }] } }, { token: staff });
    expect(bad.data?.publishRecyclingPrices).toEqual({ prices: [], userErrors: [{ field: "input.items[0].priceYuan", code: "INVALID_PRICE" }] });
    const other = await h.login("net.other");
    const peek = await h.gql(`query($e: ID) { recyclingPriceBoard(enterpriseId: $e) { priceYuan } }`, { e: gid("RecyclingEnterprise", net.enterpriseId) }, { token: other });
    expect(peek.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("materials catalogue", () => {
  it("lets city staff change a material's points rate (used by the next weighing) and stop collecting it; district staff may not", async () => {
    const UPDATE = `mutation($i: UpdateRecyclingMaterialInput!) { updateRecyclingMaterial(input: $i) { material { code pointsPerUnit active } userErrors { code } } }`;
    const news = gid("RecyclingMaterial", net.materials.get("paper_news")!);
    const xinchang = await h.login("commerce.xinchang");
    expect((await h.gql(UPDATE, { i: { id: news, pointsPerUnit: 999 } }, { token: xinchang })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const staff = await h.login("commerce");
    const up = ok(await h.gql(UPDATE, { i: { id: news, pointsPerUnit: 120 } }, { token: staff })).updateRecyclingMaterial;
    expect(up.material).toEqual({ code: "paper_news", pointsPerUnit: 120, active: true });

    const card = net.cards[0]!;
    const at = new Date(Date.now() - 120_000).toISOString();
    const r = await ingest(net.scale.secret, { records: [{ seq: 9001, at, material: "paper_news", weightGrams: 2500, card: card.cardNo }] });
    expect(r.body).toMatchObject({ accepted: 1, pointsEarned: 300 }); // floor(120 × 2.5)

    ok(await h.gql(UPDATE, { i: { id: news, active: false } }, { token: staff }));
    const stopped = await ingest(net.scale.secret, { records: [{ seq: 9002, at, material: "paper_news", weightGrams: 1000 }] });
    expect(stopped.body.accepted).toBe(0);
    expect(stopped.body.rejected).toEqual([expect.objectContaining({ index: 0, code: "MATERIAL_INACTIVE" })]);
    const audit = (await row<{ n: string }>(h.database.db, sql`select count(*) n from core.audit_log where entity = 'RecyclingMaterial' and action = 'update'`))!;
    expect(Number(audit.n)).toBe(2);
    ok(await h.gql(UPDATE, { i: { id: news, active: true } }, { token: staff }));
  });
});
