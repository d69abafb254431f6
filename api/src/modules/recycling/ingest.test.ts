import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { clearPrincipalCache } from "../core/auth.js";
import { row, rows } from "../core/db.js";
import { ledgerMismatches, makeNetwork, rollupMismatches, write, type Network } from "./fixtures.js";
import { publishPrices } from "./prices.js";
import { addDays, dayOf } from "./time.js";

let h: Harness;
let net: Network;
const now = Date.now();
const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();

async function post(secret: string | null, body: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret) headers["x-api-key"] = secret;
  const res = await h.platform.server.inject({ method: "POST", url: "/ingest/weighings", headers, payload: JSON.stringify(body) });
  return { status: res.statusCode, body: res.json() as Record<string, any> };
}

async function cardState(id: number) {
  return (await row<{ balance: number; earned_total: string }>(h.database.db, sql`select balance, earned_total::text from recycling.cards where id = ${id}`))!;
}
const count = async (q: string) => Number((await row<{ n: string }>(h.database.db, sql.raw(q)))!.n);

beforeAll(async () => {
  h = await createHarness();
  net = await makeNetwork(h.platform.app, { cards: 3 });
});
afterAll(async () => h?.close());

describe("exactly-once ingestion", () => {
  it("accepts a batch, books points per material, and ignores the same batch sent again", async () => {
    const card = net.cards[0]!;
    const batch = {
      records: [
        { seq: 1, at: iso(30), material: "paper_cardboard", weightGrams: 2500, card: card.cardNo },
        { seq: 2, at: iso(29), material: "plastic_pet", weightGrams: 1234, card: card.cardNo },
        { seq: 3, at: iso(28), material: "metal_steel", weightGrams: 8000 },
      ],
    };
    const first = await post(net.scale.secret, batch);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 3, accepted: 3, duplicates: 0, rejected: [] });
    // cardboard 80/kg × 2.5 kg = 200; PET 100/kg × 1.234 kg = 123 (rounded down); no card → no points
    expect(first.body.pointsEarned).toBe(323);
    expect((await cardState(card.id)).balance).toBe(323);

    const again = await post(net.scale.secret, batch);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3, duplicateIndexes: [0, 1, 2], rejected: [], pointsEarned: 0 });
    expect((await cardState(card.id)).balance).toBe(323);
    expect(await count(`select count(*) n from recycling.weighings where device_id = ${net.scale.id}`)).toBe(3);
    expect(await count(`select count(*) n from recycling.ledger where card_id = ${card.id}`)).toBe(2);
  });

  it("never double-counts when the same batch arrives twice at the same time", async () => {
    const card = net.cards[1]!;
    const batch = { records: Array.from({ length: 20 }, (_, i) => ({ seq: 100 + i, at: iso(60 - i), material: "paper_news", weightGrams: 1000, card: card.cardNo })) };
    const [a, b] = await Promise.all([post(net.scale.secret, batch), post(net.scale.secret, batch)]);
    expect(a.body.accepted + b.body.accepted).toBe(20);
    expect(a.body.duplicates + b.body.duplicates).toBe(20);
    expect((await cardState(card.id)).balance).toBe(20 * 80);
  });

  it("accepts an offline backlog uploaded later and out of order, without touching the newest sequence", async () => {
    const recent = await post(net.bin.secret, { records: [10, 11, 12].map((s) => ({ seq: s, at: iso(5 + 12 - s), material: "plastic_pet", weightGrams: 500 })) });
    expect(recent.body.accepted).toBe(3);
    const backlog = await post(net.bin.secret, {
      records: [9, 4, 7, 5, 8, 6].map((s) => ({ seq: String(s), at: new Date(now - (3 * 86_400_000 - s * 3_600_000)).toISOString(), material: "plastic_pet", weightGrams: 400 })),
    });
    expect(backlog.body).toMatchObject({ accepted: 6, duplicates: 0, rejected: [] });
    const d = (await row<{ last_seq: string; records_total: string; last_record_at: string }>(h.database.db, sql`select last_seq::text, records_total::text, last_record_at from recycling.devices where id = ${net.bin.id}`))!;
    expect(d.last_seq).toBe("12");
    expect(d.records_total).toBe("9");
    expect(new Date(d.last_record_at).getTime()).toBe(new Date(iso(5)).getTime());
  });

  it("rejects each bad record with its index and reason and keeps the good ones", async () => {
    const card = net.cards[2]!;
    const records = [
      { seq: 200, at: iso(10), material: "paper_cardboard", weightGrams: 1000, card: card.cardNo }, // good
      { seq: 201, at: iso(10), material: "gold_bars", weightGrams: 1000 },
      { seq: 202, at: iso(10), material: "glass", weightGrams: -5 },
      { seq: 203, at: new Date(now + 3 * 3_600_000).toISOString(), material: "glass", weightGrams: 100 },
      { seq: 204, at: "2026-01-01 10:00", material: "glass", weightGrams: 100 },
      { seq: 205, at: iso(10), material: "glass", weightGrams: 100, card: "NO-SUCH-CARD" },
      { seq: 206, at: iso(10), material: "glass", weightGrams: 900_000 },
      { seq: 207, at: iso(10), material: "glass", weightGrams: 100, pieces: 2 },
      { seq: 208, at: iso(10), material: "ewaste_phone", weightGrams: 300 },
      { seq: -1, at: iso(10), material: "glass", weightGrams: 100 },
      { seq: 209, at: new Date(now - 200 * 86_400_000).toISOString(), material: "glass", weightGrams: 100 },
      "not a record",
      { seq: 210, at: iso(9), material: "ewaste_phone", weightGrams: 300, pieces: 2, card: card.cardNo }, // good: 2 phones × 500
    ];
    const r = await post(net.scale.secret, { records });
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(2);
    expect(r.body.pointsEarned).toBe(80 + 1000);
    expect(r.body.rejected.map((x: { index: number; code: string }) => [x.index, x.code])).toEqual([
      [1, "UNKNOWN_MATERIAL"],
      [2, "INVALID_WEIGHT"],
      [3, "FUTURE_TIME"],
      [4, "INVALID_TIME"],
      [5, "UNKNOWN_CARD"],
      [6, "OVER_CAPACITY"],
      [7, "INVALID_PIECES"],
      [8, "INVALID_PIECES"],
      [9, "INVALID_SEQ"],
      [10, "TOO_OLD"],
      [11, "INVALID_RECORD"],
    ]);
    for (const x of r.body.rejected) expect(x.reason.length).toBeGreaterThan(5);
    expect((await cardState(card.id)).balance).toBe(1080);
  });

  it("refuses a sequence number reused for a different record and keeps the stored one", async () => {
    const r = await post(net.scale.secret, { records: [{ seq: 3, at: iso(28), material: "metal_steel", weightGrams: 9999 }] });
    expect(r.body.accepted).toBe(0);
    expect(r.body.rejected).toEqual([expect.objectContaining({ index: 0, code: "SEQ_CONFLICT" })]);
    const w = await row<{ weight_grams: number }>(h.database.db, sql`select weight_grams from recycling.weighings where device_id = ${net.scale.id} and device_seq = 3`);
    expect(w!.weight_grams).toBe(8000);
    const inBatch = await post(net.scale.secret, { records: [{ seq: 300, at: iso(3), material: "glass", weightGrams: 100 }, { seq: 300, at: iso(3), material: "glass", weightGrams: 200 }, { seq: 300, at: iso(3), material: "glass", weightGrams: 100 }] });
    expect(inBatch.body).toMatchObject({ accepted: 1, duplicates: 1, duplicateIndexes: [2] });
    expect(inBatch.body.rejected).toEqual([expect.objectContaining({ index: 1, code: "SEQ_CONFLICT" })]);
  });

  it("lets a device report only for itself", async () => {
    const r = await post(net.scale.secret, { records: [{ device: net.bin.code, seq: 999, at: iso(1), material: "glass", weightGrams: 100 }] });
    expect(r.body.rejected[0].code).toBe("DEVICE_MISMATCH");
    const own = await post(net.scale.secret, { records: [{ device: net.scale.code, seq: 998, at: iso(1), material: "glass", weightGrams: 100 }] });
    expect(own.body.accepted).toBe(1);
  });
});

