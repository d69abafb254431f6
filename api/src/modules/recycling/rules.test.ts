import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { withWriter } from "../../graphql/mutation.js";
import { systemPrincipal } from "../core/auth.js";
import { rows } from "../core/db.js";
import { makeNetwork, write, type Network } from "./fixtures.js";
import { ingestWeighings } from "./ingest.js";
import { clearParamCache } from "./params.js";
import { isPriceJump, priceChangePct, publishPrices } from "./prices.js";
import { checkSilentDevices, checkStationVolumes, isSilent, madOutlier, median } from "./rules.js";
import { addDays, dayOf, startOfDay } from "./time.js";

let h: Harness;
let net: Network;

beforeAll(async () => {
  h = await createHarness();
  net = await makeNetwork(h.platform.app, { cards: 2 });
});
afterAll(async () => h?.close());

const alertsOf = (rule: string) =>
  rows<{ id: number; status: string; occurrences: number; subject_id: number; detail: Record<string, unknown> }>(h.database.db, sql`select id, status, occurrences, subject_id, detail from core.alerts where rule = ${rule} order by id`);

function asDevice(deviceId: number) {
  return { ...systemPrincipal("test"), label: `key:device-${deviceId}`, org: { kind: "recycling.device", id: deviceId } };
}

describe("station daily weight far outside its recent range (median ± k·MAD)", () => {
  it("judges a value against the median and MAD of the history (pure)", () => {
    const hist = [100, 110, 90, 105, 95, 100, 102, 98, 104, 96, 100, 101, 99, 103].map((kg) => kg * 1000);
    expect(median([3, 1, 2])).toBe(2);
    expect(madOutlier(hist, 103_000, 3, 14).outlier).toBe(false);
    expect(madOutlier(hist, 400_000, 3, 14)).toMatchObject({ outlier: true, direction: "HIGH" });
    expect(madOutlier(hist, 0, 3, 14)).toMatchObject({ outlier: true, direction: "LOW" });
    expect(madOutlier(hist.slice(0, 13), 400_000, 3, 14).outlier).toBe(false); // too little history
  });

  it("raises one alert for the abnormal day and none for an ordinary one", async () => {
    const app = h.platform.app;
    const today = dayOf(new Date());
    let seq = 1;
    for (let d = 20; d >= 1; d--) {
      const at = new Date(startOfDay(addDays(today, -d)).getTime() + 10 * 3_600_000);
      const kg = d === 1 ? 900 : 95 + ((d * 7) % 11);
      const recs = [{ seq: seq++, at: at.toISOString(), material: "metal_steel", weightGrams: Math.round(kg * 1000 * 0.5) }, { seq: seq++, at: new Date(at.getTime() + 60_000).toISOString(), material: "metal_steel", weightGrams: Math.round(kg * 1000 * 0.5) }];
      await withWriter(app, asDevice(net.scale.id), { operation: "ingestWeighings" }, (w) => ingestWeighings(w, recs, new Date(at.getTime() + 3_600_000)));
    }
    const ordinary = await write(app, (w) => checkStationVolumes(w, addDays(today, -2)));
    expect(ordinary.map((f) => f.stationId)).not.toContain(net.stationId);
    const abnormal = await write(app, (w) => checkStationVolumes(w, addDays(today, -1)));
    expect(abnormal.find((f) => f.stationId === net.stationId)?.verdict.direction).toBe("HIGH");
    await write(app, (w) => checkStationVolumes(w, addDays(today, -1)));
    const alerts = await alertsOf("recycling.station_volume");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ subject_id: net.stationId, occurrences: 2 });
    expect(alerts[0]!.detail).toMatchObject({ day: addDays(today, -1), valueKg: 900 });
  });
});

