import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { systemPrincipal } from "../core/auth.js";
import { row, rows } from "../core/db.js";
import { withWriter } from "../../graphql/mutation.js";
import { DomainError } from "../../graphql/errors.js";
import { ledgerMismatches, makeNetwork, rollupMismatches, write, type Network } from "./fixtures.js";
import { ingestWeighings } from "./ingest.js";
import { adjustPoints, dueLots, planConsumption, pointsFor, pointsForYuan, redeemPoints } from "./points.js";
import { runExpiry } from "./rules.js";
import { advanceSettlement, generateSettlements } from "./settlement.js";
import { addDays, addMonths, dayOf, monthStart } from "./time.js";

let h: Harness;
let net: Network;
const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");

beforeAll(async () => {
  h = await createHarness();
  net = await makeNetwork(h.platform.app, { cards: 6, days: 400 });
});
afterAll(async () => h?.close());

describe("points rules (pure)", () => {
  it("earns the material's rate per kg rounded down, per piece for pieces, nothing without a card", () => {
    expect(pointsFor({ unit: "KG", pointsPerUnit: 80 }, 2499, null, true)).toBe(199);
    expect(pointsFor({ unit: "KG", pointsPerUnit: 80 }, 2500, null, true)).toBe(200);
    expect(pointsFor({ unit: "PIECE", pointsPerUnit: 500 }, 300, 3, true)).toBe(1500);
    expect(pointsFor({ unit: "KG", pointsPerUnit: 80 }, 2500, null, false)).toBe(0);
  });

  it("prices a redemption at points.per_yuan, rounding a fraction up", () => {
    expect(pointsForYuan("12.34", 100)).toBe(1234);
    expect(pointsForYuan("10", 100)).toBe(1000);
    expect(pointsForYuan("0.01", 30)).toBe(1);
    expect(() => pointsForYuan("1.234", 100)).toThrow(DomainError);
  });

  it("spends lots oldest-first and refuses to spend more than there is", () => {
    const lots = [
      { earnedOn: "2026-03-01", remaining: 50 },
      { earnedOn: "2026-01-01", remaining: 100 },
      { earnedOn: "2026-02-01", remaining: 0 },
      { earnedOn: "2026-04-01", remaining: 70 },
    ];
    expect(planConsumption(lots, 120)).toEqual([
      { earnedOn: "2026-01-01", take: 100 },
      { earnedOn: "2026-03-01", take: 20 },
    ]);
    expect(planConsumption(lots, 220)).toHaveLength(3);
    expect(() => planConsumption(lots, 221)).toThrow(/Not enough points/);
  });

  it("finds the lots due on a day, not those due later", () => {
    const lots = [
      { expiresOn: "2026-05-01", remaining: 5 },
      { expiresOn: "2026-05-02", remaining: 5 },
      { expiresOn: "2026-04-01", remaining: 0 },
    ];
    expect(dueLots(lots, "2026-05-01")).toEqual([lots[0]]);
  });
});