describe("pricing at the record's own time", () => {
  it("prices a late record with the price in force on its day, the enterprise's own price first", async () => {
    const app = h.platform.app;
    const today = dayOf(new Date());
    const cardboard = net.materials.get("paper_cardboard")!;
    await write(app, async (w) => {
      await publishPrices(w, { day: addDays(today, -10), enterpriseId: null, items: [{ materialId: cardboard, priceYuan: "1.20" }] });
      await publishPrices(w, { day: addDays(today, -5), enterpriseId: null, items: [{ materialId: cardboard, priceYuan: "1.50" }] });
      await publishPrices(w, { day: addDays(today, -5), enterpriseId: net.enterpriseId, items: [{ materialId: cardboard, priceYuan: "1.66" }] });
      await publishPrices(w, { day: today, enterpriseId: null, items: [{ materialId: cardboard, priceYuan: "2.00" }] });
    });
    const at = (daysAgo: number) => new Date(`${addDays(today, -daysAgo)}T03:00:00Z`).toISOString(); // 11:00 in Shanghai
    const r = await post(net.bridge.secret, {
      records: [
        { seq: 1, at: at(7), material: "paper_cardboard", weightGrams: 1_000_000 },
        { seq: 2, at: at(5), material: "paper_cardboard", weightGrams: 1_000_000 },
        { seq: 3, at: at(3), material: "paper_cardboard", weightGrams: 2_500_000 },
        { seq: 4, at: iso(1), material: "paper_cardboard", weightGrams: 1_000_000 },
        { seq: 5, at: at(80), material: "paper_cardboard", weightGrams: 1_000 },
      ],
    });
    expect(r.body.accepted).toBe(5);
    const priced = await rows<{ device_seq: string; unit_price_yuan: string | null; amount_yuan: string | null }>(
      h.database.db,
      sql`select device_seq::text, unit_price_yuan::text, amount_yuan::text from recycling.weighings where device_id = ${net.bridge.id} order by device_seq`,
    );
    expect(priced.map((p) => [p.device_seq, p.unit_price_yuan, p.amount_yuan])).toEqual([
      ["1", "1.20", "1200.00"],
      ["2", "1.66", "1660.00"],
      ["3", "1.66", "4150.00"],
      ["4", "2.00", "2000.00"],
      ["5", null, null],
    ]);
  });
});

