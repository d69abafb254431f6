/**
 * Ingestion under concurrency: the rollups are written last in each transaction (rollups.ts), from
 * deltas collected in memory. Concurrent batches of several devices, districts, days, months and
 * quarters must leave every rollup equal to a recomputation from the raw rows; concurrent resends must
 * store and earn once; a batch that fails anywhere, including in the rollup statement, writes nothing.
 * On the PostgreSQL server the batches really run in parallel (pooled connections); on PGlite they
 * are serialised by the single connection.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withWriter } from "../../graphql/mutation.js";
import { createHarness, TEST_DB, type Harness } from "../../test/harness.js";
import { systemPrincipal } from "../core/auth.js";
import { row } from "../core/db.js";
import { KEQIAO, ledgerMismatches, makeNetwork, rollupMismatches, write, YUECHENG, type Network } from "./fixtures.js";
import { ingestWeighings } from "./ingest.js";
import { issueCard } from "./network.js";

let h: Harness;
let net: Network;
let cardNos: string[];

beforeAll(async () => {
  h = await createHarness();
  net = await makeNetwork(h.platform.app, { cards: 5, days: 120 });
  const more = await write(h.platform.app, async (w) => {
    const out: string[] = [];
    for (let i = 0; i < 5; i++) out.push((await issueCard(w, { cardNo: `CK-${net.keqiaoStationId}-${i}`, householdCode: `HKC-${i}`, districtId: KEQIAO, stationId: net.keqiaoStationId })).cardNo);
    return out;
  });
  cardNos = [...net.cards.map((c) => c.cardNo), net.keqiaoCard.cardNo, ...more];
});
afterAll(async () => h?.close());

function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

async function post(secret: string, records: unknown[]) {
  const res = await h.platform.server.inject({ method: "POST", url: "/ingest/weighings", headers: { "content-type": "application/json", "x-api-key": secret }, payload: JSON.stringify({ records }) });
  expect(res.statusCode).toBe(200);
  return res.json() as { received: number; accepted: number; duplicates: number; rejected: { code: string }[]; pointsEarned: number };
}

/** A batch of `n` records of one device from `seq` on, spread over today, yesterday, last month and last quarter, cards of both districts. */
function batch(seed: number, seq: number, n: number): Record<string, unknown>[] {
  const r = rng(seed);
  const ago = [0, 0, 0, 1, 1, 35, 80]; // days
  return Array.from({ length: n }, (_, i) => {
    const daysAgo = ago[Math.floor(r() * ago.length)]!;
    const at = new Date(Date.now() - daysAgo * 86_400_000 - Math.floor(r() * 3_600_000) - 60_000).toISOString();
    const phone = r() < 0.1;
    const card = r() < 0.75 ? cardNos[Math.floor(r() * cardNos.length)] : undefined;
    return {
      seq: seq + i,
      at,
      material: phone ? "ewaste_phone" : ["paper_cardboard", "plastic_pet", "metal_steel", "glass", "textile"][Math.floor(r() * 5)],
      weightGrams: 300 + Math.floor(r() * 9000),
      ...(phone ? { pieces: 1 + Math.floor(r() * 3) } : {}),
      ...(card ? { card } : {}),
    };
  });
}

const totals = async () =>
  (await row<{ w: number; l: number; earned: number; balance: number }>(
    h.database.db,
    sql`select (select count(*)::int from recycling.weighings) as w, (select count(*)::int from recycling.ledger) as l,
               (select coalesce(sum(points), 0)::int from recycling.ledger where kind = 'EARN') as earned, (select coalesce(sum(balance), 0)::int from recycling.cards) as balance`,
  ))!;

