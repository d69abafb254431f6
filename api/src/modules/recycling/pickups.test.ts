import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { DomainError } from "../../graphql/errors.js";
import { rows } from "../core/db.js";
import { ledgerMismatches, makeNetwork, rollupMismatches, type Network } from "./fixtures.js";
import { custodyLossPct, handoverLoss, nextPickupStatus, PICKUP_TRANSITIONS, pickupActionsFrom, type PickupAction, type PickupStatus } from "./pickup-machine.js";

let h: Harness;
let net: Network;
const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");
const ADVANCE = `mutation($i: AdvancePickupInput!) { advancePickup(input: $i) { pickup { status collectedGrams currentGrams lossGrams nextActions handovers { action fromStatus toStatus weightGrams lossGrams fromParty toParty } } userErrors { field code message } } }`;

beforeAll(async () => {
  h = await createHarness();
  net = await makeNetwork(h.platform.app, { cards: 2 });
  const ctx = await h.seedContext();
  await ctx.account({ username: "huge.test", displayName: "虎哥测试", role: "OPERATOR", org: { kind: "recycling.enterprise", id: net.enterpriseId }, description: "test" });
  await ctx.account({ username: "other.ent", displayName: "其他企业", role: "OPERATOR", org: { kind: "recycling.enterprise", id: net.otherEnterpriseId }, description: "test" });
});
afterAll(async () => h?.close());

describe("the chain's transition table", () => {
  const ALL: PickupStatus[] = ["REQUESTED", "ASSIGNED", "COLLECTED", "AT_STATION", "ON_TRUCK", "AT_SORTING_CENTRE", "SOLD", "CANCELLED"];
  it("allows exactly the listed transitions", () => {
    const legal: [PickupStatus, PickupAction, PickupStatus][] = [
      ["REQUESTED", "assign", "ASSIGNED"],
      ["ASSIGNED", "collect", "COLLECTED"],
      ["COLLECTED", "toStation", "AT_STATION"],
      ["AT_STATION", "loadTruck", "ON_TRUCK"],
      ["ON_TRUCK", "toSortingCentre", "AT_SORTING_CENTRE"],
      ["AT_SORTING_CENTRE", "sell", "SOLD"],
      ["REQUESTED", "cancel", "CANCELLED"],
      ["ASSIGNED", "cancel", "CANCELLED"],
    ];
    for (const [from, action, to] of legal) expect(nextPickupStatus(from, action)).toBe(to);
    let illegal = 0;
    for (const s of ALL)
      for (const a of Object.keys(PICKUP_TRANSITIONS) as PickupAction[]) {
        if (legal.some(([f, x]) => f === s && x === a)) continue;
        expect(() => nextPickupStatus(s, a)).toThrow(DomainError);
        illegal++;
      }
    expect(illegal).toBe(ALL.length * 7 - legal.length);
    expect(pickupActionsFrom("SOLD")).toEqual([]);
    expect(pickupActionsFrom("ASSIGNED")).toEqual(["collect", "cancel"]);
  });

  it("measures losses between weighed hand-overs and refuses an implausible gain", () => {
    expect(handoverLoss(null, 10_000, 2)).toBeNull();
    expect(handoverLoss(10_000, 9_800, 2)).toBe(200);
    expect(handoverLoss(10_000, 10_200, 2)).toBe(-200);
    expect(() => handoverLoss(10_000, 10_201, 2)).toThrow(/more than 2%/);
    expect(() => handoverLoss(10_000, 0, 2)).toThrow(DomainError);
    expect(custodyLossPct(10_000, 8_000)).toBe(20);
  });
});

