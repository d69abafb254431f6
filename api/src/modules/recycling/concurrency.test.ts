/**
 * Many terminals redeeming from one card at the same time never overdraw it; the balance always
 * equals its ledger. On the PostgreSQL server these requests really run in parallel (20 pooled
 * connections); on PGlite they are serialised by the single connection.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, TEST_DB, type Harness } from "../../test/harness.js";
import { systemPrincipal } from "../core/auth.js";
import { row } from "../core/db.js";
import { withWriter } from "../../graphql/mutation.js";
import { ledgerMismatches, makeNetwork, rollupMismatches, write, type Network } from "./fixtures.js";
import { ingestWeighings } from "./ingest.js";
import { adjustPoints } from "./points.js";
import { runExpiry } from "./rules.js";
import { dayOf } from "./time.js";

let h: Harness;
let net: Network;
const PARALLEL = 250;
const Q = `mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { balance redemption { points } userErrors { code } } }`;

beforeAll(async () => {
  h = await createHarness();
  net = await makeNetwork(h.platform.app, { cards: 4 });
});
afterAll(async () => h?.close());

async function balanceOf(id: number) {
  return (await row<{ balance: number }>(h.database.db, sql`select balance from recycling.cards where id = ${id}`))!.balance;
}

describe(`concurrent redemption (${TEST_DB})`, () => {
  it(`${PARALLEL} parallel redemptions against one card: exactly as many succeed as the balance covers`, async () => {
    const card = net.cards[0]!;
    await write(h.platform.app, (w) => adjustPoints(w, { cardId: card.id, points: 10_000, reason: "并发测试 concurrency test" }));
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => h.gql(Q, { i: { cardNo: card.cardNo, yuanValue: "1.00", goods: `测试商品${i}`, clientRef: `C-${i}` } }, { apiKey: net.merchantSecret })),
    );
    expect(results.filter((r) => r.errors?.length || r.status !== 200)).toEqual([]);
    const okCount = results.filter((r) => r.data.redeemPoints.redemption).length;
    const refused = results.filter((r) => r.data.redeemPoints.userErrors[0]?.code === "INSUFFICIENT_POINTS").length;
    expect(okCount).toBe(100);
    expect(refused).toBe(PARALLEL - 100);
    expect(await balanceOf(card.id)).toBe(0);
    const ledgerSum = await row<{ s: number; n: number }>(h.database.db, sql`select sum(points)::int s, count(*) filter (where kind = 'REDEEM')::int n from recycling.ledger where card_id = ${card.id}`);
    expect(ledgerSum).toEqual({ s: 0, n: 100 });
    // Every successful answer reported a balance that some serial order produces: all distinct, 0…9900.
    const balances = results.filter((r) => r.data.redeemPoints.redemption).map((r) => r.data.redeemPoints.balance as number).sort((a, b) => a - b);
    expect(balances).toEqual(Array.from({ length: 100 }, (_, i) => i * 100));
  });

  it("random amounts from many terminals, while the card also earns and expiry runs: never below zero, balance = ledger = lots", async () => {
    const app = h.platform.app;
    const card = net.cards[1]!;
    await write(app, (w) => adjustPoints(w, { cardId: card.id, points: 20_000, reason: "并发测试 concurrency test" }));
    const amounts = Array.from({ length: PARALLEL }, (_, i) => ((i * 37) % 300) + 1); // 0.01 … 3.00 yuan
    const devP = { ...systemPrincipal("test"), label: `key:device-${net.scale.id}`, org: { kind: "recycling.device", id: net.scale.id } };
    const redemptions = amounts.map((fen, i) =>
      h.gql(Q, { i: { cardNo: card.cardNo, yuanValue: (fen / 100).toFixed(2), goods: "随机商品", clientRef: `R-${i}` } }, { apiKey: net.merchantSecret }),
    );
    const earnings = Array.from({ length: 20 }, (_, i) =>
      withWriter(app, devP, { operation: "ingestWeighings" }, (w) =>
        ingestWeighings(w, [{ seq: 10_000 + i, at: new Date(Date.now() - (i + 1) * 60_000).toISOString(), material: "paper_cardboard", weightGrams: 5000, card: card.cardNo }]),
      ),
    );
    const expiries = Array.from({ length: 5 }, () => runExpiry(app, dayOf(new Date())));
    const [red] = await Promise.all([Promise.all(redemptions), Promise.all(earnings), Promise.all(expiries)]);
    expect(red.filter((r) => r.errors?.length)).toEqual([]);
    const spent = red.filter((r) => r.data.redeemPoints.redemption).reduce((s, r) => s + (r.data.redeemPoints.redemption.points as number), 0);
    const balance = await balanceOf(card.id);
    expect(balance).toBeGreaterThanOrEqual(0);
    expect(balance).toBe(20_000 + 20 * 400 - spent);
    expect(await ledgerMismatches(app)).toEqual([]);
    expect(await rollupMismatches(app)).toEqual([]);
  });
});
