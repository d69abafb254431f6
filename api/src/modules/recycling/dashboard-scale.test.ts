/**
 * "Answers fast on a year of data": the one map at city scale. A city-year of rollups (6 districts × 365
 * days × 13 materials by district, 398 stations × 365 days × 5 materials by station, months, points,
 * active cards) is loaded on the PostgreSQL server, and the day, month, quarter and year views must come
 * back exact and within a bound that a scan of millions of raw weighings could not meet on this machine.
 * Only on the server (PGlite is a development database).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, ok, TEST_DB, type Harness } from "../../test/harness.js";
import { rows } from "../core/db.js";

const DISTRICTS = [330602, 330603, 330604, 330681, 330683, 330624];
const STATIONS = 398;
const YEAR = new Date().getUTCFullYear() - 1;
const DAYS = (Date.UTC(YEAR + 1, 0, 1) - Date.UTC(YEAR, 0, 1)) / 86_400_000;
const BOUND_MS = 1500;

let h: Harness;

describe.skipIf(TEST_DB !== "postgres")("the one map on a city-year of data", () => {
  beforeAll(async () => {
    h = await createHarness();
    const db = h.database.db;
    const mats = await rows<{ id: number }>(db, sql`select id from recycling.materials order by id`);
    expect(mats).toHaveLength(13);
    const y0 = `${YEAR}-01-01`;
    // by district: 1 t, 100 records, 80,000 points, 1,000 yuan per district, day and material
    await db.execute(sql`insert into recycling.roll_district_day (district_id, day, material_id, weight_grams, records, points, amount_yuan)
      select d, ${y0}::date + i, m, 1000000, 100, 80000, 1000 from unnest(${`{${DISTRICTS.join(",")}}`}::int[]) d, generate_series(0, ${DAYS - 1}) i, (select id as m from recycling.materials) mm`);
    // by station: 398 stations × each day × 5 materials (about 0.73 million rows)
    await db.execute(sql`insert into recycling.roll_station_day (station_id, day, material_id, district_id, enterprise_id, weight_grams, records, points, amount_yuan)
      select 1000000 + s, ${y0}::date + i, m, (${`{${DISTRICTS.join(",")}}`}::int[])[1 + s % 6], 1, 50000 + s, 5, 4000, 50
      from generate_series(1, ${STATIONS}) s, generate_series(0, ${DAYS - 1}) i, (select id as m from recycling.materials order by id limit 5) mm`);
    await db.execute(sql`insert into recycling.roll_station_month (station_id, month, district_id, weight_grams, records, points, amount_yuan)
      select station_id, date_trunc('month', day)::date, min(district_id), sum(weight_grams), sum(records), sum(points), sum(amount_yuan) from recycling.roll_station_day group by 1, 2`);
    await db.execute(sql`insert into recycling.roll_points_day (district_id, day, points_earned, points_redeemed, redeemed_yuan, redemptions, points_expired, points_adjusted, cards_issued)
      select d, ${y0}::date + i, 13 * 80000, 500000, 5000, 400, 0, 0, case when i = 0 then 40000 else 0 end from unnest(${`{${DISTRICTS.join(",")}}`}::int[]) d, generate_series(0, ${DAYS - 1}) i`);
    await db.execute(sql`insert into recycling.roll_active_cards (district_id, kind, start, active_cards)
      select d, 'Y', ${y0}::date, 30000 from unnest(${`{${DISTRICTS.join(",")}}`}::int[]) d
      union all select d, 'Q', (${y0}::date + make_interval(months => 3 * q))::date, 25000 from unnest(${`{${DISTRICTS.join(",")}}`}::int[]) d, generate_series(0, 3) q
      union all select d, 'M', (${y0}::date + make_interval(months => m))::date, 20000 from unnest(${`{${DISTRICTS.join(",")}}`}::int[]) d, generate_series(0, 11) m
      union all select d, 'D', ${y0}::date + i, 6000 from unnest(${`{${DISTRICTS.join(",")}}`}::int[]) d, generate_series(0, ${DAYS - 1}) i`);
    await db.execute(sql`analyze recycling.roll_district_day; analyze recycling.roll_station_day; analyze recycling.roll_station_month; analyze recycling.roll_points_day; analyze recycling.roll_active_cards`);
  }, 300_000);
  afterAll(async () => h?.close());

  const DASH = `query($p: RecyclingPeriodInput!) { recyclingDashboard(period: $p) {
    from to indicators { tonnes records pointsIssued pointsRedeemed redemptionYuan activeCards cardsTotal participationPct }
    byMaterial { weightGrams } byDistrict { tonnes } topStations { tonnes } series { start tonnes } } }`;

  it.each([
    ["YEAR", `${YEAR}-06-15`, DAYS, 30000, 12],
    ["QUARTER", `${YEAR}-05-10`, 91, 25000, 3],
    ["MONTH", `${YEAR}-03-31`, 31, 20000, 31],
    ["DAY", `${YEAR}-07-01`, 1, 6000, null],
  ] as const)("answers a %s exactly and fast", async (kind, day, days, activePerDistrict, seriesLen) => {
    const staff = await h.login("commerce");
    await h.gql(DASH, { p: { kind, day } }, { token: staff }); // warm the connection and the plan cache
    const t0 = performance.now();
    const r = ok(await h.gql(DASH, { p: { kind, day } }, { token: staff })).recyclingDashboard;
    const ms = performance.now() - t0;
    const i = r.indicators;
    expect(i.tonnes).toBe((6 * 13 * days).toFixed(3));
    expect(i.records).toBe(6 * 13 * 100 * days);
    expect(i.pointsIssued).toBe(String(6 * 13 * 80000 * days));
    expect(i.redemptionYuan).toBe((6 * 5000 * days).toFixed(2));
    expect(i.activeCards).toBe(6 * activePerDistrict);
    expect(i.cardsTotal).toBe(6 * 40000);
    expect(r.byMaterial).toHaveLength(13);
    expect(r.byDistrict).toHaveLength(6);
    if (seriesLen != null) expect(r.series.length).toBe(seriesLen);
    console.log(`[recycling one map] ${kind}: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});