describe("a pickup from the household to the recycler", () => {
  it("traces every kilogram with its hand-overs, earns the card points at collection, and alerts on a large loss", async () => {
    const op = await h.login("huge.test");
    const card = net.cards[0]!;
    const req = ok(
      await h.gql(`mutation($i: RequestPickupInput!) { requestPickup(input: $i) { pickup { id number status cardNo } userErrors { code } } }`, { i: { cardNo: card.cardNo, districtId: gid("District", 330602), address: "越城区府山街道 1 幢 101 室", contactName: "张女士", phone: "13800000000" } }, { token: op }),
    );
    expect(req.requestPickup.pickup).toMatchObject({ status: "REQUESTED", cardNo: card.cardNo });
    const id = req.requestPickup.pickup.id;
    const step = async (i: Record<string, unknown>) => ok(await h.gql(ADVANCE, { i: { id, ...i } }, { token: op })).advancePickup;

    expect((await step({ action: "collect", weightGrams: 1000, material: "paper_cardboard" })).userErrors[0].code).toBe("ILLEGAL_TRANSITION");
    expect((await step({ action: "assign", collector: "李师傅" })).userErrors[0]).toMatchObject({ code: "REQUIRED", field: "input.stationId" });
    expect((await step({ action: "assign", stationId: gid("RecyclingStation", net.centreId), collector: "李师傅" })).userErrors[0].code).toBe("NOT_A_SERVICE_STATION");
    expect((await step({ action: "assign", stationId: gid("RecyclingStation", net.stationId), collector: "李师傅" })).pickup.status).toBe("ASSIGNED");
    const collected = await step({ action: "collect", weightGrams: 12_500, material: "paper_cardboard" });
    expect(collected.pickup).toMatchObject({ status: "COLLECTED", collectedGrams: 12_500, currentGrams: 12_500, nextActions: ["toStation"] });
    const bal = await rows<{ balance: number }>(h.database.db, sql`select balance from recycling.cards where id = ${card.id}`);
    expect(bal[0]!.balance).toBe(1000); // 12.5 kg × 80
    expect((await step({ action: "toStation", weightGrams: 13_000 })).userErrors[0].code).toBe("WEIGHT_GAIN");
    await step({ action: "toStation", weightGrams: 12_400 });
    expect((await step({ action: "loadTruck", weightGrams: 12_300 })).userErrors[0]).toMatchObject({ code: "REQUIRED", field: "input.truckPlate" });
    await step({ action: "loadTruck", weightGrams: 12_300, truckPlate: "浙d12345" });
    await step({ action: "toSortingCentre", weightGrams: 12_000, sortingCentreId: gid("RecyclingStation", net.centreId) });
    const sold = await step({ action: "sell", weightGrams: 10_000, recycler: "浙江景兴纸业股份有限公司" });
    expect(sold.pickup).toMatchObject({ status: "SOLD", collectedGrams: 12_500, currentGrams: 10_000, lossGrams: 2_500, nextActions: [] });
    expect(sold.pickup.handovers.map((x: { action: string; weightGrams: number | null; lossGrams: number | null }) => [x.action, x.weightGrams, x.lossGrams])).toEqual([
      ["request", null, null],
      ["assign", null, null],
      ["collect", 12_500, null],
      ["toStation", 12_400, 100],
      ["loadTruck", 12_300, 100],
      ["toSortingCentre", 12_000, 300],
      ["sell", 10_000, 2_000],
    ]);
    expect(sold.pickup.handovers[4].toParty).toBe("浙D12345");
    const alerts = await rows<{ rule: string; detail: { lossPct: number } }>(h.database.db, sql`select rule, detail from core.alerts where rule = 'recycling.custody_loss'`);
    expect(alerts.map((a) => a.detail.lossPct)).toEqual([20]);
    const w = await rows<{ source: string; weight_grams: number; station_id: number }>(h.database.db, sql`select source, weight_grams, station_id from recycling.weighings where source = 'PICKUP'`);
    expect(w).toEqual([{ source: "PICKUP", weight_grams: 12_500, station_id: net.stationId }]);
    expect(await rollupMismatches(h.platform.app)).toEqual([]);
    expect(await ledgerMismatches(h.platform.app)).toEqual([]);
  });

  it("keeps other enterprises out and lets a request be cancelled only before collection", async () => {
    const op = await h.login("huge.test");
    const other = await h.login("other.ent");
    const req = ok(await h.gql(`mutation($i: RequestPickupInput!) { requestPickup(input: $i) { pickup { id } } }`, { i: { districtId: gid("District", 330602), address: "越城区塔山街道 2 幢" } }, { token: op }));
    const id = req.requestPickup.pickup.id;
    const foreign = await h.gql(ADVANCE, { i: { id, action: "cancel", note: "不是我的单" } }, { token: other });
    expect(foreign.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const list = ok(await h.gql(`{ pickupRequests(first: 10) { totalCount } }`, {}, { token: other }));
    expect(list.pickupRequests.totalCount).toBe(0);
    const mine = ok(await h.gql(`{ pickupRequests(first: 10) { totalCount } }`, {}, { token: op }));
    expect(mine.pickupRequests.totalCount).toBe(2);
    expect(ok(await h.gql(ADVANCE, { i: { id, action: "cancel" } }, { token: op })).advancePickup.userErrors[0].field).toBe("input.note");
    expect(ok(await h.gql(ADVANCE, { i: { id, action: "cancel", note: "居民取消" } }, { token: op })).advancePickup.pickup.status).toBe("CANCELLED");
    expect(ok(await h.gql(ADVANCE, { i: { id, action: "assign", stationId: gid("RecyclingStation", net.stationId), collector: "王师傅" } }, { token: op })).advancePickup.userErrors[0].code).toBe("ILLEGAL_TRANSITION");
  });
});