describe(`concurrent ingestion and the rollups (${TEST_DB})`, () => {
  it("concurrent batches of devices in two districts, over days, months and quarters: every rollup equals a recomputation from the raw rows", async () => {
    const before = await totals();
    const devices = [net.scale, net.bin, net.bridge, net.keqiaoScale];
    const sent = devices.flatMap((d, di) => Array.from({ length: 5 }, (_, b) => ({ d, records: batch(100 * di + b, 10_000 + b * 40, 40) })));
    const answers = await Promise.all(sent.map((s) => post(s.d.secret, s.records)));
    expect(answers.flatMap((a) => a.rejected)).toEqual([]);
    const accepted = answers.reduce((s, a) => s + a.accepted, 0);
    const points = answers.reduce((s, a) => s + a.pointsEarned, 0);
    expect(accepted).toBe(sent.length * 40);
    const after = await totals();
    expect(after.w - before.w).toBe(accepted);
    expect(after.earned - before.earned).toBe(points);
    expect(after.balance - before.balance).toBe(points);
    expect(await rollupMismatches(h.platform.app)).toEqual([]);
    expect(await ledgerMismatches(h.platform.app)).toEqual([]);
    // Both districts' rollups were written, points and active cards by the card's district.
    const dist = await row<{ y: number; k: number; ky: number }>(
      h.database.db,
      sql`select (select count(*)::int from recycling.roll_points_day where district_id = ${YUECHENG} and points_earned > 0) as y,
                 (select count(*)::int from recycling.roll_points_day where district_id = ${KEQIAO} and points_earned > 0) as k,
                 (select count(*)::int from recycling.roll_active_cards where district_id = ${KEQIAO} and kind = 'Q') as ky`,
    );
    expect(dist!.y).toBeGreaterThan(2);
    expect(dist!.k).toBeGreaterThan(2);
    expect(dist!.ky).toBeGreaterThanOrEqual(1);
  });

  it("concurrent resends and overlapping batches store and earn exactly once", async () => {
    const before = await totals();
    // Device A: one batch sent 4 times at once. Device B: batches overlapping by half, each sent twice.
    const a = batch(7, 50_000, 60);
    const all = batch(8, 60_000, 80);
    const b = Array.from({ length: 4 }, (_, i) => all.slice(i * 20, i * 20 + 40));
    const jobs = [
      ...Array.from({ length: 4 }, () => post(net.scale.secret, a)),
      ...b.flatMap((recs) => [post(net.keqiaoScale.secret, recs), post(net.keqiaoScale.secret, recs)]),
    ];
    const answers = await Promise.all(jobs);
    expect(answers.flatMap((x) => x.rejected)).toEqual([]);
    for (const x of answers) expect(x.accepted + x.duplicates).toBe(x.received);
    const distinct = 60 + 80;
    expect(answers.reduce((s, x) => s + x.accepted, 0)).toBe(distinct);
    const points = answers.reduce((s, x) => s + x.pointsEarned, 0);
    const after = await totals();
    expect(after.w - before.w).toBe(distinct);
    expect(after.earned - before.earned).toBe(points);
    // The points are exactly those of the stored weighings, each booked once.
    const booked = await row<{ n: number; dup: number; mismatch: number }>(
      h.database.db,
      sql`select (select count(*)::int from recycling.ledger l join recycling.weighings w on w.id = l.weighing_id where w.device_id in (${net.scale.id}, ${net.keqiaoScale.id}) and w.device_seq >= 50000) as n,
                 (select count(*)::int from (select weighing_id from recycling.ledger where weighing_id is not null group by 1 having count(*) > 1) d) as dup,
                 (select count(*)::int from recycling.weighings w left join recycling.ledger l on l.weighing_id = w.id where w.points > 0 and w.card_id is not null and (l.id is null or l.points <> w.points)) as mismatch`,
    );
    expect(booked!.dup).toBe(0);
    expect(booked!.mismatch).toBe(0);
    expect(booked!.n).toBeGreaterThan(50);
    // Sent again later: nothing new.
    const again = await post(net.scale.secret, a);
    expect(again).toMatchObject({ accepted: 0, duplicates: 60, pointsEarned: 0 });
    expect(await rollupMismatches(h.platform.app)).toEqual([]);
    expect(await ledgerMismatches(h.platform.app)).toEqual([]);
  });

  it("a batch that fails — in the service or in the final rollup statement — writes nothing", async () => {
    const snapshot = async () =>
      row(
        h.database.db,
        sql`select (select count(*) from recycling.weighings)::int as w, (select count(*) from recycling.ledger)::int as l,
                   (select coalesce(sum(balance), 0) from recycling.cards)::int as bal, (select coalesce(sum(remaining), 0) from recycling.lots)::int as lots,
                   (select coalesce(sum(points), 0) from recycling.card_days)::int as cd,
                   (select coalesce(sum(weight_grams), 0) from recycling.roll_station_day)::text as sd, (select coalesce(sum(weight_grams), 0) from recycling.roll_district_day)::text as dd,
                   (select coalesce(sum(weight_grams), 0) from recycling.roll_enterprise_month)::text as em, (select coalesce(sum(weight_grams), 0) from recycling.roll_station_month)::text as sm,
                   (select coalesce(sum(points_earned), 0) from recycling.roll_points_day)::text as pd, (select coalesce(sum(active_cards), 0) from recycling.roll_active_cards)::int as ac,
                   (select coalesce(sum(records_total), 0) from recycling.devices)::int as dev`,
      );
    const before = await snapshot();
    const p = { ...systemPrincipal("test"), label: `key:device-${net.scale.id}`, org: { kind: "recycling.device", id: net.scale.id } };
    const recs = batch(9, 70_000, 30);
    // 1. The service fails after storing and earning (before the rollup statement).
    await expect(
      withWriter(h.platform.app, p, { operation: "ingestWeighings" }, async (w) => {
        const r = await ingestWeighings(w, recs);
        expect(r.accepted).toBe(30);
        throw new Error("boom after ingest");
      }),
    ).rejects.toThrow("boom after ingest");
    expect(await snapshot()).toEqual(before);
    // 2. The failure comes after the rollup statement, still before the commit.
    let rollupsWritten = false;
    await expect(
      withWriter(h.platform.app, p, { operation: "ingestWeighings" }, async (w) => {
        await ingestWeighings(w, recs);
        w.beforeCommit(async () => {
          const x = await row<{ g: string }>(w.tx, sql`select coalesce(sum(weight_grams), 0)::text as g from recycling.roll_station_day`);
          rollupsWritten = x!.g !== before!.sd;
          throw new Error("boom at commit");
        });
      }),
    ).rejects.toThrow("boom at commit");
    expect(rollupsWritten).toBe(true);
    expect(await snapshot()).toEqual(before);
    // The same records then go in once.
    const ok = await post(net.scale.secret, recs);
    expect(ok.accepted).toBe(30);
    expect(await rollupMismatches(h.platform.app)).toEqual([]);
    expect(await ledgerMismatches(h.platform.app)).toEqual([]);
  });
});