describe("access", () => {
  it("refuses missing, wrong and revoked keys, and staff without the ingest scope", async () => {
    expect((await post(null, { records: [] })).status).toBe(401);
    expect((await post("zwk_000000000000.nope", { records: [] })).status).toBe(401);
    const staff = await h.login("commerce");
    const res = await h.platform.server.inject({ method: "POST", url: "/ingest/weighings", headers: { "content-type": "application/json", authorization: `Bearer ${staff}` }, payload: JSON.stringify({ records: [] }) });
    expect(res.statusCode).toBe(403);
    expect((await post(net.scale.secret, { notRecords: true })).status).toBe(400);
    expect((await post(net.scale.secret, { records: Array.from({ length: 5001 }, () => ({})) })).status).toBe(400);

    const admin = await h.login("admin");
    const id = Buffer.from(`RecyclingDevice:${net.keqiaoScale.id}`).toString("base64url");
    const rotated = ok(await h.gql(`mutation($id: ID!) { rotateRecyclingDeviceKey(id: $id) { secret userErrors { code } } }`, { id }, { token: staff }));
    expect(rotated.rotateRecyclingDeviceKey.secret).toMatch(/^zwk_/);
    clearPrincipalCache();
    expect((await post(net.keqiaoScale.secret, { records: [] })).status).toBe(401);
    expect((await post(rotated.rotateRecyclingDeviceKey.secret, { records: [] })).status).toBe(200);
    expect(admin).toBeTruthy();
  });

  it("ingests through the GraphQL mutation with the device key too", async () => {
    const q = `mutation($i: IngestWeighingsInput!) { ingestWeighings(input: $i) { received accepted duplicates rejected { index code reason } pointsEarned userErrors { code } } }`;
    const recs = [{ seq: "5000", at: iso(2), material: "textile", weightGrams: 3000, card: net.cards[0]!.cardNo }];
    const r = ok(await h.gql(q, { i: { records: recs } }, { apiKey: net.scale.secret }));
    expect(r.ingestWeighings).toMatchObject({ received: 1, accepted: 1, duplicates: 0, rejected: [], pointsEarned: 120 });
    const again = ok(await h.gql(q, { i: { records: recs } }, { apiKey: net.scale.secret }));
    expect(again.ingestWeighings).toMatchObject({ accepted: 0, duplicates: 1, pointsEarned: 0 });
    const staff = await h.login("commerce");
    const denied = await h.gql(q, { i: { records: recs } }, { token: staff });
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("read models", () => {
  it("keeps every rollup equal to the raw records and every balance equal to its ledger", async () => {
    expect(await rollupMismatches(h.platform.app)).toEqual([]);
    expect(await ledgerMismatches(h.platform.app)).toEqual([]);
  });
});