describe("device silent too long", () => {
  it("raises one ongoing alert per silent device and closes it when the device reports again", async () => {
    const app = h.platform.app;
    const now = new Date();
    expect(isSilent(null, new Date(now.getTime() - 49 * 3_600_000), now, 48)).toBe(true);
    expect(isSilent(new Date(now.getTime() - 47 * 3_600_000), new Date(0), now, 48)).toBe(false);
    await h.database.db.execute(sql`update recycling.devices set last_seen_at = now() - interval '72 hours' where id = ${net.bin.id}`);
    await h.database.db.execute(sql`update recycling.devices set last_seen_at = now() - interval '1 hour' where id <> ${net.bin.id}`);
    expect(await write(app, (w) => checkSilentDevices(w, now))).toEqual([net.bin.id]);
    await write(app, (w) => checkSilentDevices(w, now));
    const open = await alertsOf("recycling.device_silent");
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: "OPEN", occurrences: 2, subject_id: net.bin.id });
    const staff = await h.login("commerce");
    const silentList = ok(await h.gql(`{ recyclingDevices(first: 10, filter: { silent: true }) { edges { node { code silent } } } }`, {}, { token: staff }));
    expect(silentList.recyclingDevices.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual([net.bin.code]);

    await withWriter(app, asDevice(net.bin.id), { operation: "ingestWeighings" }, (w) => ingestWeighings(w, [{ seq: 1, at: new Date().toISOString(), material: "plastic_pet", weightGrams: 300 }]));
    expect((await alertsOf("recycling.device_silent"))[0]!.status).toBe("CLOSED");
  });
});

describe("price jump beyond the threshold", () => {
  it("alerts on a change beyond 30 % against the previous publication, not on a small one", async () => {
    expect(priceChangePct("2.00", "2.60")).toBe(30);
    expect(isPriceJump("2.00", "2.60", 30)).toBe(false);
    expect(isPriceJump("2.00", "2.61", 30)).toBe(true);
    expect(isPriceJump("2.00", "1.39", 30)).toBe(true);
    expect(isPriceJump(null, "9.00", 30)).toBe(false);
    const today = dayOf(new Date());
    const copper = net.materials.get("metal_copper")!;
    const glass = net.materials.get("glass")!;
    const out = await write(h.platform.app, (w) =>
      publishPrices(w, { day: today, enterpriseId: null, items: [{ materialId: copper, priceYuan: "1.45" }, { materialId: glass, priceYuan: "1.10" }] }),
    );
    expect(out.map((o) => o.changePct)).toEqual([45, 10]);
    const alerts = await alertsOf("recycling.price_jump");
    expect(alerts.map((a) => a.subject_id)).toEqual([copper]);
    expect(alerts[0]!.detail).toMatchObject({ previous: "1.00", current: "1.45", changePct: 45 });
  });
});

describe("a card earning implausibly much in a day", () => {
  it("alerts once when the day's points cross the limit, with the limit a staff-tunable parameter", async () => {
    const app = h.platform.app;
    const staff = await h.login("commerce");
    const setQ = `mutation($k: String!, $v: Float!) { updateRecyclingRuleParameter(key: $k, value: $v) { parameter { key value updatedBy } userErrors { field code } } }`;
    const bad = ok(await h.gql(setQ, { k: "alert.card_daily_points", v: -1 }, { token: staff }));
    expect(bad.updateRecyclingRuleParameter.userErrors[0].code).toBe("OUT_OF_RANGE");
    const xinchang = await h.login("commerce.xinchang");
    expect((await h.gql(setQ, { k: "alert.card_daily_points", v: 1000 }, { token: xinchang })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const set = ok(await h.gql(setQ, { k: "alert.card_daily_points", v: 1000 }, { token: staff }));
    expect(set.updateRecyclingRuleParameter.parameter).toEqual({ key: "alert.card_daily_points", value: 1000, updatedBy: "user:commerce" });
    clearParamCache();
    const card = net.cards[1]!;
    const ingest = (seq: number, grams: number) =>
      withWriter(app, asDevice(net.keqiaoScale.id), { operation: "ingestWeighings" }, (w) => ingestWeighings(w, [{ seq, at: new Date(Date.now() - 60_000).toISOString(), material: "paper_cardboard", weightGrams: grams, card: card.cardNo }]));
    await ingest(1, 10_000); // 800 points
    expect(await alertsOf("recycling.card_daily_points")).toHaveLength(0);
    await ingest(2, 5_000); // 1,200 points: crosses 1,000
    await ingest(3, 5_000); // 1,600: already above, no second alert
    const alerts = await alertsOf("recycling.card_daily_points");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ subject_id: card.id, occurrences: 1 });
    expect(alerts[0]!.detail).toMatchObject({ points: 1200, threshold: 1000 });
    const params = ok(await h.gql(`{ recyclingRuleParameters { key value unit descriptionZh } }`, {}, { token: staff }));
    expect(params.recyclingRuleParameters.find((p: { key: string }) => p.key === "alert.card_daily_points").value).toBe(1000);
    expect(params.recyclingRuleParameters.find((p: { key: string }) => p.key === "points.expiry_days").value).toBe(180);
  });
});