describe("lots, expiry order and redemption", () => {
  it("expires the oldest lot first, spends the next ones oldest-first, and expires the rest on its day", async () => {
    const app = h.platform.app;
    const card = net.cards[0]!;
    const today = dayOf(new Date());
    const devP = { ...systemPrincipal("test"), label: `key:device-${net.scale.id}`, org: { kind: "recycling.device", id: net.scale.id } };
    const earnAt = async (daysAgo: number, grams: number, seq: number) => {
      const at = new Date(Date.now() - daysAgo * 86_400_000);
      const r = await withWriter(app, devP, { operation: "ingestWeighings" }, (w) =>
        ingestWeighings(w, [{ seq, at: at.toISOString(), material: "paper_cardboard", weightGrams: grams, card: card.cardNo }], new Date(at.getTime() + 60_000)),
      );
      expect(r.accepted).toBe(1);
    };
    await earnAt(200, 1250, 1); // 100 points, expired 20 days ago
    await earnAt(100, 2500, 2); // 200 points
    await earnAt(10, 3750, 3); // 300 points
    const merchant = { id: net.merchantId, districtId: 330602, name: "测试超市" };
    const res = await write(app, (w) => redeemPoints(w, { cardId: card.id, merchant, yuanValue: "2.50", goods: "纸巾" }));
    expect(res.balance).toBe(250);
    const entries = await rows<{ kind: string; points: number; balance_after: number; lot_on: string | null }>(
      h.database.db,
      sql`select kind, points, balance_after, lot_on::text from recycling.ledger where card_id = ${card.id} order by id`,
    );
    expect(entries.map((e) => [e.kind, e.points, e.balance_after, e.lot_on])).toEqual([
      ["EARN", 100, 100, null],
      ["EARN", 200, 300, null],
      ["EARN", 300, 600, null],
      ["EXPIRE", -100, 500, addDays(today, -200)],
      ["REDEEM", -250, 250, null],
    ]);
    const lots = await rows<{ earned_on: string; remaining: number }>(h.database.db, sql`select earned_on::text, remaining from recycling.lots where card_id = ${card.id} order by earned_on`);
    expect(lots.map((l) => l.remaining)).toEqual([0, 0, 250]);

    // The scheduled job expires the last lot on its expiry day (180 days after it was earned), not before.
    expect((await runExpiry(app, addDays(today, 169))).points).toBe(0);
    const job = await runExpiry(app, addDays(today, 170));
    expect(job).toEqual({ lots: 1, points: 250 });
    const c = await row<{ balance: number; expired_total: string }>(h.database.db, sql`select balance, expired_total::text from recycling.cards where id = ${card.id}`);
    expect(c).toEqual({ balance: 0, expired_total: "350" });
    expect(await ledgerMismatches(app)).toEqual([]);
  });
});

describe("redemption at merchants", () => {
  it("lets a merchant terminal redeem, replays a retry, and refuses an overdraft without writing anything", async () => {
    const app = h.platform.app;
    const card = net.cards[1]!;
    await write(app, (w) => adjustPoints(w, { cardId: card.id, points: 1000, reason: "开卡奖励 welcome bonus" }));
    const q = `mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { redemption { id points yuanValue goods cardNo merchant { name } } balance replayed userErrors { field code message } } }`;
    const first = ok(await h.gql(q, { i: { cardNo: card.cardNo, yuanValue: "6.50", goods: "酱油 1.9L", clientRef: "POS1-0001" } }, { apiKey: net.merchantSecret }));
    expect(first.redeemPoints).toMatchObject({ balance: 350, replayed: false, userErrors: [], redemption: { points: 650, yuanValue: "6.50", cardNo: card.cardNo } });
    const retry = ok(await h.gql(q, { i: { cardNo: card.cardNo, yuanValue: "6.50", goods: "酱油 1.9L", clientRef: "POS1-0001" } }, { apiKey: net.merchantSecret }));
    expect(retry.redeemPoints).toMatchObject({ replayed: true, redemption: { id: first.redeemPoints.redemption.id } });
    const before = await row<{ n: string }>(h.database.db, sql`select count(*) n from recycling.ledger where card_id = ${card.id}`);
    const over = ok(await h.gql(q, { i: { cardNo: card.cardNo, yuanValue: "3.51", goods: "大米" } }, { apiKey: net.merchantSecret }));
    expect(over.redeemPoints.redemption).toBeNull();
    expect(over.redeemPoints.userErrors[0]).toMatchObject({ code: "INSUFFICIENT_POINTS", field: "input.yuanValue" });
    const after = await row<{ n: string }>(h.database.db, sql`select count(*) n from recycling.ledger where card_id = ${card.id}`);
    expect(after!.n).toBe(before!.n);
    const exact = ok(await h.gql(q, { i: { cardNo: card.cardNo, yuanValue: "3.50", goods: "大米" } }, { apiKey: net.merchantSecret }));
    expect(exact.redeemPoints.balance).toBe(0);
  });

  it("refuses frozen cards, staff without a merchant, and other organisations", async () => {
    const app = h.platform.app;
    const card = net.cards[2]!;
    await write(app, (w) => adjustPoints(w, { cardId: card.id, points: 500, reason: "测试 test credit" }));
    const staff = await h.login("commerce");
    const freeze = ok(await h.gql(`mutation($id: ID!) { transitionResidentCard(id: $id, action: freeze, reason: "挂失") { card { status } userErrors { code } } }`, { id: gid("ResidentCard", card.id) }, { token: staff }));
    expect(freeze.transitionResidentCard.card.status).toBe("FROZEN");
    const q = `mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { balance userErrors { code } } }`;
    const frozen = ok(await h.gql(q, { i: { cardNo: card.cardNo, yuanValue: "1.00", goods: "毛巾" } }, { apiKey: net.merchantSecret }));
    expect(frozen.redeemPoints.userErrors[0].code).toBe("CARD_NOT_ACTIVE");
    const noMerchant = await h.gql(q, { i: { cardNo: card.cardNo, yuanValue: "1.00", goods: "毛巾" } }, { token: staff });
    expect(noMerchant.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const device = await h.gql(q, { i: { cardNo: card.cardNo, yuanValue: "1.00", goods: "毛巾" } }, { apiKey: net.scale.secret });
    expect(device.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const twice = ok(await h.gql(`mutation($id: ID!) { transitionResidentCard(id: $id, action: freeze, reason: "again") { userErrors { code } } }`, { id: gid("ResidentCard", card.id) }, { token: staff }));
    expect(twice.transitionResidentCard.userErrors[0].code).toBe("ILLEGAL_TRANSITION");
  });
});

describe("staff adjustments and the statement", () => {
  it("adjusts with a reason (audited), refuses a deduction below zero, and shows every movement in the statement", async () => {
    const card = net.cards[3]!;
    const staff = await h.login("commerce");
    const q = `mutation($i: AdjustPointsInput!) { adjustPoints(input: $i) { card { balance } entry { kind points balanceAfter reason actor } userErrors { field code } } }`;
    const plus = ok(await h.gql(q, { i: { cardId: gid("ResidentCard", card.id), points: 300, reason: "设备故障补录 scale outage" } }, { token: staff }));
    expect(plus.adjustPoints).toMatchObject({ card: { balance: 300 }, entry: { kind: "ADJUST", points: 300, balanceAfter: 300, reason: "设备故障补录 scale outage", actor: "user:commerce" } });
    const minus = ok(await h.gql(q, { i: { cardId: gid("ResidentCard", card.id), points: -301, reason: "重复录入冲正" } }, { token: staff }));
    expect(minus.adjustPoints.userErrors).toEqual([{ field: "input.points", code: "INSUFFICIENT_POINTS" }]);
    const noReason = await h.gql(q, { i: { cardId: gid("ResidentCard", card.id), points: 5, reason: "x" } }, { token: staff });
    expect(noReason.errors?.[0]?.extensions?.fields?.[0]?.field).toBe("input.reason");
    ok(await h.gql(q, { i: { cardId: gid("ResidentCard", card.id), points: -100, reason: "重复录入冲正" } }, { token: staff }));
    const audit = await rows<{ changes: { reason: string; points: number } }>(h.database.db, sql`select changes from core.audit_log where operation = 'adjustPoints' and entity = 'ResidentCard' and entity_id = ${String(card.id)} order by id`);
    expect(audit.map((a) => [a.changes.points, a.changes.reason])).toEqual([
      [300, "设备故障补录 scale outage"],
      [-100, "重复录入冲正"],
    ]);

    const stmt = ok(
      await h.gql(`query($no: String!) { residentCard(cardNo: $no) { balance ledger(first: 10) { edges { node { kind points balanceAfter } } } lots { earnedOn remaining } expiringSoon } }`, { no: card.cardNo }, { token: staff }),
    );
    expect(stmt.residentCard.balance).toBe(200);
    expect(stmt.residentCard.ledger.edges.map((e: { node: { kind: string; points: number; balanceAfter: number } }) => [e.node.kind, e.node.points, e.node.balanceAfter])).toEqual([
      ["ADJUST", -100, 200],
      ["ADJUST", 300, 300],
    ]);
    expect(stmt.residentCard.lots).toEqual([{ earnedOn: dayOf(new Date()), remaining: 200 }]);

    const xinchang = await h.login("commerce.xinchang");
    const denied = await h.gql(q, { i: { cardId: gid("ResidentCard", card.id), points: 5, reason: "区县越权测试" } }, { token: xinchang });
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const hidden = ok(await h.gql(`query($no: String!) { residentCard(cardNo: $no) { balance } }`, { no: card.cardNo }, { token: xinchang }));
    expect(hidden.residentCard).toBeNull();
  });

  it("shows a merchant the balance by card number but not the statement", async () => {
    const card = net.cards[3]!;
    const r = ok(await h.gql(`query($no: String!) { residentCard(cardNo: $no) { cardNo balance } }`, { no: card.cardNo }, { apiKey: net.merchantSecret }));
    expect(r.residentCard).toEqual({ cardNo: card.cardNo, balance: 200 });
    const stmt = await h.gql(`query($no: String!) { residentCard(cardNo: $no) { ledger(first: 5) { edges { node { points } } } } }`, { no: card.cardNo }, { apiKey: net.merchantSecret });
    expect(stmt.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const list = await h.gql(`{ residentCards(first: 5) { totalCount } }`, {}, { apiKey: net.merchantSecret });
    expect(list.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("monthly settlement", () => {
  it("settles last month's redemptions per merchant once, and moves pending → confirmed → paid", async () => {
    const app = h.platform.app;
    const card = net.cards[4]!;
    const lastMonth = addMonths(monthStart(dayOf(new Date())), -1);
    const at = new Date(`${addDays(lastMonth, 9)}T04:00:00Z`);
    await write(app, (w) => adjustPoints(w, { cardId: card.id, points: 5000, reason: "测试积分 settlement test", at }));
    const merchant = { id: net.merchantId, districtId: 330602, name: "测试超市" };
    await write(app, (w) => redeemPoints(w, { cardId: card.id, merchant, yuanValue: "12.30", goods: "食用油", at }));
    await write(app, (w) => redeemPoints(w, { cardId: card.id, merchant, yuanValue: "7.70", goods: "大米", at: new Date(at.getTime() + 3_600_000) }));

    await expect(write(app, (w) => generateSettlements(w, monthStart(dayOf(new Date())), null))).rejects.toThrow(/after it has ended/);
    const g = await write(app, (w) => generateSettlements(w, lastMonth, null));
    expect(g.created).toBe(1);
    expect((await write(app, (w) => generateSettlements(w, lastMonth, null))).created).toBe(0);
    const s = await row<{ id: number; redemptions: number; points: string; amount_yuan: string; status: string }>(
      h.database.db,
      sql`select id, redemptions, points::text, amount_yuan::text, status from recycling.settlements where merchant_id = ${net.merchantId} and month = ${lastMonth}::date`,
    );
    expect(s).toMatchObject({ redemptions: 2, points: "2000", amount_yuan: "20.00", status: "PENDING" });
    await expect(write(app, (w) => advanceSettlement(w, s!.id, "pay", "ZF001"))).rejects.toThrow(/Cannot pay/);
    await write(app, (w) => advanceSettlement(w, s!.id, "confirm"));
    await expect(write(app, (w) => advanceSettlement(w, s!.id, "pay", " "))).rejects.toThrow(/payment reference/);
    const paid = await write(app, (w) => advanceSettlement(w, s!.id, "pay", "ZF001"));
    expect(paid.status).toBe("PAID");

    const list = ok(await h.gql(`{ merchantSettlements(first: 5) { edges { node { month amountYuan status merchant { name } } } } }`, {}, { apiKey: net.merchantSecret }));
    expect(list.merchantSettlements.edges.map((e: { node: { month: string; amountYuan: string; status: string } }) => [e.node.month, e.node.amountYuan, e.node.status])).toEqual([[lastMonth, "20.00", "PAID"]]);
  });

  it("keeps read models consistent with the raw ledger", async () => {
    expect(await ledgerMismatches(h.platform.app)).toEqual([]);
    expect(await rollupMismatches(h.platform.app)).toEqual([]);
  });
});
